-- PostgreSQL twin of migrations/sqlite/2026-11-23-000008_media; keep them equal.
-- Uploaded images: re-encoded by the server (metadata stripped) and stored as files under the data
-- folder at `media/<storage_key>`. The storage key is random, so a file's address cannot be guessed.
CREATE TABLE media (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('avatar', 'banner', 'content')),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '',
    storage_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX media_storage_key_key ON media (storage_key);
CREATE INDEX media_owner_id_idx ON media (owner_id);

-- Images shown with a post, in order.
CREATE TABLE post_media (
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    media_id TEXT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (post_id, media_id)
);
CREATE INDEX post_media_media_id_idx ON post_media (media_id);

ALTER TABLE accounts ADD COLUMN avatar_id TEXT REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE communities ADD COLUMN banner_id TEXT REFERENCES media (id) ON DELETE SET NULL;
