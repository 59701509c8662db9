-- PostgreSQL reads the search feed in transaction order (see its migration). SQLite runs one
-- write transaction at a time, so sequence order is commit order: the column stays 0.
ALTER TABLE search_outbox ADD COLUMN txid BIGINT NOT NULL DEFAULT 0;
CREATE INDEX search_outbox_txid_seq_idx ON search_outbox (txid, seq);

-- A federation feed change whose processing failed stays, with how often it failed and why; it
-- is tried again after a growing pause (its lease is that pause).
ALTER TABLE federation_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE federation_outbox ADD COLUMN last_error TEXT;
