-- Back to the foreign keys of 2026-11-23-000009_notifications.
CREATE TABLE notifications_new (
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
INSERT INTO notifications_new (id, recipient_id, kind, actor_id, community_id, post_id,
        comment_id, detail, dedupe_key, created_at, read_at, mailed_at)
    SELECT id, recipient_id, kind, actor_id, community_id, post_id, comment_id, detail,
        dedupe_key, created_at, read_at, mailed_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_recipient_id_id_idx ON notifications (recipient_id, id);
CREATE INDEX notifications_unmailed_idx ON notifications (recipient_id) WHERE mailed_at IS NULL;
CREATE UNIQUE INDEX notifications_dedupe_key_key ON notifications (dedupe_key);
CREATE INDEX notifications_post_id_idx ON notifications (post_id);
CREATE INDEX notifications_comment_id_idx ON notifications (comment_id);
CREATE INDEX notifications_actor_id_idx ON notifications (actor_id);
CREATE INDEX notifications_community_id_idx ON notifications (community_id);
