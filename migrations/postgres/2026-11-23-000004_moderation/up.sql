-- PostgreSQL twin of migrations/sqlite/2026-11-23-000004_moderation; keep them equal.
-- Reports from residents, and the queue moderators work through.
CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    reporter_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    channel_id TEXT REFERENCES channels (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('post', 'comment', 'account')),
    target_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
    resolved_by TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
CREATE INDEX reports_community_id_status_idx ON reports (community_id, status, created_at);
CREATE INDEX reports_target_id_idx ON reports (target_id);

-- The public moderation log: every action with its reason, who took it and until when.
CREATE TABLE moderation_actions (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    channel_id TEXT REFERENCES channels (id) ON DELETE SET NULL,
    moderator_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN
        ('remove', 'restore', 'lock', 'unlock', 'pin', 'unpin', 'ban', 'unban')),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('post', 'comment', 'account')),
    target_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_actions_community_id_created_at_idx
    ON moderation_actions (community_id, created_at);
