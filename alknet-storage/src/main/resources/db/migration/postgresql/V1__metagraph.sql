-- Metagraph (spec 2.11), PostgreSQL: as the SQLite set, with jsonb for JSON, BIGINT times and BOOLEAN flags.
-- nodes and edges record their type by name (node_type, edge_type) with no foreign key: types are enforced in
-- the application, which is what the spec asks for, and edges need the endpoint types for their rules.

CREATE TABLE graph_types (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    config      JSONB NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    scope       TEXT NOT NULL DEFAULT 'system' CHECK (scope IN ('system', 'tenant', 'user')),
    metadata    JSONB NOT NULL DEFAULT '{}',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE node_types (
    id            TEXT PRIMARY KEY,
    graph_type_id TEXT NOT NULL REFERENCES graph_types (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    description   TEXT,
    schema        JSONB NOT NULL,
    metadata      JSONB NOT NULL DEFAULT '{}',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (graph_type_id, name)
);

CREATE TABLE edge_types (
    id                   TEXT PRIMARY KEY,
    graph_type_id        TEXT NOT NULL REFERENCES graph_types (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    description          TEXT,
    schema               JSONB NOT NULL,
    allowed_source_types JSONB NOT NULL DEFAULT '[]',
    allowed_target_types JSONB NOT NULL DEFAULT '[]',
    metadata             JSONB NOT NULL DEFAULT '{}',
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    UNIQUE (graph_type_id, name)
);

CREATE TABLE graphs (
    id            TEXT PRIMARY KEY,
    graph_type_id TEXT REFERENCES graph_types (id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    description   TEXT,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    owner_id      TEXT,
    project_id    TEXT,
    metadata      JSONB NOT NULL DEFAULT '{}',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX graphs_owner ON graphs (owner_id);
CREATE INDEX graphs_project ON graphs (project_id);
CREATE INDEX graphs_owner_project ON graphs (owner_id, project_id);

CREATE TABLE nodes (
    id         TEXT PRIMARY KEY,
    graph_id   TEXT NOT NULL REFERENCES graphs (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    node_type  TEXT NOT NULL,
    attributes JSONB NOT NULL DEFAULT '{}',
    metadata   JSONB NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (graph_id, key)
);

CREATE TABLE edges (
    id              TEXT PRIMARY KEY,
    graph_id        TEXT NOT NULL REFERENCES graphs (id) ON DELETE CASCADE,
    key             TEXT,
    edge_type       TEXT NOT NULL,
    source_node_key TEXT NOT NULL,
    target_node_key TEXT NOT NULL,
    attributes      JSONB NOT NULL DEFAULT '{}',
    undirected      BOOLEAN NOT NULL DEFAULT FALSE,
    metadata        JSONB NOT NULL DEFAULT '{}',
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (graph_id, key),
    FOREIGN KEY (graph_id, source_node_key) REFERENCES nodes (graph_id, key) ON DELETE CASCADE,
    FOREIGN KEY (graph_id, target_node_key) REFERENCES nodes (graph_id, key) ON DELETE CASCADE
);
CREATE INDEX edges_source ON edges (graph_id, source_node_key);
CREATE INDEX edges_target ON edges (graph_id, target_node_key);
