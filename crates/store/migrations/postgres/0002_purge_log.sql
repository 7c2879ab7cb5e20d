-- The purge log every instance follows and the instances following it, as SQLite's
-- 0011_purge_log.sql. A BIGSERIAL never hands out a number twice, so a follower's position
-- stays meaningful after pruning. Each insert notifies 'halftone_purge' with its seq, which
-- wakes every instance's listener; the table, read by sequence, is what they apply.
CREATE TABLE purge_log (
    seq        BIGSERIAL PRIMARY KEY,
    request_id TEXT COLLATE "C",
    kind       TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX purge_log_request ON purge_log (request_id);
CREATE INDEX purge_log_created ON purge_log (created_at);

CREATE TABLE instances (
    instance_id  TEXT COLLATE "C" PRIMARY KEY,
    applied_seq  BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

CREATE FUNCTION purge_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('halftone_purge', NEW.seq::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER purge_log_notify AFTER INSERT ON purge_log
    FOR EACH ROW EXECUTE FUNCTION purge_log_notify();
