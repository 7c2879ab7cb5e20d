//! Custom metadata field definitions; deleting one only marks it, since its name stays
//! reserved forever.

use sqlx::Row;

use super::dialect::{DbRow, Pool};

use super::rows::{json_text, parse_json};
use crate::{FieldRecord, StoreResult};

fn from_row(row: &DbRow) -> StoreResult<FieldRecord> {
    let schema: String = row.try_get("schema")?;
    Ok(FieldRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        label: row.try_get("label")?,
        description: row.try_get("description")?,
        schema: parse_json(&schema)?,
        deleted: row.try_get("deleted")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn insert(pool: &Pool, f: &FieldRecord) -> StoreResult<()> {
    sqlx::query("INSERT INTO custom_metadata_fields (id, name, label, description, schema, deleted, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&f.id)
        .bind(&f.name)
        .bind(&f.label)
        .bind(&f.description)
        .bind(json_text(&f.schema))
        .bind(f.deleted)
        .bind(f.created_at)
        .bind(f.updated_at)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn list(pool: &Pool, include_deleted: bool) -> StoreResult<Vec<FieldRecord>> {
    let rows = sqlx::query(
        "SELECT * FROM custom_metadata_fields WHERE deleted = FALSE OR $1 ORDER BY created_at, id",
    )
    .bind(include_deleted)
    .fetch_all(pool)
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(pool: &Pool, id: &str) -> StoreResult<Option<FieldRecord>> {
    let row = sqlx::query("SELECT * FROM custom_metadata_fields WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn update(pool: &Pool, f: &FieldRecord) -> StoreResult<()> {
    sqlx::query("UPDATE custom_metadata_fields SET label = $2, description = $3, schema = $4, deleted = $5, updated_at = $6 WHERE id = $1")
        .bind(&f.id)
        .bind(&f.label)
        .bind(&f.description)
        .bind(json_text(&f.schema))
        .bind(f.deleted)
        .bind(f.updated_at)
        .execute(pool)
        .await?;
    Ok(())
}
