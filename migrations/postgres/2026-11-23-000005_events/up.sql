-- PostgreSQL twin of migrations/sqlite/2026-11-23-000005_events; keep them equal (REAL there is DOUBLE PRECISION here).
-- An event is a post in an events channel plus its times, place and capacity. Times are stored
-- in UTC with the time zone they were planned in, so local times stay right across DST changes.
CREATE TABLE events (
    post_id TEXT PRIMARY KEY NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    all_day BOOLEAN NOT NULL DEFAULT FALSE,
    location_name TEXT NOT NULL DEFAULT '',
    location_address TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    online_url TEXT,
    capacity INTEGER,
    cancelled_at TIMESTAMP,
    cancel_reason TEXT
);
CREATE INDEX events_starts_at_idx ON events (starts_at);

-- Attendance: `going` up to capacity, then a `waitlist` ordered by time of asking.
CREATE TABLE rsvps (
    post_id TEXT NOT NULL REFERENCES events (post_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('going', 'waitlist')),
    ap_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, account_id)
);
CREATE INDEX rsvps_post_id_status_created_at_idx ON rsvps (post_id, status, created_at);
CREATE INDEX rsvps_account_id_idx ON rsvps (account_id);
CREATE UNIQUE INDEX rsvps_ap_id_key ON rsvps (ap_id);
