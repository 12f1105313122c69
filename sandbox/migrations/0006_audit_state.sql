-- The resource as it is right after each change (its redacted JSON, as the patches see it;
-- NULL after a delete), so that a log's diff and a "restore this version" read one row
-- instead of replaying every patch since the resource was created, which fails when its
-- creation was never logged (the demo seed's tenants) or has been pruned by retention.
-- Logs written before this column existed keep NULL and are replayed from their patches.
ALTER TABLE audit_logs ADD COLUMN state TEXT;
