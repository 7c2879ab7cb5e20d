//! `TableCopy` for the backend that compiles this folder: pages of rows as plain values.
//! Table and column names come from `crate::table_copy::TABLES`, never from input.

use async_trait::async_trait;
use serde_json::Value;
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

use super::dialect::{self, Db, DbRow, Store};
use crate::table_copy::{ColumnKind, Table, TableCopy, TableRow};
use crate::{StoreError, StoreResult};

/// Bound parameters per statement, under SQLite's limit (32766) and PostgreSQL's (65535).
const MAX_PARAMS: usize = 30_000;

#[async_trait]
impl TableCopy for Store {
    async fn read_page(
        &self,
        table: &Table,
        after: Option<&Value>,
        groups: i64,
    ) -> StoreResult<Vec<TableRow>> {
        let columns: Vec<String> = table.columns.iter().map(dialect::select_column).collect();
        let (name, group) = (table.name, table.group);
        // `>=` from the least value on the first page, so a group of that value is kept.
        let op = if after.is_some() { ">" } else { ">=" };
        let sql = format!(
            "SELECT {} FROM {name} WHERE {group} {op} $1 AND {group} <= (SELECT MAX({group}) FROM \
             (SELECT DISTINCT {group} FROM {name} WHERE {group} {op} $1 ORDER BY {group} LIMIT $2) AS page) \
             ORDER BY {group}",
            columns.join(", ")
        );
        let query = sqlx::query(AssertSqlSafe(sql));
        let query = if table.group_is_int() {
            query.bind(after.and_then(Value::as_i64).unwrap_or(i64::MIN))
        } else {
            query.bind(after.and_then(Value::as_str).unwrap_or_default().to_owned())
        };
        let rows = query.bind(groups).fetch_all(&self.pool).await?;
        rows.iter().map(|row| read_row(table, row)).collect()
    }

    async fn write_page(&self, table: &Table, rows: &[TableRow]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        if !table.keyed {
            let mut groups: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(table.group_index()).and_then(Value::as_str))
                .collect();
            groups.dedup();
            for chunk in groups.chunks(MAX_PARAMS) {
                let mut qb =
                    QueryBuilder::<Db>::new(format!("DELETE FROM {} WHERE {} IN (", table.name, table.group));
                let mut list = qb.separated(", ");
                for group in chunk {
                    list.push_bind(group.to_string());
                }
                qb.push(")");
                qb.build().execute(&mut *tx).await?;
            }
        }
        for chunk in rows.chunks((MAX_PARAMS / table.columns.len().max(1)).max(1)) {
            let mut qb =
                QueryBuilder::<Db>::new(format!("INSERT INTO {} ({}) ", table.name, table.column_list()));
            qb.push_values(chunk, |mut tuple, row| {
                for (column, value) in table.columns.iter().zip(row) {
                    match column.kind {
                        ColumnKind::Text => {
                            tuple.push_bind(value.as_str().map(str::to_owned));
                        }
                        ColumnKind::Int => {
                            tuple.push_bind(value.as_i64());
                        }
                        ColumnKind::Bool => {
                            tuple.push_bind(value.as_bool());
                        }
                        ColumnKind::Dynamic => {
                            dialect::push_dynamic_cell(&mut tuple, value);
                        }
                    }
                }
            });
            if table.keyed {
                qb.push(" ON CONFLICT DO NOTHING");
            }
            qb.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn count_rows(&self, table: &Table) -> StoreResult<i64> {
        let sql = format!("SELECT COUNT(*) FROM {}", table.name);
        Ok(sqlx::query_scalar(AssertSqlSafe(sql))
            .fetch_one(&self.pool)
            .await?)
    }

    async fn finish_copy(&self) -> StoreResult<()> {
        sqlx::query(dialect::ADVANCE_PURGE_SEQ)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn read_row(table: &Table, row: &DbRow) -> StoreResult<TableRow> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            Ok(match column.kind {
                ColumnKind::Text => row
                    .try_get::<Option<String>, _>(i)?
                    .map_or(Value::Null, Value::String),
                ColumnKind::Int => row.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, Value::from),
                ColumnKind::Bool => row
                    .try_get::<Option<bool>, _>(i)?
                    .map_or(Value::Null, Value::Bool),
                ColumnKind::Dynamic => dialect::read_dynamic(row, i)
                    .map_err(|e| StoreError::Corrupt(format!("{}.{}: {e}", table.name, column.name)))?,
            })
        })
        .collect()
}
