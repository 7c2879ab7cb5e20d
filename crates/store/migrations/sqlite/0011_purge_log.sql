-- The purge log every instance follows (each applies new entries to its own RAM cache), and
-- the instances that follow it: a purge request is Completed once every live instance has
-- applied its entry. AUTOINCREMENT: a sequence number is never reused after old entries are
-- pruned, so a follower's position stays meaningful.
CREATE TABLE purge_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT,
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX purge_log_request ON purge_log (request_id);
CREATE INDEX purge_log_created ON purge_log (created_at);

CREATE TABLE instances (
    instance_id  TEXT PRIMARY KEY,
    applied_seq  BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);
