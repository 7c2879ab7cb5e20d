-- Which instance is rendering a delivery URL right now, so instances sharing the database
-- render it once: the others wait for the shared tier instead. A claim lapses at expires_at
-- (Unix ms), so an instance that dies mid-render blocks nobody for long.
CREATE TABLE render_claims (
    url        TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
