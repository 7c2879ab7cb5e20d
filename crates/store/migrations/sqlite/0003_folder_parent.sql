-- Each folder's parent path (`/a/` for `/a/b`, `/` at the top), so listing one folder
-- level is an index lookup. rtrim(p, <every non-slash char of p>) keeps p up to its last '/'.
ALTER TABLE folders ADD COLUMN parent_path TEXT NOT NULL DEFAULT '/';
UPDATE folders SET parent_path = rtrim(folder_path, replace(folder_path, '/', ''));
CREATE INDEX folders_parent ON folders (parent_path, name);
CREATE INDEX file_versions_file_created ON file_versions (file_id, created_at);
