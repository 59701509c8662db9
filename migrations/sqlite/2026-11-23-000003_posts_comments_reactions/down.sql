DROP TABLE search_outbox;
DROP TABLE reactions;
DROP TABLE comments;
DROP TABLE posts;
