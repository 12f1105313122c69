-- Tenants, people, and who may use which tenant.

-- Settings the server keeps for itself (the instance uuid, whether demo data was seeded).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tenants (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    -- Every other field of Kestra's Tenant (storage, secrets, quotas, defaultWorkerSelector...),
    -- kept as the client sent it so that a PUT round-trips what the sandbox does not interpret.
    extra      TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);

-- Standard users and service accounts share one table, as in Kestra (a service account is a
-- user of type SERVICE_ACCOUNT); bindings and group memberships point at either.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL CHECK (type IN ('STANDARD', 'SERVICE_ACCOUNT')),
    -- Standard users sign in with their email; service accounts have none.
    email         TEXT UNIQUE COLLATE NOCASE,
    -- Service accounts are known by name.
    name          TEXT,
    first_name    TEXT,
    last_name     TEXT,
    description   TEXT,
    -- Argon2id PHC string; NULL for service accounts and users who never set a password.
    password_hash TEXT,
    super_admin   INTEGER NOT NULL DEFAULT 0,
    restricted    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_service_account_name ON users (name) WHERE type = 'SERVICE_ACCOUNT';

CREATE TABLE tenant_access (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX tenant_access_user ON tenant_access (user_id);
