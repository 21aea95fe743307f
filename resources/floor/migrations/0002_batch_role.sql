-- A `batch` credential (QA's archive analysis) writes sessions for any agent and reads all;
-- an archive call's agent need not be enrolled (a row without credentials is added for it).

ALTER TABLE agents DROP CONSTRAINT agents_role_check;
ALTER TABLE agents ADD CONSTRAINT agents_role_check
    CHECK (role IN ('agent', 'trainer', 'supervisor', 'batch'));

CREATE OR REPLACE FUNCTION floor_reads_all() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('app.role', true), '')
                 IN ('trainer', 'supervisor', 'batch') $$;
CREATE FUNCTION floor_writes_any() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('app.role', true), '') = 'batch' $$;

DROP POLICY sessions_write ON sessions;
CREATE POLICY sessions_write ON sessions FOR INSERT
    WITH CHECK (agent_id = floor_agent() OR floor_writes_any());

DROP POLICY events_write ON events;
CREATE POLICY events_write ON events FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id
                        AND (s.agent_id = floor_agent() OR floor_writes_any())));

DROP POLICY audio_write ON session_audio;
CREATE POLICY audio_write ON session_audio FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id
                        AND (s.agent_id = floor_agent() OR floor_writes_any())));
