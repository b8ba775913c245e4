-- Durable event streams (the outbox), PostgreSQL: as the SQLite set, with BIGINT and jsonb.
-- Each mutation appends its events in its own transaction. A stream's head is
-- bumped with an upsert, which also serializes appenders of one stream on PostgreSQL, so positions are gap-free and
-- become visible in order. Consumers keep their own offset per stream.

CREATE TABLE streams (
    name       TEXT PRIMARY KEY,
    head       BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE stream_events (
    stream     TEXT NOT NULL REFERENCES streams (name) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    type       TEXT NOT NULL,
    payload    JSONB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (stream, position)
);

CREATE TABLE stream_offsets (
    stream     TEXT NOT NULL,
    consumer   TEXT NOT NULL,
    position   BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (stream, consumer)
);
