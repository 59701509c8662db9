-- PostgreSQL twin of migrations/sqlite/2026-11-23-000002_organizations_channels; keep them equal.
-- Organisations: associations, neighbourhood councils (Consulte), businesses, municipal offices,
-- schools. They are ActivityPub actors too, so they carry ids and locality like accounts.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    host TEXT,
    local BOOLEAN NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('association', 'consulta', 'business', 'municipality', 'school', 'other')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    community_id TEXT REFERENCES communities (id) ON DELETE SET NULL,
    ap_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX organizations_ap_id_key ON organizations (ap_id);
CREATE UNIQUE INDEX organizations_local_slug_key ON organizations (slug) WHERE local;
CREATE INDEX organizations_community_id_idx ON organizations (community_id);

CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organization_id, account_id)
);
CREATE INDEX organization_members_account_id_idx ON organization_members (account_id);

-- Who belongs to a neighbourhood, and who facilitates it. Remote members arrive by Follow and
-- are `pending` until accepted. A ban keeps the row (and read access) but stops every write.
CREATE TABLE community_members (
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('member', 'facilitator')),
    follow_state TEXT NOT NULL DEFAULT 'accepted' CHECK (follow_state IN ('pending', 'accepted')),
    banned_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, account_id)
);
CREATE INDEX community_members_account_id_idx ON community_members (account_id);

CREATE TABLE channels (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL
        CHECK (kind IN ('dialogue', 'events', 'codesign', 'businesses', 'announcements')),
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX channels_community_id_slug_key ON channels (community_id, slug);

-- A channel's moderators: a person, or an organisation (whose owners then moderate).
CREATE TABLE channel_moderators (
    id TEXT PRIMARY KEY NOT NULL,
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    CHECK ((account_id IS NULL) <> (organization_id IS NULL))
);
CREATE UNIQUE INDEX channel_moderators_account_key
    ON channel_moderators (channel_id, account_id) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX channel_moderators_organization_key
    ON channel_moderators (channel_id, organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX channel_moderators_account_id_idx ON channel_moderators (account_id);
CREATE INDEX channel_moderators_organization_id_idx ON channel_moderators (organization_id);
