"""The replay window for trainers: a recorded call on a timeline, with sound, the overlay
as it was, the scorecard, notes and a pack comparison. Thin Qt views over
:mod:`assistant.sessions.replay.timeline`."""
