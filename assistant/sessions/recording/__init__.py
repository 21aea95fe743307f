"""A call becoming a session while it runs: the recorder sink and how front ends start it."""
