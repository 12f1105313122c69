-- The audit trail (see src/store/audit.rs): one row per change, appended in the transaction of
-- the change itself, never updated.

-- `seq` is the order of insertion, which is the order of `date` (both come from the one writer
-- connection), so "newest first" is a backwards walk of an index ending in `seq`, and a page is
-- that walk stopped after OFFSET + LIMIT rows, whatever the table holds. `tenant_id` is NULL
-- for instance-level changes (people, service accounts of the instance); it has no foreign key
-- on purpose: a deleted tenant's log, and its deletion, stay readable.
CREATE TABLE audit_logs (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    tenant_id     TEXT,
    type          TEXT NOT NULL,   -- AuditableAction: CREATE, UPDATE, DELETE, ...
    resource_type TEXT NOT NULL,   -- Resource: ROLE, GROUP, BINDING, ...
    resource_id   TEXT,
    detail        TEXT NOT NULL,   -- AuditLogDetail as JSON
    date          TEXT NOT NULL,   -- RFC 3339 in UTC
    user_id       TEXT NOT NULL,   -- who did it: a user's id, or 'system'
    ip_address    TEXT,
    applied_patch TEXT NOT NULL,   -- RFC 6902 JSON Patch, before -> after
    revert_patch  TEXT NOT NULL    -- RFC 6902 JSON Patch, after -> before
);

-- Newest first in a tenant (the instance-wide search walks the primary key itself).
CREATE INDEX audit_logs_tenant ON audit_logs (tenant_id, seq);
-- One resource's history.
CREATE INDEX audit_logs_resource ON audit_logs (tenant_id, resource_id, seq);
-- What one person did.
CREATE INDEX audit_logs_user ON audit_logs (tenant_id, user_id, seq);
-- One kind of change.
CREATE INDEX audit_logs_type ON audit_logs (tenant_id, type, seq);
-- A date range as a range of `seq` (dates grow with `seq`), which every index above can use:
-- the first and last `seq` of the range are each one step down this index.
CREATE INDEX audit_logs_date ON audit_logs (date, seq);

-- How many logs each tenant has ('' for instance-level ones), kept by triggers: an unfiltered
-- search reports its total on every page, and counting 1,000,000 rows takes tens of
-- milliseconds each time.
CREATE TABLE audit_log_counts (
    tenant_id TEXT PRIMARY KEY,
    n         INTEGER NOT NULL
);

CREATE TRIGGER audit_log_counts_insert AFTER INSERT ON audit_logs BEGIN
    INSERT INTO audit_log_counts (tenant_id, n) VALUES (coalesce(new.tenant_id, ''), 1)
    ON CONFLICT (tenant_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER audit_log_counts_delete AFTER DELETE ON audit_logs BEGIN
    UPDATE audit_log_counts SET n = n - 1 WHERE tenant_id = coalesce(old.tenant_id, '');
END;

-- Append-only: no statement changes a log. (Deleting stays possible for the demo resets and a
-- retention pruner; no endpoint deletes one.)
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE ON audit_logs BEGIN
    SELECT RAISE(ABORT, 'audit logs are append-only');
END;
