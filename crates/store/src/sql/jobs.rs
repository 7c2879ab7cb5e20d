//! Bulk job rows: persisted so a restart resumes pending work.

use sqlx::Row;

use super::dialect::{DbRow, Pool};

use super::rows::{json_text, parse_json};
use crate::{JobRecord, JobStatus, StoreResult};

const COLUMNS: &str = "job_id, job_type, status, params, purge_request_id, error, created_at, updated_at";

fn from_row(row: &DbRow) -> StoreResult<JobRecord> {
    let status: String = row.try_get("status")?;
    let params: String = row.try_get("params")?;
    Ok(JobRecord {
        job_id: row.try_get("job_id")?,
        job_type: row.try_get("job_type")?,
        status: if status == "Completed" {
            JobStatus::Completed
        } else {
            JobStatus::Pending
        },
        params: parse_json(&params)?,
        purge_request_id: row.try_get("purge_request_id")?,
        error: row.try_get("error")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn insert(pool: &Pool, job: &JobRecord) -> StoreResult<()> {
    sqlx::query("INSERT INTO bulk_jobs (job_id, job_type, status, params, purge_request_id, error, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&job.job_id)
        .bind(&job.job_type)
        .bind(match job.status {
            JobStatus::Pending => "Pending",
            JobStatus::Completed => "Completed",
        })
        .bind(json_text(&job.params))
        .bind(&job.purge_request_id)
        .bind(&job.error)
        .bind(job.created_at)
        .bind(job.updated_at)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn get(pool: &Pool, job_id: &str) -> StoreResult<Option<JobRecord>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM bulk_jobs WHERE job_id = $1"));
    let row = sqlx::query(sql).bind(job_id).fetch_optional(pool).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn pending(pool: &Pool) -> StoreResult<Vec<JobRecord>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM bulk_jobs WHERE status = 'Pending' ORDER BY created_at"
    ));
    let rows = sqlx::query(sql).fetch_all(pool).await?;
    rows.iter().map(from_row).collect()
}

pub async fn finish(pool: &Pool, job_id: &str, error: Option<&str>, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE bulk_jobs SET status = 'Completed', error = $2, updated_at = $3 WHERE job_id = $1")
        .bind(job_id)
        .bind(error)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}
