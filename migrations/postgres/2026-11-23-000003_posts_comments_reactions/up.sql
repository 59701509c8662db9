-- PostgreSQL twin of migrations/sqlite/2026-11-23-000003_posts_comments_reactions; keep them equal.
-- Every kind of post (threads, announcements; events, co-design and listings add their own
-- tables). The community is kept beside the channel so visibility checks need no join.
CREATE TABLE posts (
    id TEXT PRIMARY KEY NOT NULL,
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES posts (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at TIMESTAMP,
    removed_at TIMESTAMP,
    ap_id TEXT NOT NULL,
    local BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_activity_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX posts_ap_id_key ON posts (ap_id);
CREATE INDEX posts_channel_id_created_at_idx ON posts (channel_id, created_at, id);
CREATE INDEX posts_channel_id_last_activity_at_idx ON posts (channel_id, last_activity_at, id);
CREATE INDEX posts_author_id_idx ON posts (author_id);
CREATE INDEX posts_parent_id_idx ON posts (parent_id);
CREATE INDEX posts_community_id_idx ON posts (community_id);

CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    deleted_at TIMESTAMP,
    removed_at TIMESTAMP,
    ap_id TEXT NOT NULL,
    local BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX comments_ap_id_key ON comments (ap_id);
CREATE INDEX comments_post_id_created_at_idx ON comments (post_id, created_at);
CREATE INDEX comments_author_id_idx ON comments (author_id);
CREATE INDEX comments_parent_id_idx ON comments (parent_id);

-- Likes, which in a co-design process are support for a proposal: one per person and post.
CREATE TABLE reactions (
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('like')),
    ap_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, account_id)
);
CREATE UNIQUE INDEX reactions_ap_id_key ON reactions (ap_id);
CREATE INDEX reactions_account_id_idx ON reactions (account_id);

-- The search index's change feed, written in the same transaction as each change and drained
-- in sequence order by every server process's indexer.
CREATE TABLE search_outbox (
    seq BIGSERIAL PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('post', 'comment', 'community', 'account')),
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    created_at TIMESTAMP NOT NULL
);
