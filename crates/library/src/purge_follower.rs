//! This instance's place in the purge log: it applies every purge, whichever instance took
//! the request, to its own RAM cache, and says how far it got in a heartbeat row. A purge
//! request is Completed when every live instance's heartbeat has reached its entry.
//!
//! Wake-ups (PostgreSQL NOTIFY) make it prompt; the poll makes it correct when a wake-up is
//! lost, since the log, not the notification, carries the purges.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use store::{DeliveryCache, MetaStore, StoreResult};

use crate::{new_id, now_ms};

/// How often the log is read without a wake-up, and the heartbeat written.
const POLL_EVERY: Duration = Duration::from_secs(2);
/// An instance whose heartbeat is older than this is not waited for.
pub(crate) const LIVE_WITHIN_MS: i64 = 10_000;
/// Entries older than this are pruned; an instance silent that long restarts empty anyway.
const KEEP_LOG_MS: i64 = 24 * 3_600_000;
const PRUNE_EVERY_POLLS: u32 = 300;
const PAGE: i64 = 500;

pub(crate) struct PurgeFollower {
    instance_id: String,
    meta: Arc<dyn MetaStore>,
    cache: Arc<dyn DeliveryCache>,
    /// The last log entry applied here; `None` until the first read of the log.
    applied: tokio::sync::Mutex<Option<i64>>,
}

impl PurgeFollower {
    pub(crate) fn new(meta: Arc<dyn MetaStore>, cache: Arc<dyn DeliveryCache>) -> Self {
        Self {
            instance_id: new_id(),
            meta,
            cache,
            applied: tokio::sync::Mutex::new(None),
        }
    }

    /// Applies every entry after this instance's position, then records the new position.
    /// A fresh instance starts at the end of the log: its RAM cache holds nothing older.
    pub(crate) async fn catch_up(&self) -> StoreResult<i64> {
        let mut applied = self.applied.lock().await;
        let mut seq = match *applied {
            Some(seq) => seq,
            None => self.meta.latest_purge_seq().await?,
        };
        loop {
            let entries = self.meta.purges_after(seq, PAGE).await?;
            let Some(last) = entries.last().map(|e| e.seq) else {
                break;
            };
            let now = now_ms();
            for entry in &entries {
                self.cache.purge_local(&entry.pattern).await;
                // Clocks of instances differ a little; a negative lag counts as none.
                let lag_ms = (now - entry.created_at).max(0);
                metrics::histogram!("halftone_purge_lag_seconds").record(lag_ms as f64 / 1000.0);
            }
            seq = last;
            *applied = Some(seq);
        }
        *applied = Some(seq);
        metrics::gauge!("halftone_purge_applied_seq").set(seq as f64);
        self.meta.heartbeat(&self.instance_id, seq, now_ms()).await?;
        Ok(seq)
    }

    /// Follows the log until the process ends.
    pub(crate) fn spawn(self: Arc<Self>) {
        tokio::spawn(async move {
            let mut wakeups = match self.meta.purge_wakeups().await {
                Ok(w) => w,
                Err(e) => {
                    tracing::warn!(error = %e, "no purge wake-ups; polling the purge log only");
                    None
                }
            };
            let mut polls = 0u32;
            loop {
                if let Err(e) = self.catch_up().await {
                    tracing::warn!(error = %e, "could not follow the purge log");
                }
                polls = polls.wrapping_add(1);
                if polls.is_multiple_of(PRUNE_EVERY_POLLS)
                    && let Err(e) = self.meta.prune_purge_log(now_ms() - KEEP_LOG_MS).await
                {
                    tracing::warn!(error = %e, "could not prune the purge log");
                }
                match wakeups.as_mut() {
                    Some(stream) => {
                        let woke = tokio::time::timeout(POLL_EVERY, stream.next()).await;
                        if matches!(woke, Ok(None)) {
                            tracing::warn!("purge wake-ups ended; polling the purge log only");
                            wakeups = None;
                        }
                    }
                    None => tokio::time::sleep(POLL_EVERY).await,
                }
            }
        });
    }

    /// Leaves the instance list, so purges stop waiting for this instance at once.
    pub(crate) async fn leave(&self) {
        if let Err(e) = self.meta.forget_instance(&self.instance_id).await {
            tracing::warn!(error = %e, "could not leave the instance list");
        }
    }
}
