-- A community's followers_version changes whenever the set of inboxes its activities go to may
-- have changed: an accepted follower arrives or leaves (also through an account's deletion, which
-- cascades here), or a follower's inbox changes. Every process caches a community's follower
-- inboxes under this number, read with the community itself, so that passing on a like or a
-- comment does not read all its followers again, and a change made by any process is seen by
-- all. Triggers keep it, so no writer can forget to.
ALTER TABLE communities ADD COLUMN followers_version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER community_members_followers_insert AFTER INSERT ON community_members
WHEN NEW.follow_state = 'accepted'
BEGIN
    UPDATE communities SET followers_version = followers_version + 1 WHERE id = NEW.community_id;
END;

CREATE TRIGGER community_members_followers_delete AFTER DELETE ON community_members
WHEN OLD.follow_state = 'accepted'
BEGIN
    UPDATE communities SET followers_version = followers_version + 1 WHERE id = OLD.community_id;
END;

CREATE TRIGGER community_members_followers_update
AFTER UPDATE OF community_id, account_id, follow_state ON community_members
WHEN (OLD.follow_state = 'accepted' OR NEW.follow_state = 'accepted')
    AND (OLD.follow_state IS NOT NEW.follow_state
        OR OLD.community_id IS NOT NEW.community_id
        OR OLD.account_id IS NOT NEW.account_id)
BEGIN
    UPDATE communities SET followers_version = followers_version + 1
    WHERE id IN (OLD.community_id, NEW.community_id);
END;

CREATE TRIGGER accounts_followers_inbox AFTER UPDATE OF inbox_url, shared_inbox_url, local ON accounts
WHEN OLD.inbox_url IS NOT NEW.inbox_url
    OR OLD.shared_inbox_url IS NOT NEW.shared_inbox_url
    OR OLD.local IS NOT NEW.local
BEGIN
    UPDATE communities SET followers_version = followers_version + 1
    WHERE id IN (SELECT community_id FROM community_members WHERE account_id = NEW.id);
END;
