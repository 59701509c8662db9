DROP TABLE deliveries;
DROP TABLE outgoing_activities;
DROP TABLE federation_outbox;
DROP TABLE received_activities;
DROP TABLE federation_settings;
DROP TABLE instances;
DROP INDEX channels_ap_id_key;
ALTER TABLE channels DROP COLUMN ap_id;
