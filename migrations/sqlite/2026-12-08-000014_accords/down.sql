DROP TABLE accord_signatures;
DROP TABLE signing_keys;
DROP TABLE accord_versions;
DROP TABLE accords;
