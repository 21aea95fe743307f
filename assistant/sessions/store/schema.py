"""The session database's tables, and its schema number (a newer one is refused).

``sessions`` holds one row per call (its metadata, state, summary), ``events`` every event in
order, ``notes`` the trainers' notes; ``meta`` keeps the schema number.
"""

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_path TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    call_time TEXT,
    agent_name TEXT NOT NULL DEFAULT '',
    agent_id TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    pack_text TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    recogniser TEXT NOT NULL DEFAULT 'off',
    has_caller INTEGER NOT NULL,
    app_version TEXT NOT NULL DEFAULT '',
    writer_pid INTEGER,
    state TEXT NOT NULL,
    duration_s REAL NOT NULL DEFAULT 0,
    audio_file TEXT NOT NULL DEFAULT '',
    audio_state TEXT NOT NULL DEFAULT 'none',
    retention_days INTEGER,
    summary TEXT,
    remark TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS events (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    t REAL NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    t REAL NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
"""
