//! Purge wake-ups pushed by PostgreSQL: the `purge_log` insert trigger notifies
//! `halftone_purge`, and one dedicated listening connection per instance turns each
//! notification into a wake-up. Notifications sent while that connection is down are lost,
//! so a reconnect is a wake-up too: the follower then reads the log from its position and
//! catches up on whatever it missed.

use std::time::Duration;

use futures::StreamExt;
use sqlx::PgPool;
use sqlx::postgres::PgListener;

use crate::{PurgeWakeups, StoreResult};

const CHANNEL: &str = "halftone_purge";

/// How long to wait before trying again when the database cannot be reached.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// Starts listening; fails only when the first connection does.
pub async fn listen(pool: &PgPool) -> StoreResult<PurgeWakeups> {
    let listener = connect(pool).await?;
    let pool = pool.clone();
    let wakeups = futures::stream::unfold((listener, pool), |(mut listener, pool)| async move {
        match listener.try_recv().await {
            // `Ok(None)`: the connection dropped and sqlx has reconnected and listens again
            // (eager reconnect), so anything sent meanwhile is in the table only.
            Ok(_) => Some(((), (listener, pool))),
            Err(sqlx::Error::PoolClosed) => None,
            Err(e) => {
                tracing::warn!(error = %e, "purge listener lost its connection; reconnecting");
                let listener = reconnect(&pool).await?;
                Some(((), (listener, pool)))
            }
        }
    });
    Ok(wakeups.boxed())
}

async fn connect(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// A new listener, trying until the database answers; `None` once the store is closed.
async fn reconnect(pool: &PgPool) -> Option<PgListener> {
    loop {
        if pool.is_closed() {
            return None;
        }
        match connect(pool).await {
            Ok(listener) => return Some(listener),
            Err(e) => {
                tracing::warn!(error = %e, "purge listener cannot reconnect yet");
                tokio::time::sleep(RETRY_AFTER).await;
            }
        }
    }
}
