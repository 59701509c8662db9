-- PostgreSQL twin of migrations/sqlite/2026-12-08-000016_search_accords: accords are searched,
-- so the search feed records their changes.
ALTER TABLE search_outbox DROP CONSTRAINT search_outbox_entity_check;
ALTER TABLE search_outbox ADD CONSTRAINT search_outbox_entity_check
    CHECK (entity IN ('post', 'comment', 'community', 'account', 'accord'));
