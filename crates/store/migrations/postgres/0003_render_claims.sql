-- Render claims, as SQLite's 0012_render_claims.sql.
CREATE TABLE render_claims (
    url        TEXT COLLATE "C" PRIMARY KEY,
    owner      TEXT COLLATE "C" NOT NULL,
    expires_at BIGINT NOT NULL
);
