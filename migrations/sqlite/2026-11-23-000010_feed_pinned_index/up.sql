-- A feed's first page asks for the channel's pinned posts. With only (channel_id, created_at)
-- indexed, that walked every post of the channel (23 ms at 4,800 posts); with `pinned` in the
-- index it finds the few pinned ones, and the paged rest (pinned = false) reads in order too,
-- newest first or by latest activity.
CREATE INDEX posts_channel_id_pinned_created_at_idx ON posts (channel_id, pinned, created_at, id);
CREATE INDEX posts_channel_id_pinned_last_activity_at_idx ON posts (channel_id, pinned, last_activity_at, id);
