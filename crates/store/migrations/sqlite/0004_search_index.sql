-- Side tables that make tag and custom-metadata searches index lookups instead of JSON
-- scans: one row per (version, tag) and per (version, field, value); a MultiSelect value
-- gives one row per element. Rows follow their version through ON DELETE CASCADE.
CREATE TABLE version_tags (
    version_id TEXT NOT NULL REFERENCES file_versions (version_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    is_ai      BOOLEAN NOT NULL
);
CREATE INDEX version_tags_tag ON version_tags (tag, version_id);
CREATE INDEX version_tags_version ON version_tags (version_id);

CREATE TABLE custom_values (
    version_id TEXT NOT NULL REFERENCES file_versions (version_id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    value
);
CREATE INDEX custom_values_field ON custom_values (field, value, version_id);
CREATE INDEX custom_values_version ON custom_values (version_id);

INSERT INTO version_tags (version_id, tag, is_ai)
    SELECT v.version_id, j.value, FALSE FROM file_versions v, json_each(v.tags) j;
INSERT INTO version_tags (version_id, tag, is_ai)
    SELECT v.version_id, json_extract(j.value, '$.name'), TRUE FROM file_versions v, json_each(v.ai_tags) j;
INSERT INTO custom_values (version_id, field, value)
    SELECT v.version_id, j.key, j.value FROM file_versions v, json_each(v.custom_metadata) j WHERE j.type <> 'array';
INSERT INTO custom_values (version_id, field, value)
    SELECT v.version_id, j.key, e.value FROM file_versions v, json_each(v.custom_metadata) j, json_each(j.value) e
    WHERE j.type = 'array';

CREATE INDEX files_name ON files (name);
