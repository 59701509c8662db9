-- A business listing is a post in a businesses channel (title = the business's name, body = its
-- Markdown description) plus the organisation that owns it, a category from a fixed list, where
-- it is and how to reach it. Opening hours are wall-clock times in the listing's time zone.
CREATE TABLE business_listings (
    post_id TEXT PRIMARY KEY NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    category TEXT NOT NULL CHECK (category IN ('food', 'restaurant', 'clothing', 'health',
        'beauty', 'services', 'crafts', 'culture', 'sport', 'home', 'other')),
    address TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    phone TEXT,
    website TEXT,
    email TEXT,
    time_zone TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX business_listings_organization_id_idx ON business_listings (organization_id);
CREATE INDEX business_listings_category_idx ON business_listings (category);

-- Weekly hours: several intervals a day; `closes` at or before `opens` means the interval ends
-- the next day (a bar open 18:00-02:00). Monday is 0.
CREATE TABLE opening_hours (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT NOT NULL REFERENCES business_listings (post_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens TEXT NOT NULL,
    closes TEXT NOT NULL
);
CREATE INDEX opening_hours_post_id_weekday_idx ON opening_hours (post_id, weekday);

-- Offers are shown from `valid_from` to `valid_until` (both included, dates in the listing's
-- zone) and disappear after.
CREATE TABLE offers (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT NOT NULL REFERENCES business_listings (post_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    valid_from DATE NOT NULL,
    valid_until DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (valid_until >= valid_from)
);
CREATE INDEX offers_post_id_valid_until_idx ON offers (post_id, valid_until);
