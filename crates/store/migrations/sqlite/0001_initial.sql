-- Files, their versions, folders and purge requests. Times are Unix milliseconds;
-- JSON-shaped values are TEXT so the same schema maps onto PostgreSQL later.
CREATE TABLE folders (
    folder_id   TEXT PRIMARY KEY,
    folder_path TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE files (
    file_id            TEXT PRIMARY KEY,
    file_path          TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    folder_path        TEXT NOT NULL,
    current_version_id TEXT NOT NULL,
    next_version       BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX files_folder ON files (folder_path);

CREATE TABLE file_versions (
    version_id         TEXT PRIMARY KEY,
    file_id            TEXT NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
    version_number     BIGINT NOT NULL,
    blob_key           TEXT NOT NULL,
    size               BIGINT NOT NULL,
    mime               TEXT NOT NULL,
    file_type          TEXT NOT NULL,
    width              BIGINT,
    height             BIGINT,
    has_alpha          BOOLEAN NOT NULL,
    is_private         BOOLEAN NOT NULL,
    is_published       BOOLEAN NOT NULL,
    tags               TEXT,
    ai_tags            TEXT,
    custom_coordinates TEXT,
    custom_metadata    TEXT NOT NULL,
    description        TEXT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX file_versions_file ON file_versions (file_id, version_number);
CREATE INDEX file_versions_blob ON file_versions (blob_key);

CREATE TABLE purge_requests (
    request_id TEXT PRIMARY KEY,
    pattern    TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
