-- The rest of the media library: embedded metadata per version, custom metadata fields,
-- bulk jobs, and stored account configuration.
ALTER TABLE file_versions ADD COLUMN embedded_metadata TEXT;

CREATE TABLE custom_metadata_fields (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    description TEXT,
    schema      TEXT NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE bulk_jobs (
    job_id           TEXT PRIMARY KEY,
    job_type         TEXT NOT NULL,
    status           TEXT NOT NULL,
    params           TEXT NOT NULL,
    purge_request_id TEXT,
    error            TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX bulk_jobs_status ON bulk_jobs (status, created_at);

CREATE TABLE account_config (
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE INDEX files_created ON files (created_at);
CREATE INDEX files_folder_name ON files (folder_path, name);
