//! The distributed metadata store: one PostgreSQL database shared by every instance.
//! The queries are the SQLite store's (`../sql/`); `dialect` holds what differs.

mod dialect;
#[path = "../sql/mod.rs"]
mod sql;
mod wakeups;

use std::time::Duration;

use sqlx::migrate::MigrateDatabase;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres};

use crate::StoreResult;

const MAX_CONNECTIONS: u32 = 10;
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database `url` names, creating it when missing, and applies pending
    /// migrations. Instances starting together are safe: sqlx holds an advisory lock while
    /// it migrates, and a lost race to create the database counts as success.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        ensure_database(url).await?;
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(url)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Waits for checked-out connections to come back, then closes them all.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

async fn ensure_database(url: &str) -> StoreResult<()> {
    if Postgres::database_exists(url).await? {
        return Ok(());
    }
    match Postgres::create_database(url).await {
        Ok(()) => Ok(()),
        // Another instance created it between the check and the CREATE.
        Err(_) if Postgres::database_exists(url).await? => Ok(()),
        Err(e) => Err(e.into()),
    }
}
