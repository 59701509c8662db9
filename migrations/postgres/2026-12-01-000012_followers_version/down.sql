DROP TRIGGER accounts_followers_inbox ON accounts;
DROP FUNCTION accounts_followers_inbox_changed();
DROP TRIGGER community_members_followers_update ON community_members;
DROP TRIGGER community_members_followers_delete ON community_members;
DROP TRIGGER community_members_followers_insert ON community_members;
DROP FUNCTION community_members_followers_changed();
ALTER TABLE communities DROP COLUMN followers_version;
