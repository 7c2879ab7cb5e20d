//! What the shared SQL (`../sql/`) needs to know about SQLite: its sqlx types, how a write
//! transaction starts, and how JSON and mixed-type values are read.

use query::Scalar;
use sqlx::{QueryBuilder, Sqlite, Transaction};

use crate::StoreResult;

pub type Db = Sqlite;
pub type Pool = sqlx::SqlitePool;
pub type DbRow = sqlx::sqlite::SqliteRow;
pub type Args = sqlx::sqlite::SqliteArguments;
pub type Store = super::SqliteStore;

/// IMMEDIATE takes the write lock up front, so two writers (say, two uploads to one path)
/// serialise instead of both reading "absent" and one failing on a UNIQUE constraint.
pub async fn begin_write(pool: &Pool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// One process runs the jobs of its own database, so every pending job is its to run.
pub async fn claim_job(_tx: &mut Transaction<'_, Db>, _job_id: &str) -> StoreResult<bool> {
    Ok(true)
}

/// sqlite_sequence keeps the highest seq AUTOINCREMENT handed out, even after pruning.
pub const LATEST_PURGE_SEQ: &str = "SELECT seq FROM sqlite_sequence WHERE name = 'purge_log'";

/// After a copy: copied purge entries already moved sqlite_sequence past their seq (SQLite
/// does so for explicit AUTOINCREMENT keys); an instance may have applied more (the
/// entries since pruned), so the counter also passes every applied position.
pub const ADVANCE_PURGE_SEQ: &str = "UPDATE sqlite_sequence SET seq = MAX(seq, \
     (SELECT COALESCE(MAX(applied_seq), 0) FROM instances)) WHERE name = 'purge_log'";

/// A SQLite file belongs to one process.
pub const SHARED: bool = false;

/// Purges are direct calls in one process: nothing to push.
pub async fn purge_wakeups(_store: &Store) -> StoreResult<Option<crate::PurgeWakeups>> {
    Ok(None)
}

pub const INSERT_FOLDER: &str = "INSERT INTO folders (folder_id, folder_path, name, parent_path, created_at, updated_at) \
     VALUES (lower(hex(randomblob(12))), $1, $2, $3, $4, $4) ON CONFLICT (folder_path) DO NOTHING";

/// `value` has no declared type: text, integers and reals keep their own, so comparisons
/// with bound values of the same type work.
pub const INSERT_CUSTOM_VALUE: &str =
    "INSERT INTO custom_values (version_id, field, value) VALUES ($1, $2, $3)";

/// Binds a text or number custom value with its own SQL type (text, integer, real).
pub fn bind_custom_value<'q>(
    query: sqlx::query::Query<'q, Db, Args>,
    value: &serde_json::Value,
) -> sqlx::query::Query<'q, Db, Args> {
    match value {
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => query.bind(i),
            None => query.bind(n.as_f64()),
        },
        other => query.bind(other.as_str().map(str::to_owned)),
    }
}

/// The value of `key` in the JSON document column `doc` (SQL NULL when absent).
pub fn push_json_key(qb: &mut QueryBuilder<Db>, doc: &str, key: &str) {
    qb.push("json_extract(")
        .push(doc)
        .push(", ")
        .push_bind(json_path(key))
        .push(")");
}

/// A table `j` with a `value` column: the elements of `key`'s array, or its one value.
pub fn push_json_members(qb: &mut QueryBuilder<Db>, doc: &str, key: &str) {
    qb.push("json_each(")
        .push(doc)
        .push(", ")
        .push_bind(json_path(key))
        .push(") j");
}

fn json_path(key: &str) -> String {
    format!("$.\"{key}\"")
}

/// A value compared with a mixed-type column, as `custom_values` stores it (booleans as 0/1).
pub fn push_dynamic_value(qb: &mut QueryBuilder<Db>, value: &Scalar) {
    match value {
        Scalar::Text(t) => qb.push_bind(t.clone()),
        Scalar::Number(n) => qb.push_bind(*n),
        Scalar::Integer(i) | Scalar::TimeMs(i) => qb.push_bind(*i),
        Scalar::Bool(b) => qb.push_bind(i64::from(*b)),
    };
}

/// A mixed-type expression as text: SQLite's `lower` and `LIKE` convert on their own.
pub fn push_dynamic_text(qb: &mut QueryBuilder<Db>, expr: impl FnOnce(&mut QueryBuilder<Db>)) {
    expr(qb);
}

/// A column in the SELECT list of a table copy.
pub fn select_column(column: &crate::table_copy::Column) -> String {
    column.name.to_owned()
}

/// A mixed-type cell as a JSON value: its storage class decides.
pub fn read_dynamic(row: &DbRow, i: usize) -> Result<serde_json::Value, sqlx::Error> {
    use serde_json::Value;
    use sqlx::{Row, TypeInfo, ValueRef};
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let class = raw.type_info().name().to_owned();
    Ok(match class.as_str() {
        "INTEGER" => Value::from(row.try_get::<i64, _>(i)?),
        "REAL" => Value::from(row.try_get::<f64, _>(i)?),
        _ => Value::String(row.try_get::<String, _>(i)?),
    })
}

/// A mixed-type cell of an INSERT, in the storage class its JSON type maps to.
pub fn push_dynamic_cell(
    tuple: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    value: &serde_json::Value,
) {
    use serde_json::Value;
    match value {
        Value::String(s) => tuple.push_bind(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => tuple.push_bind(i),
            None => tuple.push_bind(n.as_f64()),
        },
        Value::Bool(b) => tuple.push_bind(i64::from(*b)),
        _ => tuple.push_bind(None::<String>),
    };
}
