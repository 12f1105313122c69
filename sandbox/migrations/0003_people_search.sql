-- Searching and paging people in SQL, so that lists of 100,000 people answer in milliseconds
-- (see src/http/people.rs).

-- The username lists sort by: the email of a person, the name of a service account. NOCASE
-- matches the in-memory sort for ASCII, which is what the SQL path is limited to.
CREATE INDEX users_username ON users (coalesce(email, name) COLLATE NOCASE);
-- The same per type: counting the people of the instance, and paging them in order.
CREATE INDEX users_type_username ON users (type, coalesce(email, name) COLLATE NOCASE);

-- `q` is a case-insensitive substring of the username or the display name. A trigram index
-- answers substrings of three characters or more without reading every row; shorter ones fall
-- back to LIKE. Rows are tied to users by rowid: nothing in the sandbox runs VACUUM, the one
-- statement that could renumber them.
CREATE VIRTUAL TABLE users_search USING fts5 (username, display_name, tokenize = 'trigram');

INSERT INTO users_search (rowid, username, display_name)
SELECT rowid, coalesce(email, name),
       nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '')
FROM users;

CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, username, display_name)
    VALUES (new.rowid, coalesce(new.email, new.name),
            nullif(trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')), ''));
END;

CREATE TRIGGER users_search_update AFTER UPDATE OF email, name, first_name, last_name ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.rowid;
    INSERT INTO users_search (rowid, username, display_name)
    VALUES (new.rowid, coalesce(new.email, new.name),
            nullif(trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')), ''));
END;

CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.rowid;
END;

-- Deleting a role first checks it has no bindings.
CREATE INDEX bindings_role ON bindings (role_id);
