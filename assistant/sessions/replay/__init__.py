"""A stored session as a trainer replays it: lanes, envelopes, seeking, re-running."""
