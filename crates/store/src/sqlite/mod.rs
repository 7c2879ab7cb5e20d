//! The embedded metadata store: one SQLite file in WAL mode with full fsync on commit,
//! so a row is durable before the upload that wrote it is acknowledged.

mod dialect;
mod seed;
#[path = "../sql/mod.rs"]
mod sql;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreResult;

const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);
const MAX_CONNECTIONS: u32 = 4;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Checkpoints run in the background (below), not inside a request's commit.
            .pragma("wal_autocheckpoint", "0");
        // Each connection is a thread with its own page cache (2 MiB) in its own malloc arena;
        // WAL readers run in parallel, but this machine class has two cores and one writer at a
        // time, so 4 serve as well as 8 did (docs/benchmarks.md, "Peak RSS, attributed").
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        spawn_checkpointer(pool.clone());
        Ok(Self { pool })
    }
}

/// Copies the WAL back into the database every second without blocking writers
/// (PASSIVE), so commits never pay for a checkpoint and the WAL stays small.
fn spawn_checkpointer(pool: SqlitePool) {
    if tokio::runtime::Handle::try_current().is_err() {
        return;
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        loop {
            tick.tick().await;
            if pool.is_closed() {
                return;
            }
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                tracing::warn!(error = %e, "WAL checkpoint failed");
            }
        }
    });
}
