"""The engine: one pipeline that runs a call, from audio blocks to prompts and findings."""
