//! Purge wake-ups pushed by PostgreSQL: the `purge_log` insert trigger notifies
//! `halftone_purge`, and one dedicated listening connection per instance turns each
//! notification into a wake-up. Notifications sent while that connection is down are lost,
//! so a reconnect is a wake-up too: the follower then reads the log from its position and
//! catches up on whatever it missed.

use std::time::Duration;

use futures::StreamExt;
use sqlx::PgPool;
use sqlx::postgres::{PgListener, PgPoolOptions};

use crate::{PurgeWakeups, StoreResult};

const CHANNEL: &str = "halftone_purge";

/// How long to wait before trying again when the database cannot be reached.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// Starts listening; fails only when the first connection does. The listener has a pool
/// of its own (one connection), so it never takes a connection queries need, and closing
/// the store (`store`) does not wait for it: that ends the stream instead.
pub async fn listen(store: &PgPool) -> StoreResult<PurgeWakeups> {
    let own = PgPoolOptions::new()
        .max_connections(1)
        .connect_lazy_with((*store.connect_options()).clone());
    let listener = connect(&own).await?;
    let state = (listener, own, store.clone());
    let wakeups = futures::stream::unfold(state, |(mut listener, own, store)| async move {
        let received = store.close_event().do_until(listener.try_recv()).await.ok()?;
        match received {
            // `Ok(None)`: the connection dropped and sqlx has reconnected and listens again
            // (eager reconnect), so anything sent meanwhile is in the table only.
            Ok(_) => Some(((), (listener, own, store))),
            Err(e) => {
                tracing::warn!(error = %e, "purge listener lost its connection; reconnecting");
                let listener = store.close_event().do_until(reconnect(&own)).await.ok()?;
                Some(((), (listener, own, store)))
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

/// A new listener, trying until the database answers.
async fn reconnect(pool: &PgPool) -> PgListener {
    loop {
        match connect(pool).await {
            Ok(listener) => return listener,
            Err(e) => {
                tracing::warn!(error = %e, "purge listener cannot reconnect yet");
                tokio::time::sleep(RETRY_AFTER).await;
            }
        }
    }
}
