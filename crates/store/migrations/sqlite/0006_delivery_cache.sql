-- Index of the disk tier of the delivery cache: one row per cached URL (normalised key),
-- so an exact or prefix purge is a primary-key range and eviction walks last_access.
CREATE TABLE delivery_cache (
    url           TEXT PRIMARY KEY,
    blob_key      TEXT NOT NULL,
    bytes         BIGINT NOT NULL,
    content_type  TEXT NOT NULL,
    etag          TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    private       BOOLEAN NOT NULL,
    last_access   BIGINT NOT NULL
);
CREATE INDEX delivery_cache_access ON delivery_cache (last_access);
