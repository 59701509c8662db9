DELETE FROM search_outbox WHERE entity = 'accord';
CREATE TABLE search_outbox_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL CHECK (entity IN ('post', 'comment', 'community', 'account')),
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    created_at TIMESTAMP NOT NULL,
    txid BIGINT NOT NULL DEFAULT 0
);
INSERT INTO search_outbox_new (seq, entity, entity_id, op, created_at, txid)
    SELECT seq, entity, entity_id, op, created_at, txid FROM search_outbox;
DROP TABLE search_outbox;
ALTER TABLE search_outbox_new RENAME TO search_outbox;
CREATE INDEX search_outbox_txid_seq_idx ON search_outbox (txid, seq);
