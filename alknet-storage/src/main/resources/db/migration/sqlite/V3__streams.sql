-- Durable event streams (the outbox): each mutation appends its events in its own transaction. A stream's head is
-- bumped with an upsert, which also serializes appenders of one stream on PostgreSQL, so positions are gap-free and
-- become visible in order. Consumers keep their own offset per stream.

CREATE TABLE streams (
    name       TEXT PRIMARY KEY,
    head       INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE stream_events (
    stream     TEXT NOT NULL REFERENCES streams (name) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    type       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (stream, position)
);

CREATE TABLE stream_offsets (
    stream     TEXT NOT NULL,
    consumer   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (stream, consumer)
);
