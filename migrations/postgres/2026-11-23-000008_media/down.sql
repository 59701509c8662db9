ALTER TABLE communities DROP COLUMN banner_id;
ALTER TABLE accounts DROP COLUMN avatar_id;
DROP TABLE post_media;
DROP TABLE media;
