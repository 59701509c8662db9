-- What each person is told. A row points at what it is about (post, comment, community); it is
-- shown and mailed only while the recipient may still read that, so leaving a neighbourhood
-- also hides what was said in its members-only channels.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    recipient_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'mention', 'rsvp_promoted', 'event_changed',
        'event_cancelled', 'event_reminder', 'phase_changed', 'moderation')),
    actor_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    community_id TEXT REFERENCES communities (id) ON DELETE CASCADE,
    post_id TEXT REFERENCES posts (id) ON DELETE CASCADE,
    comment_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
    detail TEXT NOT NULL DEFAULT '',
    -- Set for notices that must be sent once only (event reminders).
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    -- When it was mailed, or skipped for mail; NULL while a mail may still be due.
    mailed_at TIMESTAMP
);
CREATE INDEX notifications_recipient_id_id_idx ON notifications (recipient_id, id);
CREATE INDEX notifications_unmailed_idx ON notifications (recipient_id) WHERE mailed_at IS NULL;
CREATE UNIQUE INDEX notifications_dedupe_key_key ON notifications (dedupe_key);
CREATE INDEX notifications_post_id_idx ON notifications (post_id);
CREATE INDEX notifications_comment_id_idx ON notifications (comment_id);
CREATE INDEX notifications_actor_id_idx ON notifications (actor_id);
CREATE INDEX notifications_community_id_idx ON notifications (community_id);

-- How each person wants to hear: mail at once, in a daily digest, or not at all. No row means
-- the default (at once).
CREATE TABLE notification_settings (
    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'off')),
    last_digest_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
