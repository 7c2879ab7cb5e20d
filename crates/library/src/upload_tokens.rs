//! Single use of client-side upload tokens. The record lives in the metadata store so it
//! holds across restarts and instances; expired records are swept now and then on the
//! way, since an expired token is refused by its own expiry anyway.

use std::sync::atomic::Ordering;

use crate::{Library, LibraryResult, now_ms};

/// How often a claim also sweeps expired records.
const SWEEP_EVERY_MS: i64 = 60_000;

impl Library {
    /// Marks `token` used until `expires_at` (Unix ms); `false` when it was used before.
    pub async fn claim_upload_token(&self, token: &str, expires_at: i64) -> LibraryResult<bool> {
        let now = now_ms();
        let last = self.token_sweep.load(Ordering::Relaxed);
        if now - last >= SWEEP_EVERY_MS
            && self
                .token_sweep
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
            && let Err(e) = self.meta.forget_expired_upload_tokens(now).await
        {
            tracing::warn!(error = %e, "sweeping expired upload tokens failed");
        }
        Ok(self.meta.claim_upload_token(token, expires_at).await?)
    }
}
