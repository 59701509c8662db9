-- Citizenship accords (docs/accords.md). PostgreSQL twin: migrations/postgres/2026-12-08-000014_accords.
-- An accord of a community. What it says lives in its versions; title and summary here are the
-- newest version's, for lists and search.
CREATE TABLE accords (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    ap_id TEXT NOT NULL,
    local BOOLEAN NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'co_design', 'approved', 'open_for_signature',
        'active', 'monitoring', 'concluded', 'withdrawn')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    latest_version INTEGER NOT NULL,
    created_by TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    -- The post whose comments are the accord's discussion, opened when co-design starts.
    discussion_post_id TEXT REFERENCES posts (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX accords_ap_id_key ON accords (ap_id);
CREATE INDEX accords_community_id_idx ON accords (community_id, created_at);
CREATE INDEX accords_created_by_idx ON accords (created_by);
CREATE INDEX accords_discussion_post_id_idx ON accords (discussion_post_id);

-- Immutable, numbered versions: the canonical JSON (RFC 8785) of the version document, its
-- SHA-256 (hex) and the previous version's, so the history is a chain anyone can check.
CREATE TABLE accord_versions (
    accord_id TEXT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    canonical TEXT NOT NULL,
    hash TEXT NOT NULL,
    previous_hash TEXT,
    author_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (accord_id, number)
);
CREATE INDEX accord_versions_author_id_idx ON accord_versions (author_id);

-- People's Ed25519 public keys (Multikey, FEP-521a). Revoked keys stay, with the time.
CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- The verificationMethod that names it: the person's actor id and a fragment.
    key_id TEXT NOT NULL,
    public_key_multibase TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX signing_keys_key_id_key ON signing_keys (key_id);
CREATE INDEX signing_keys_account_id_idx ON signing_keys (account_id, created_at);
CREATE UNIQUE INDEX signing_keys_public_key_idx ON signing_keys (account_id, public_key_multibase);

-- A signature: one signatory, on behalf of an organisation or not, on one version. The
-- signatory block and the proof are kept exactly as signed (JSON).
CREATE TABLE accord_signatures (
    id TEXT PRIMARY KEY NOT NULL,
    accord_id TEXT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    -- A version of the accord (versions are never deleted but with their accord).
    version INTEGER NOT NULL,
    signer_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_id TEXT NOT NULL REFERENCES signing_keys (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    role TEXT NOT NULL CHECK (role IN ('legal_representative', 'delegate', 'self')),
    signatory TEXT NOT NULL,
    proof TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL
);
-- Once per signatory and organisation (NULLs are distinct in a unique index, hence two).
CREATE UNIQUE INDEX accord_signatures_once_idx
    ON accord_signatures (accord_id, version, signer_id, organization_id);
CREATE UNIQUE INDEX accord_signatures_once_alone_idx
    ON accord_signatures (accord_id, version, signer_id) WHERE organization_id IS NULL;
CREATE INDEX accord_signatures_signer_id_idx ON accord_signatures (signer_id);
CREATE INDEX accord_signatures_key_id_idx ON accord_signatures (key_id);
CREATE INDEX accord_signatures_organization_id_idx ON accord_signatures (organization_id);
