-- A call's events as one JSON array per session instead of a row per event: a floor makes
-- ~30,000 calls a day of ~1,800 events each (mostly level readings every 100 ms), which is
-- 54 million rows a day as rows, and 30,000 compressed values as arrays. Events are read
-- whole (replay, reports); what is queried across calls (prompts, findings) is in the
-- summary, and the prompt count is kept beside the session for lists.

-- The data move must see every agent's rows: the owner (who migrates) is exempt from the
-- policies only while they are not forced.
ALTER TABLE sessions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE events NO FORCE ROW LEVEL SECURITY;

CREATE TABLE session_events (
    session_id text PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    events     jsonb NOT NULL
);
ALTER TABLE sessions ADD COLUMN prompts integer NOT NULL DEFAULT 0;

INSERT INTO session_events (session_id, events)
    SELECT session_id, jsonb_agg(jsonb_build_array(kind, t, channel, data) ORDER BY seq)
    FROM events GROUP BY session_id;
UPDATE sessions s SET prompts = (SELECT count(*) FROM events e
                                 WHERE e.session_id = s.id AND e.kind = 'PromptRaised');
DROP TABLE events;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;

ALTER TABLE session_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE session_events FORCE ROW LEVEL SECURITY;
CREATE POLICY session_events_read ON session_events FOR SELECT
    USING (floor_reads_all() OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id));
CREATE POLICY session_events_write ON session_events FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id
                        AND (s.agent_id = floor_agent() OR floor_writes_any())));
