-- Covering indexes for paging through files in creation order, whole library or one
-- folder: deep OFFSETs walk the index only, then join the few rows of the page.
DROP INDEX IF EXISTS files_created;
DROP INDEX IF EXISTS files_folder;
CREATE INDEX files_created_id ON files (created_at, file_id);
CREATE INDEX files_folder_created_id ON files (folder_path, created_at, file_id);
