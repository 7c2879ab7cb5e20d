-- A smaller copy of large images (longest side 2048), made after upload, that renders of
-- small outputs decode instead of the full original.
ALTER TABLE file_versions ADD COLUMN working_key TEXT;
ALTER TABLE file_versions ADD COLUMN working_width BIGINT;
ALTER TABLE file_versions ADD COLUMN working_height BIGINT;
CREATE INDEX file_versions_working ON file_versions (working_key);
