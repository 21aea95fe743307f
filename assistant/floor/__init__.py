"""The floor: one central store for a call centre's sessions, the service agents send them
to, and the live state supervisors watch. Qt-free; the single-machine product needs none of
it (no central store configured: sessions stay in the local SQLite store only).

    migrate     the PostgreSQL schema, applied by a small versioned runner
    credentials enrolled agents and their tokens (only hashes kept)
    repository  storing and reading sessions in PostgreSQL (row-level security per agent)
    app         the ingestion service (FastAPI), ``create_app(...)``
    serve       running it under uvicorn with TLS
    config      the site policy's ``[floor]`` table and the agent's token
    client      the desktop's HTTP client for the service
    sync        the sender thread that empties the outbox (resend with backoff)
    reader      the central store read like the local one (team reports, replay list)
    live, hub, livestate, agent_live, link, board, watch, reporter, coaching
                the live floor: agents' state streamed to the service, the supervisors' board
"""
