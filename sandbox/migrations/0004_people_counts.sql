-- Counting and paging 100,000 people without reading them all (see src/http/people.rs).

-- How many users of each type there are, kept by triggers: the instance's user list reports
-- its total on every page, and counting 100,000 rows takes milliseconds each time.
CREATE TABLE user_counts (
    type TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO user_counts (type, n)
SELECT kind, (SELECT COUNT(*) FROM users WHERE type = kind)
FROM (SELECT 'STANDARD' AS kind UNION ALL SELECT 'SERVICE_ACCOUNT');

CREATE TRIGGER user_counts_insert AFTER INSERT ON users BEGIN
    UPDATE user_counts SET n = n + 1 WHERE type = new.type;
END;

CREATE TRIGGER user_counts_delete AFTER DELETE ON users BEGIN
    UPDATE user_counts SET n = n - 1 WHERE type = old.type;
END;

CREATE TRIGGER user_counts_update AFTER UPDATE OF type ON users BEGIN
    UPDATE user_counts SET n = n - 1 WHERE type = old.type;
    UPDATE user_counts SET n = n + 1 WHERE type = new.type;
END;

-- Each membership carries its member's username, so a page of a group's members in username
-- order is a range of one index rather than a walk over every user.
ALTER TABLE group_members ADD COLUMN username TEXT COLLATE NOCASE;
UPDATE group_members
SET username = (SELECT coalesce(email, name) FROM users WHERE id = group_members.user_id);
CREATE INDEX group_members_username ON group_members (group_id, username);

CREATE TRIGGER group_members_username_insert AFTER INSERT ON group_members BEGIN
    UPDATE group_members
    SET username = (SELECT coalesce(email, name) FROM users WHERE id = new.user_id)
    WHERE group_id = new.group_id AND user_id = new.user_id;
END;

CREATE TRIGGER group_members_username_update AFTER UPDATE OF email, name ON users BEGIN
    UPDATE group_members SET username = coalesce(new.email, new.name) WHERE user_id = new.id;
END;
