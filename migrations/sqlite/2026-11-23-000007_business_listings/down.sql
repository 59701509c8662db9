DROP TABLE offers;
DROP TABLE opening_hours;
DROP TABLE business_listings;
