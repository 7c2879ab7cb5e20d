-- The schema of migrations/sqlite/ in its final state, table for table and column for
-- column, so rows copy between the two by column name (halftone migrate-meta). Times are
-- Unix milliseconds, JSON documents TEXT. Text is COLLATE "C" (byte order, as SQLite's
-- BINARY collation): path and URL prefixes are range scans `>= p AND < p_end`, which only
-- hold in byte order, and listings sort by name the same on both backends.
CREATE TABLE folders (
    folder_id   TEXT COLLATE "C" PRIMARY KEY,
    folder_path TEXT COLLATE "C" NOT NULL UNIQUE,
    name        TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    parent_path TEXT COLLATE "C" NOT NULL DEFAULT '/'
);
CREATE INDEX folders_parent ON folders (parent_path, name);

CREATE TABLE files (
    file_id            TEXT COLLATE "C" PRIMARY KEY,
    file_path          TEXT COLLATE "C" NOT NULL UNIQUE,
    name               TEXT COLLATE "C" NOT NULL,
    folder_path        TEXT COLLATE "C" NOT NULL,
    current_version_id TEXT COLLATE "C" NOT NULL,
    next_version       BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX files_folder_name ON files (folder_path, name);
CREATE INDEX files_name ON files (name);
CREATE INDEX files_created_id ON files (created_at, file_id);
CREATE INDEX files_folder_created_id ON files (folder_path, created_at, file_id);

CREATE TABLE file_versions (
    version_id         TEXT COLLATE "C" PRIMARY KEY,
    file_id            TEXT COLLATE "C" NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
    version_number     BIGINT NOT NULL,
    blob_key           TEXT COLLATE "C" NOT NULL,
    size               BIGINT NOT NULL,
    mime               TEXT COLLATE "C" NOT NULL,
    file_type          TEXT COLLATE "C" NOT NULL,
    width              BIGINT,
    height             BIGINT,
    has_alpha          BOOLEAN NOT NULL,
    is_private         BOOLEAN NOT NULL,
    is_published       BOOLEAN NOT NULL,
    tags               TEXT COLLATE "C",
    ai_tags            TEXT COLLATE "C",
    custom_coordinates TEXT COLLATE "C",
    custom_metadata    TEXT COLLATE "C" NOT NULL,
    description        TEXT COLLATE "C",
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    embedded_metadata  TEXT COLLATE "C",
    working_key        TEXT COLLATE "C",
    working_width      BIGINT,
    working_height     BIGINT,
    small_key          TEXT COLLATE "C",
    small_width        BIGINT,
    small_height       BIGINT
);
CREATE INDEX file_versions_file ON file_versions (file_id, version_number);
CREATE INDEX file_versions_blob ON file_versions (blob_key);
CREATE INDEX file_versions_file_created ON file_versions (file_id, created_at);
CREATE INDEX file_versions_working ON file_versions (working_key);
CREATE INDEX file_versions_small ON file_versions (small_key);

-- Search side tables, as on SQLite. `value` holds text and numbers in one column, which
-- SQLite does with an untyped column and PostgreSQL with JSONB.
CREATE TABLE version_tags (
    version_id TEXT COLLATE "C" NOT NULL REFERENCES file_versions (version_id) ON DELETE CASCADE,
    tag        TEXT COLLATE "C" NOT NULL,
    is_ai      BOOLEAN NOT NULL
);
CREATE INDEX version_tags_tag ON version_tags (tag, version_id);
CREATE INDEX version_tags_version ON version_tags (version_id);

CREATE TABLE custom_values (
    version_id TEXT COLLATE "C" NOT NULL REFERENCES file_versions (version_id) ON DELETE CASCADE,
    field      TEXT COLLATE "C" NOT NULL,
    value      JSONB
);
CREATE INDEX custom_values_field ON custom_values (field, value, version_id);
CREATE INDEX custom_values_version ON custom_values (version_id);

CREATE TABLE purge_requests (
    request_id TEXT COLLATE "C" PRIMARY KEY,
    pattern    TEXT COLLATE "C" NOT NULL,
    status     TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE custom_metadata_fields (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL UNIQUE,
    label       TEXT COLLATE "C" NOT NULL,
    description TEXT COLLATE "C",
    schema      TEXT COLLATE "C" NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE bulk_jobs (
    job_id           TEXT COLLATE "C" PRIMARY KEY,
    job_type         TEXT COLLATE "C" NOT NULL,
    status           TEXT COLLATE "C" NOT NULL,
    params           TEXT COLLATE "C" NOT NULL,
    purge_request_id TEXT COLLATE "C",
    error            TEXT COLLATE "C",
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX bulk_jobs_status ON bulk_jobs (status, created_at);

CREATE TABLE account_config (
    kind       TEXT COLLATE "C" NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    body       TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE TABLE delivery_cache (
    url           TEXT COLLATE "C" PRIMARY KEY,
    blob_key      TEXT COLLATE "C" NOT NULL,
    bytes         BIGINT NOT NULL,
    content_type  TEXT COLLATE "C" NOT NULL,
    etag          TEXT COLLATE "C" NOT NULL,
    last_modified BIGINT NOT NULL,
    private       BOOLEAN NOT NULL,
    last_access   BIGINT NOT NULL,
    file_path     TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX delivery_cache_access ON delivery_cache (last_access);
CREATE INDEX delivery_cache_file ON delivery_cache (file_path);

CREATE TABLE upload_tokens (
    token      TEXT COLLATE "C" PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX upload_tokens_expiry ON upload_tokens (expires_at);
