-- Client-side upload tokens already seen (v1 `token`, v2 JWT), kept until they expire so a
-- token is accepted once across restarts and across every instance sharing this database.
CREATE TABLE upload_tokens (
    token TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX upload_tokens_expiry ON upload_tokens (expires_at);
