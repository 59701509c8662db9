DELETE FROM search_outbox WHERE entity = 'accord';
ALTER TABLE search_outbox DROP CONSTRAINT search_outbox_entity_check;
ALTER TABLE search_outbox ADD CONSTRAINT search_outbox_entity_check
    CHECK (entity IN ('post', 'comment', 'community', 'account'));
