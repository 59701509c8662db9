DROP TABLE channel_moderators;
DROP TABLE channels;
DROP TABLE community_members;
DROP TABLE organization_members;
DROP TABLE organizations;
