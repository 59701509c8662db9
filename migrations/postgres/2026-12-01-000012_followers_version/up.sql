-- PostgreSQL twin of migrations/sqlite/2026-12-01-000012_followers_version; keep them equal.
-- A community's followers_version changes whenever the set of inboxes its activities go to may
-- have changed: an accepted follower arrives or leaves (also through an account's deletion, which
-- cascades here), or a follower's inbox changes. Every process caches a community's follower
-- inboxes under this number, read with the community itself, so that passing on a like or a
-- comment does not read all its followers again, and a change made by any process is seen by
-- all. Triggers keep it, so no writer can forget to.
ALTER TABLE communities ADD COLUMN followers_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION community_members_followers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.follow_state = 'accepted' THEN
        UPDATE communities SET followers_version = followers_version + 1 WHERE id = OLD.community_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.follow_state = 'accepted' THEN
        UPDATE communities SET followers_version = followers_version + 1 WHERE id = NEW.community_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER community_members_followers_insert AFTER INSERT ON community_members
FOR EACH ROW WHEN (NEW.follow_state = 'accepted')
EXECUTE FUNCTION community_members_followers_changed();

CREATE TRIGGER community_members_followers_delete AFTER DELETE ON community_members
FOR EACH ROW WHEN (OLD.follow_state = 'accepted')
EXECUTE FUNCTION community_members_followers_changed();

CREATE TRIGGER community_members_followers_update
AFTER UPDATE OF community_id, account_id, follow_state ON community_members
FOR EACH ROW WHEN ((OLD.follow_state = 'accepted' OR NEW.follow_state = 'accepted')
    AND (OLD.follow_state IS DISTINCT FROM NEW.follow_state
        OR OLD.community_id IS DISTINCT FROM NEW.community_id
        OR OLD.account_id IS DISTINCT FROM NEW.account_id))
EXECUTE FUNCTION community_members_followers_changed();

CREATE FUNCTION accounts_followers_inbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE communities SET followers_version = followers_version + 1
    WHERE id IN (SELECT community_id FROM community_members WHERE account_id = NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER accounts_followers_inbox AFTER UPDATE OF inbox_url, shared_inbox_url, local ON accounts
FOR EACH ROW WHEN (OLD.inbox_url IS DISTINCT FROM NEW.inbox_url
    OR OLD.shared_inbox_url IS DISTINCT FROM NEW.shared_inbox_url
    OR OLD.local IS DISTINCT FROM NEW.local)
EXECUTE FUNCTION accounts_followers_inbox_changed();
