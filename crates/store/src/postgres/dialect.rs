//! What the shared SQL (`../sql/`) needs to know about PostgreSQL: its sqlx types, how a
//! write transaction starts and claims a job across instances, and how JSON is read.

use query::Scalar;
use sqlx::{Postgres, QueryBuilder, Transaction};

use crate::StoreResult;

pub type Db = Postgres;
pub type Pool = sqlx::PgPool;
pub type DbRow = sqlx::postgres::PgRow;
pub type Args = sqlx::postgres::PgArguments;
pub type Store = super::PgStore;

/// Key of the advisory lock every write transaction takes (any fixed number works; this
/// one reads "halftone" in ASCII).
const WRITE_LOCK: i64 = 0x68616c66_746f6e65;

/// Writes take one transaction-scoped advisory lock, so they run one at a time as on
/// SQLite (`BEGIN IMMEDIATE`) across every instance: read-then-insert sequences (an
/// upload to a new path, a copy onto an existing file) cannot interleave. Reads never
/// wait for it.
pub async fn begin_write(pool: &Pool) -> StoreResult<Transaction<'static, Db>> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Locks the job's row for this transaction; `false` when it is completed or another
/// instance holds it (that instance runs it, so this one must not).
pub async fn claim_job(tx: &mut Transaction<'_, Db>, job_id: &str) -> StoreResult<bool> {
    let row = sqlx::query(
        "SELECT job_id FROM bulk_jobs WHERE job_id = $1 AND status <> 'Completed' FOR UPDATE SKIP LOCKED",
    )
    .bind(job_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// The sequence's last value, NULL before its first use; it survives pruning.
pub const LATEST_PURGE_SEQ: &str =
    "SELECT pg_sequence_last_value(pg_get_serial_sequence('purge_log', 'seq'))";

/// After a copy: the sequence passes every copied entry and every applied position
/// (entries since pruned), so no number is handed out twice.
pub const ADVANCE_PURGE_SEQ: &str = "SELECT setval(pg_get_serial_sequence('purge_log', 'seq'), top) FROM \
     (SELECT GREATEST((SELECT MAX(seq) FROM purge_log), (SELECT MAX(applied_seq) FROM instances), \
     (SELECT pg_sequence_last_value(pg_get_serial_sequence('purge_log', 'seq')))) AS top) AS t \
     WHERE top > 0";

/// Every instance of a deployment uses the same database.
pub const SHARED: bool = true;

pub async fn purge_wakeups(store: &Store) -> StoreResult<Option<crate::PurgeWakeups>> {
    super::wakeups::listen(&store.pool).await.map(Some)
}

pub const INSERT_FOLDER: &str = "INSERT INTO folders (folder_id, folder_path, name, parent_path, created_at, updated_at) \
     VALUES (substr(md5(random()::text || clock_timestamp()::text), 1, 24), $1, $2, $3, $4, $4) \
     ON CONFLICT (folder_path) DO NOTHING";

/// `value` is JSONB: one column holds text, numbers (booleans as 0/1, as on SQLite) and
/// compares like with like.
pub const INSERT_CUSTOM_VALUE: &str =
    "INSERT INTO custom_values (version_id, field, value) VALUES ($1, $2, CAST($3 AS JSONB))";

/// Binds a text or number custom value as its JSON text.
pub fn bind_custom_value<'q>(
    query: sqlx::query::Query<'q, Db, Args>,
    value: &serde_json::Value,
) -> sqlx::query::Query<'q, Db, Args> {
    query.bind(value.to_string())
}

/// The value of `key` in the JSON document column `doc` (SQL NULL when absent).
pub fn push_json_key(qb: &mut QueryBuilder<Db>, doc: &str, key: &str) {
    qb.push("(CAST(")
        .push(doc)
        .push(" AS JSONB) -> ")
        .push_bind(key.to_owned())
        .push(")");
}

/// A table `j` with a `value` column: the elements of `key`'s array, or its one value.
pub fn push_json_members(qb: &mut QueryBuilder<Db>, doc: &str, key: &str) {
    qb.push("jsonb_array_elements(CASE WHEN jsonb_typeof(");
    push_json_key(qb, doc, key);
    qb.push(") = 'array' THEN ");
    push_json_key(qb, doc, key);
    qb.push(" ELSE jsonb_build_array(");
    push_json_key(qb, doc, key);
    qb.push(") END) AS j(value)");
}

/// A value compared with a JSONB expression, as `custom_values` stores it.
pub fn push_dynamic_value(qb: &mut QueryBuilder<Db>, value: &Scalar) {
    qb.push("to_jsonb(");
    match value {
        Scalar::Text(t) => qb.push("CAST(").push_bind(t.clone()).push(" AS TEXT)"),
        Scalar::Number(n) => qb.push("CAST(").push_bind(*n).push(" AS DOUBLE PRECISION)"),
        Scalar::Integer(i) | Scalar::TimeMs(i) => qb.push("CAST(").push_bind(*i).push(" AS BIGINT)"),
        Scalar::Bool(b) => qb.push("CAST(").push_bind(i64::from(*b)).push(" AS BIGINT)"),
    };
    qb.push(")");
}

/// A JSONB expression as text: a string without its quotes, a number as written.
pub fn push_dynamic_text(qb: &mut QueryBuilder<Db>, expr: impl FnOnce(&mut QueryBuilder<Db>)) {
    qb.push("(");
    expr(qb);
    qb.push(" #>> '{}')");
}

/// A column in the SELECT list of a table copy; JSONB is read as its text.
pub fn select_column(column: &crate::table_copy::Column) -> String {
    match column.kind {
        crate::table_copy::ColumnKind::Dynamic => format!("CAST({0} AS TEXT) AS {0}", column.name),
        _ => column.name.to_owned(),
    }
}

/// A JSONB cell (selected as text) as a JSON value.
pub fn read_dynamic(row: &DbRow, i: usize) -> Result<serde_json::Value, String> {
    use sqlx::Row;
    let text: Option<String> = row.try_get(i).map_err(|e| e.to_string())?;
    text.map_or(Ok(serde_json::Value::Null), |t| {
        serde_json::from_str(&t).map_err(|e| e.to_string())
    })
}

/// A JSONB cell of an INSERT, from its JSON text.
pub fn push_dynamic_cell(
    tuple: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    value: &serde_json::Value,
) {
    let text = (!value.is_null()).then(|| value.to_string());
    tuple.push("CAST(");
    tuple.push_bind_unseparated(text);
    tuple.push_unseparated(" AS JSONB)");
}
