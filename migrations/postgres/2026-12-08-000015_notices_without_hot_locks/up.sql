-- PostgreSQL twin of migrations/sqlite/2026-12-08-000015_notices_without_hot_locks.
-- A notice's recipient, actor and community are read in the statement that writes it (the
-- recipient from accounts, the community from the post), and accounts and communities are
-- never deleted. Their foreign keys only took a KEY SHARE lock on one hot row per notice (the
-- person being replied to, the community), which serialised bursts of federated replies through
-- multixacts (docs/benchmarks.md, "Notices without hot locks"). The indexes served only those
-- keys' cascades.
ALTER TABLE notifications
    DROP CONSTRAINT notifications_recipient_id_fkey,
    DROP CONSTRAINT notifications_actor_id_fkey,
    DROP CONSTRAINT notifications_community_id_fkey;
DROP INDEX notifications_actor_id_idx;
DROP INDEX notifications_community_id_idx;
