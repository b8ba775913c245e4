-- At-least-once work queue (PostgreSQL: BIGINT times, jsonb payload).
-- Times here are unix milliseconds: visibility timeouts are often shorter than a second.
-- A job is claimable when available_at <= now; a claim pushes available_at to the end of its visibility timeout
-- and sets a fresh claim_token, so only the latest claimant can acknowledge it.

CREATE TABLE queue_jobs (
    id           TEXT PRIMARY KEY,
    queue        TEXT NOT NULL,
    payload      JSONB NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    available_at BIGINT NOT NULL,
    claim_token  TEXT,
    claimed_by   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX queue_jobs_available ON queue_jobs (queue, available_at);
