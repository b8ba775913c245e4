-- Identity tables (spec 2.11). Beyond the spec: accounts and organizations carry the scopes and resources they grant
-- (JSON), and peer_credentials keeps the token key id (hex SHA-256 of the raw Ed25519 key) so a signed-timestamp
-- token finds its key with one indexed lookup.

CREATE TABLE accounts (
    id           TEXT PRIMARY KEY,
    email        TEXT NOT NULL UNIQUE,
    display_name TEXT,
    access_level TEXT NOT NULL DEFAULT 'user' CHECK (access_level IN ('admin', 'user', 'service')),
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deactivated')),
    scopes       TEXT NOT NULL DEFAULT '[]',
    resources    TEXT NOT NULL DEFAULT '{}',
    metadata     TEXT NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    slug       TEXT NOT NULL UNIQUE,
    owner_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
    scopes     TEXT NOT NULL DEFAULT '[]',
    resources  TEXT NOT NULL DEFAULT '{}',
    metadata   TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE organization_members (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    membership_level TEXT NOT NULL DEFAULT 'member' CHECK (membership_level IN ('owner', 'admin', 'member')),
    metadata         TEXT NOT NULL DEFAULT '{}',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (org_id, account_id)
);
CREATE INDEX organization_members_account ON organization_members (account_id);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_hash      TEXT NOT NULL UNIQUE,
    name          TEXT,
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    expires_at    INTEGER,
    revoked_at    INTEGER,
    rotated_to_id TEXT,
    last_used_at  INTEGER,
    metadata      TEXT NOT NULL DEFAULT '{}',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX api_keys_owner ON api_keys (owner_id);

CREATE TABLE peer_credentials (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_type TEXT NOT NULL CHECK (credential_type IN ('ssh_key', 'cert_authority')),
    fingerprint     TEXT NOT NULL UNIQUE,
    public_key_data TEXT NOT NULL,
    token_key_id    TEXT UNIQUE,
    name            TEXT,
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    expires_at      INTEGER,
    revoked_at      INTEGER,
    metadata        TEXT NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX peer_credentials_owner ON peer_credentials (owner_id);

CREATE TABLE audit_logs (
    id              TEXT PRIMARY KEY,
    action          TEXT NOT NULL,
    owner_id        TEXT REFERENCES accounts (id) ON DELETE RESTRICT,
    credential_id   TEXT,
    credential_type TEXT,
    org_id          TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    details         TEXT NOT NULL DEFAULT '{}',
    metadata        TEXT NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX audit_logs_owner ON audit_logs (owner_id, created_at);
