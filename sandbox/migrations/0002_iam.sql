-- Everything IAM inside a tenant, plus API tokens and invitations.

CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE group_members (
    group_id   TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    membership TEXT NOT NULL DEFAULT 'MEMBER' CHECK (membership IN ('OWNER', 'MEMBER')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE roles (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT,
    -- {"FLOW": ["VIEW", "LIST"], ...}, validated against the catalogue in src/rbac.rs.
    permissions TEXT NOT NULL DEFAULT '{}',
    is_default  INTEGER NOT NULL DEFAULT 0,
    -- Managed roles (the Admin role every tenant gets) cannot be edited or deleted.
    is_managed  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);
-- At most one default role per tenant.
CREATE UNIQUE INDEX roles_one_default ON roles (tenant_id) WHERE is_default = 1;

CREATE TABLE bindings (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type       TEXT NOT NULL CHECK (type IN ('USER', 'GROUP')),
    user_id    TEXT REFERENCES users (id) ON DELETE CASCADE,
    group_id   TEXT REFERENCES groups (id) ON DELETE CASCADE,
    role_id    TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    -- NULL: the whole tenant; otherwise this namespace and the ones below it.
    namespace  TEXT,
    created_at INTEGER NOT NULL,
    CHECK ((type = 'USER') = (user_id IS NOT NULL) AND (type = 'GROUP') = (group_id IS NOT NULL))
);
CREATE UNIQUE INDEX bindings_unique
    ON bindings (tenant_id, type, coalesce(user_id, group_id), role_id, coalesce(namespace, ''));
CREATE INDEX bindings_user ON bindings (user_id);
CREATE INDEX bindings_group ON bindings (group_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT,
    -- The first characters of the token, shown in lists so a person can recognise it.
    prefix       TEXT NOT NULL,
    -- SHA-256 of the full token; the token itself is never stored.
    token_hash   BLOB NOT NULL UNIQUE,
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    extended     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id, name)
);

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       TEXT NOT NULL COLLATE NOCASE,
    super_admin INTEGER NOT NULL DEFAULT 0,
    -- [{"id": role id, "namespaces": [...]}] and [group id], bound when the invitation is accepted.
    roles       TEXT NOT NULL DEFAULT '[]',
    groups      TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'EXPIRED')),
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER
);
CREATE INDEX invitations_tenant_email ON invitations (tenant_id, email);

-- Namespaces created through the API; namespaces named by bindings exist implicitly.
CREATE TABLE namespaces (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    description TEXT,
    extra       TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
