-- The central store: enrolled agents and their credentials, and the sessions they send.
-- Applied by `assistant floor init-db` (assistant.floor.migrate) in one transaction.

CREATE TABLE agents (
    agent_id   text PRIMARY KEY CHECK (agent_id <> ''),
    name       text NOT NULL DEFAULT '',
    team       text NOT NULL DEFAULT '',
    role       text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'trainer', 'supervisor')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A credential is "<token_id>.<secret>"; only sha256(secret) is kept. The secret is 32
-- random bytes, so a plain hash is enough (there is nothing to guess a dictionary from).
CREATE TABLE credentials (
    token_id    text PRIMARY KEY,
    agent_id    text NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
    secret_hash text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX credentials_agent ON credentials(agent_id);

CREATE TABLE sessions (
    id             text PRIMARY KEY CHECK (id ~ '^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$'),
    agent_id       text NOT NULL REFERENCES agents(agent_id),
    agent_name     text NOT NULL DEFAULT '',
    started_at     timestamp NOT NULL,
    call_time      timestamp,
    language       text NOT NULL,
    pack_id        text NOT NULL,
    pack_version   text NOT NULL,
    state          text NOT NULL,
    duration_s     double precision NOT NULL,
    info           jsonb NOT NULL,
    summary        jsonb,
    pack_text      text NOT NULL DEFAULT '',
    has_transcript boolean NOT NULL DEFAULT false,
    payload_sha256 text NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_agent_time ON sessions(agent_id, call_time);
CREATE INDEX sessions_time ON sessions(call_time);

CREATE TABLE events (
    session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    t          double precision NOT NULL,
    kind       text NOT NULL,
    channel    text,
    data       jsonb NOT NULL,
    PRIMARY KEY (session_id, seq)
);

CREATE TABLE notes (
    session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    t          double precision NOT NULL,
    text       text NOT NULL,
    author     text NOT NULL DEFAULT '',
    created_at text NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, seq)
);

CREATE TABLE session_audio (
    session_id text PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    sha256     text NOT NULL,
    flac       bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Defence in depth: the service sets app.agent and app.role for each transaction, and
-- PostgreSQL itself refuses a row of another agent even if the service had a bug.
-- FORCE applies the policies to the tables' owner too (the role the service logs in as).
CREATE FUNCTION floor_agent() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('app.agent', true), '') $$;
CREATE FUNCTION floor_reads_all() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('app.role', true), '') IN ('trainer', 'supervisor') $$;

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_read ON sessions FOR SELECT
    USING (agent_id = floor_agent() OR floor_reads_all());
CREATE POLICY sessions_write ON sessions FOR INSERT
    WITH CHECK (agent_id = floor_agent());

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT
    USING (floor_reads_all() OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id));
CREATE POLICY events_write ON events FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM sessions s
                        WHERE s.id = session_id AND s.agent_id = floor_agent()));

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT
    USING (floor_reads_all() OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id));
CREATE POLICY notes_write ON notes FOR INSERT
    WITH CHECK (floor_reads_all() OR EXISTS (SELECT 1 FROM sessions s
                        WHERE s.id = session_id AND s.agent_id = floor_agent()));

ALTER TABLE session_audio ENABLE ROW LEVEL SECURITY;
ALTER TABLE session_audio FORCE ROW LEVEL SECURITY;
CREATE POLICY audio_read ON session_audio FOR SELECT
    USING (floor_reads_all() OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id));
CREATE POLICY audio_write ON session_audio FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM sessions s
                        WHERE s.id = session_id AND s.agent_id = floor_agent()));
