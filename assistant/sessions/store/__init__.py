"""Where sessions are kept: the SQLite store, its codec and checks, audio files, transfer."""
