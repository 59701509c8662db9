-- Accounts: local residents and cached remote people. Federation fields exist from the start so
-- that federating later adds behaviour, not a schema rework.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL,
    host TEXT,
    local BOOLEAN NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT,
    email_verified_at TIMESTAMP,
    password_hash TEXT,
    locale TEXT NOT NULL DEFAULT 'it' CHECK (locale IN ('it', 'en')),
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    suspended_at TIMESTAMP,
    ap_id TEXT NOT NULL,
    inbox_url TEXT NOT NULL,
    shared_inbox_url TEXT,
    public_key_pem TEXT,
    private_key_pem TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_fetched_at TIMESTAMP
);
CREATE UNIQUE INDEX accounts_ap_id_key ON accounts (ap_id);
CREATE UNIQUE INDEX accounts_local_username_key ON accounts (username) WHERE local;
CREATE UNIQUE INDEX accounts_remote_username_key ON accounts (username, host) WHERE NOT local;
CREATE UNIQUE INDEX accounts_email_key ON accounts (email) WHERE email IS NOT NULL;

-- Refresh tokens are stored hashed; a family is one sign-in, rotated on every use.
CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    replaced_by TEXT
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account_id_idx ON refresh_tokens (account_id);

-- One-time tokens sent by mail: email verification and password reset. Stored hashed.
CREATE TABLE account_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE UNIQUE INDEX account_tokens_token_hash_key ON account_tokens (token_hash);
CREATE INDEX account_tokens_account_id_idx ON account_tokens (account_id);

-- Neighbourhoods. ActivityPub Group actors; the rest of their life arrives with channels.
CREATE TABLE communities (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    host TEXT,
    local BOOLEAN NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    ap_id TEXT NOT NULL,
    inbox_url TEXT NOT NULL,
    shared_inbox_url TEXT,
    public_key_pem TEXT,
    private_key_pem TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_fetched_at TIMESTAMP
);
CREATE UNIQUE INDEX communities_ap_id_key ON communities (ap_id);
CREATE UNIQUE INDEX communities_local_slug_key ON communities (slug) WHERE local;
CREATE UNIQUE INDEX communities_remote_slug_key ON communities (slug, host) WHERE NOT local;
