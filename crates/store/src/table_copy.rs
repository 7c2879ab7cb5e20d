//! The metadata database as plain tables, for copying it between backends
//! (`halftone migrate-meta`): the tables in an order that satisfies foreign keys, their
//! columns with a backend-neutral type, and a digest of their rows that both backends
//! compute alike from what they return, so a copy can be verified.

use async_trait::async_trait;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::StoreResult;

/// A row as plain values, one per column of its table, in the table's column order.
pub type TableRow = Vec<Value>;

/// How a column's values are read and written on both backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Int,
    Bool,
    /// Text or numbers in one column (`custom_values.value`): untyped on SQLite, JSONB
    /// on PostgreSQL.
    Dynamic,
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnKind,
}

/// A table to copy. Rows are read in pages of whole groups: all rows sharing a value of
/// `group` (a text or integer column) go into one page, pages in `group` order.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub group: &'static str,
    /// With a primary key, a copied row that is already there is left alone (`ON
    /// CONFLICT DO NOTHING`); without one, a group is replaced whole, so a rerun after
    /// an interruption neither loses nor repeats rows.
    pub keyed: bool,
}

macro_rules! columns {
    ($($name:ident: $kind:ident),* $(,)?) => {
        &[$(Column { name: stringify!($name), kind: ColumnKind::$kind }),*]
    };
}

/// Every table of the schema, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "folders",
        columns: columns!(folder_id: Text, folder_path: Text, name: Text, created_at: Int, updated_at: Int, parent_path: Text),
        group: "folder_id",
        keyed: true,
    },
    Table {
        name: "files",
        columns: columns!(file_id: Text, file_path: Text, name: Text, folder_path: Text, current_version_id: Text,
            next_version: Int, created_at: Int, updated_at: Int),
        group: "file_id",
        keyed: true,
    },
    Table {
        name: "file_versions",
        columns: columns!(version_id: Text, file_id: Text, version_number: Int, blob_key: Text, size: Int, mime: Text,
            file_type: Text, width: Int, height: Int, has_alpha: Bool, is_private: Bool, is_published: Bool, tags: Text,
            ai_tags: Text, custom_coordinates: Text, custom_metadata: Text, description: Text, created_at: Int,
            updated_at: Int, embedded_metadata: Text, working_key: Text, working_width: Int, working_height: Int,
            small_key: Text, small_width: Int, small_height: Int),
        group: "version_id",
        keyed: true,
    },
    Table {
        name: "version_tags",
        columns: columns!(version_id: Text, tag: Text, is_ai: Bool),
        group: "version_id",
        keyed: false,
    },
    Table {
        name: "custom_values",
        columns: columns!(version_id: Text, field: Text, value: Dynamic),
        group: "version_id",
        keyed: false,
    },
    Table {
        name: "purge_requests",
        columns: columns!(request_id: Text, pattern: Text, status: Text, created_at: Int),
        group: "request_id",
        keyed: true,
    },
    Table {
        name: "custom_metadata_fields",
        columns: columns!(id: Text, name: Text, label: Text, description: Text, schema: Text, deleted: Bool,
            created_at: Int, updated_at: Int),
        group: "id",
        keyed: true,
    },
    Table {
        name: "bulk_jobs",
        columns: columns!(job_id: Text, job_type: Text, status: Text, params: Text, purge_request_id: Text, error: Text,
            created_at: Int, updated_at: Int),
        group: "job_id",
        keyed: true,
    },
    Table {
        name: "account_config",
        columns: columns!(kind: Text, id: Text, body: Text, created_at: Int, updated_at: Int),
        group: "kind",
        keyed: true,
    },
    Table {
        name: "delivery_cache",
        columns: columns!(url: Text, blob_key: Text, bytes: Int, content_type: Text, etag: Text, last_modified: Int,
            private: Bool, last_access: Int, file_path: Text),
        group: "url",
        keyed: true,
    },
    Table {
        name: "upload_tokens",
        columns: columns!(token: Text, expires_at: Int),
        group: "token",
        keyed: true,
    },
    Table {
        name: "purge_log",
        columns: columns!(seq: Int, request_id: Text, kind: Text, value: Text, created_at: Int),
        group: "seq",
        keyed: true,
    },
    Table {
        name: "instances",
        columns: columns!(instance_id: Text, applied_seq: Int, heartbeat_at: Int),
        group: "instance_id",
        keyed: true,
    },
    Table {
        name: "render_claims",
        columns: columns!(url: Text, owner: Text, expires_at: Int),
        group: "url",
        keyed: true,
    },
];

impl Table {
    /// The position of the group column in a row.
    pub fn group_index(&self) -> usize {
        self.columns
            .iter()
            .position(|c| c.name == self.group)
            .unwrap_or(0)
    }

    /// Whether the group column holds integers (else text).
    pub fn group_is_int(&self) -> bool {
        self.columns
            .get(self.group_index())
            .is_some_and(|c| c.kind == ColumnKind::Int)
    }

    /// The group value of a row, to page on from.
    pub fn group_of(&self, row: &[Value]) -> Option<Value> {
        row.get(self.group_index()).filter(|v| !v.is_null()).cloned()
    }

    pub(crate) fn column_list(&self) -> String {
        self.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
    }
}

/// Row-level access to a metadata database, implemented by both stores.
#[async_trait]
pub trait TableCopy: Send + Sync {
    /// The rows of up to `groups` groups after the group value `after` (from the first
    /// when `None`), in group order.
    async fn read_page(
        &self,
        table: &Table,
        after: Option<&Value>,
        groups: i64,
    ) -> StoreResult<Vec<TableRow>>;

    /// Writes one page as `read_page` returned it, in one transaction (see `Table::keyed`).
    async fn write_page(&self, table: &Table, rows: &[TableRow]) -> StoreResult<()>;

    async fn count_rows(&self, table: &Table) -> StoreResult<i64>;

    /// Runs after every table was copied in: brings generated sequence numbers past the
    /// copied ones, so the next purge logged does not reuse one.
    async fn finish_copy(&self) -> StoreResult<()>;
}

/// How many groups a page holds when copying or hashing.
pub const PAGE_GROUPS: i64 = 200;

/// SHA-256 over every row of `table` in group order (rows of one group sorted by their
/// canonical JSON text, as the backends order ties differently), and the row count.
pub async fn table_digest(db: &dyn TableCopy, table: &Table) -> StoreResult<(i64, String)> {
    let mut hash = Sha256::new();
    let mut rows_seen = 0;
    let mut after: Option<Value> = None;
    loop {
        let page = db.read_page(table, after.as_ref(), PAGE_GROUPS).await?;
        let Some(last) = page.last() else { break };
        after = table.group_of(last);
        let mut lines: Vec<String> = page.iter().map(|row| canonical(row)).collect();
        lines.sort_unstable();
        for line in &lines {
            hash.update(line.as_bytes());
            hash.update(b"\n");
        }
        rows_seen += page.len() as i64;
        if after.is_none() {
            break;
        }
    }
    Ok((rows_seen, hex::encode(hash.finalize())))
}

/// One row as JSON text, with numbers that are whole written as integers (SQLite may
/// hand back `20.0` where PostgreSQL's JSONB says `20`).
fn canonical(row: &[Value]) -> String {
    let normal: Vec<Value> = row
        .iter()
        .map(|v| match v.as_f64() {
            Some(f) if v.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => v.clone(),
        })
        .collect();
    Value::Array(normal).to_string()
}
