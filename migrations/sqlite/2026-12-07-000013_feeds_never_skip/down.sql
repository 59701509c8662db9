ALTER TABLE federation_outbox DROP COLUMN last_error;
ALTER TABLE federation_outbox DROP COLUMN attempts;
DROP INDEX search_outbox_txid_seq_idx;
ALTER TABLE search_outbox DROP COLUMN txid;
