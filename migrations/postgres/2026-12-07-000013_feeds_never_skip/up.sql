-- The search feed is read in the order transactions took their ids, up to the oldest one still
-- running (pg_snapshot_xmin): a sequence number alone is taken at insert, not at commit, so a
-- reader going by it could pass a row whose transaction had not committed yet and never see it.
-- Rows written before this migration all committed long ago: 0 puts them first.
ALTER TABLE search_outbox ADD COLUMN txid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE search_outbox ALTER COLUMN txid SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX search_outbox_txid_seq_idx ON search_outbox (txid, seq);

-- A federation feed change whose processing failed stays, with how often it failed and why; it
-- is tried again after a growing pause (its lease is that pause).
ALTER TABLE federation_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE federation_outbox ADD COLUMN last_error TEXT;
