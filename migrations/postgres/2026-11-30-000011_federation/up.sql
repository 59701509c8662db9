-- PostgreSQL twin of migrations/sqlite/2026-11-30-000011_federation; keep them equal.
-- Federation: peers and their policy, the inbound dedupe log, what local changes still have to be
-- turned into activities, and the outgoing delivery queue. Everything here survives a restart.

-- Remote channels are cached with the ActivityPub id their instance gave them; local channels
-- leave it NULL and derive theirs from the community's.
ALTER TABLE channels ADD COLUMN ap_id TEXT;
CREATE UNIQUE INDEX channels_ap_id_key ON channels (ap_id);

-- One row per remote host we have heard of or were told about by an admin.
CREATE TABLE instances (
    host TEXT PRIMARY KEY NOT NULL,
    -- Admin lists: applied when the policy is `blocklist` (blocked) or `allowlist` (allowed).
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    allowed BOOLEAN NOT NULL DEFAULT FALSE,
    software TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_success_at TIMESTAMP,
    last_failure_at TIMESTAMP,
    -- Consecutive failed deliveries; reset by the first success.
    failures INTEGER NOT NULL DEFAULT 0,
    unreachable_since TIMESTAMP
);

-- Instance-wide federation settings (a single row): the policy mode, and the key pair of the
-- instance actor (`/actor`), made at first start, which signs fetches.
CREATE TABLE federation_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    mode TEXT NOT NULL CHECK (mode IN ('open', 'blocklist', 'allowlist')),
    public_key_pem TEXT,
    private_key_pem TEXT,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO federation_settings (id, mode, updated_at) VALUES (1, 'open', CURRENT_TIMESTAMP);

-- Ids of inbound activities already handled, so a replay or a peer's retry changes nothing.
CREATE TABLE received_activities (
    ap_id TEXT PRIMARY KEY NOT NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX received_activities_received_at_idx ON received_activities (received_at);

-- Local changes that may federate, written in the transaction that makes them; the federation
-- worker turns each into an activity and its deliveries, then deletes it.
CREATE TABLE federation_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL
        CHECK (subject IN ('post', 'comment', 'reaction', 'rsvp', 'follow', 'moderation', 'report')),
    subject_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'undo')),
    -- The local account that acted (a moderator for removals), when it is not the author.
    actor_id TEXT,
    -- Anything the activity needs that the row it points at may no longer hold (JSON).
    detail TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    -- A lease, so several server processes can share the work: who holds it, until when.
    lock_token TEXT,
    locked_until TIMESTAMP
);
CREATE INDEX federation_outbox_created_at_idx ON federation_outbox (created_at);

-- Activities we sent, signed by a local actor; kept so their ids dereference and for retries.
CREATE TABLE outgoing_activities (
    id TEXT PRIMARY KEY NOT NULL,
    ap_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    signer_ap_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX outgoing_activities_ap_id_key ON outgoing_activities (ap_id);

-- One row per activity and target inbox (shared inboxes deduplicated). Delivered rows are
-- deleted; rows given up on after days of failures stay, for the admins to see.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES outgoing_activities (id) ON DELETE CASCADE,
    inbox TEXT NOT NULL,
    host TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lock_token TEXT,
    locked_until TIMESTAMP,
    last_error TEXT,
    gave_up_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX deliveries_activity_id_inbox_key ON deliveries (activity_id, inbox);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE gave_up_at IS NULL;
CREATE INDEX deliveries_host_idx ON deliveries (host);
CREATE INDEX deliveries_inbox_created_at_idx ON deliveries (inbox, created_at);
