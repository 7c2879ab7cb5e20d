-- The file each cached delivery was made from, so deleting a file can purge every variant
-- of it (path-form `/tr:…/` URLs do not share a prefix with the file's URL).
ALTER TABLE delivery_cache ADD COLUMN file_path TEXT NOT NULL DEFAULT '';
CREATE INDEX delivery_cache_file ON delivery_cache (file_path);
