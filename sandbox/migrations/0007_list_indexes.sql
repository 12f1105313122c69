-- Paging a tenant's people in SQL (see src/http/people.rs): the users page reads
-- `/{tenant}/tenant-access`, one page of up to 100,000 people in username order.

-- Who has access to which tenant, with the username lists sort by and the user's type: a page of
-- a tenant's people in username order is then a range of one index, and their number a count
-- of that range, with no look-up in `users` per person. A table of its own rather than columns
-- of `tenant_access`, whose rows are what the audit trail records of a change of access.
-- Triggers keep it: rows follow `tenant_access`, usernames follow `users`; the foreign keys
-- remove rows of deleted tenants and users, whatever deletes them.
CREATE TABLE tenant_people (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_type    TEXT NOT NULL,
    username     TEXT COLLATE NOCASE,
    -- The display name and the username in lower case as the in-memory lists compare them
    -- (`fold`, Rust's to_lowercase, given to every connection by src/db.rs: a statement that
    -- fires these triggers from a connection without it, such as the sqlite3 shell, fails).
    display_key  TEXT,
    username_key TEXT,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX tenant_people_username ON tenant_people (tenant_id, user_type, username);
CREATE INDEX tenant_people_display ON tenant_people (tenant_id, user_type, display_key, username_key);
CREATE INDEX tenant_people_user ON tenant_people (user_id);

-- `store::identity::display_name`: "First Last", whichever exists, or the username.
CREATE VIEW people_names AS
SELECT id, type, coalesce(email, name) AS username,
       CASE
           WHEN coalesce(first_name, '') = '' AND coalesce(last_name, '') = ''
               THEN coalesce(email, name, '')
           WHEN coalesce(first_name, '') = '' THEN last_name
           WHEN coalesce(last_name, '') = '' THEN first_name
           ELSE first_name || ' ' || last_name
       END AS display_name
FROM users;

INSERT INTO tenant_people (tenant_id, user_id, user_type, username, display_key, username_key)
SELECT a.tenant_id, a.user_id, p.type, p.username, fold(p.display_name), fold(p.username)
FROM tenant_access a JOIN people_names p ON p.id = a.user_id;

CREATE TRIGGER tenant_people_insert AFTER INSERT ON tenant_access BEGIN
    INSERT OR IGNORE INTO tenant_people
        (tenant_id, user_id, user_type, username, display_key, username_key)
    SELECT new.tenant_id, p.id, p.type, p.username, fold(p.display_name), fold(p.username)
    FROM people_names p WHERE p.id = new.user_id;
END;

CREATE TRIGGER tenant_people_delete AFTER DELETE ON tenant_access BEGIN
    DELETE FROM tenant_people WHERE tenant_id = old.tenant_id AND user_id = old.user_id;
END;

CREATE TRIGGER tenant_people_username
AFTER UPDATE OF email, name, first_name, last_name, type ON users BEGIN
    UPDATE tenant_people
    SET username = coalesce(new.email, new.name),
        user_type = new.type,
        display_key = fold((SELECT display_name FROM people_names WHERE id = new.id)),
        username_key = fold(coalesce(new.email, new.name))
    WHERE user_id = new.id;
END;

-- How many people and service accounts each tenant has, kept by triggers: the users page reports
-- its total on every page, and counting 100,000 index entries takes milliseconds each time.
-- Rows go with their tenant; a deleted user's rows leave `tenant_people` by its foreign key,
-- which fires the delete trigger as any delete does.
CREATE TABLE tenant_people_counts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_type TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_type)
);
INSERT INTO tenant_people_counts (tenant_id, user_type, n)
SELECT tenant_id, user_type, COUNT(*) FROM tenant_people GROUP BY tenant_id, user_type;

CREATE TRIGGER tenant_people_count_insert AFTER INSERT ON tenant_people BEGIN
    INSERT INTO tenant_people_counts (tenant_id, user_type, n)
    VALUES (new.tenant_id, new.user_type, 1)
    ON CONFLICT (tenant_id, user_type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tenant_people_count_delete AFTER DELETE ON tenant_people BEGIN
    UPDATE tenant_people_counts SET n = n - 1
    WHERE tenant_id = old.tenant_id AND user_type = old.user_type;
END;

CREATE TRIGGER tenant_people_count_update AFTER UPDATE OF user_type ON tenant_people BEGIN
    UPDATE tenant_people_counts SET n = n - 1
    WHERE tenant_id = old.tenant_id AND user_type = old.user_type;
    INSERT INTO tenant_people_counts (tenant_id, user_type, n)
    VALUES (new.tenant_id, new.user_type, 1)
    ON CONFLICT (tenant_id, user_type) DO UPDATE SET n = n + 1;
END;

-- A tenant's bindings sorted by role name (the default of `/{tenant}/bindings/search`): each
-- role's bindings, filtered by type, subject or namespace, in the order they were always read
-- in (the `bindings_unique` index's), so that counting them and reading a page are ranges of
-- this index (see src/http/bindings.rs).
CREATE INDEX bindings_role_order
    ON bindings (role_id, tenant_id, type, coalesce(user_id, group_id), coalesce(namespace, ''));
