-- A second, smaller working copy (longest side 512) for thumbnail-sized renders: its whole
-- file is a quarter of the larger copy's, and entropy decoding is most of a render's time.
ALTER TABLE file_versions ADD COLUMN small_key TEXT;
ALTER TABLE file_versions ADD COLUMN small_width BIGINT;
ALTER TABLE file_versions ADD COLUMN small_height BIGINT;
CREATE INDEX file_versions_small ON file_versions (small_key);
