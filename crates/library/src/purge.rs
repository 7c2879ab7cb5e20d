//! Purge requests: validate the URL by ImageKit's rules, record the request, append it to
//! the purge log, empty the shared cache tier and this instance's RAM. The request is
//! Completed once every live instance has applied it (`purge_follower`); on one box that
//! is before the answer, with several instances it is when the last one has caught up.

use store::{PurgePattern, PurgeRequest, PurgeStatus, StoreResult};

use crate::purge_follower::LIVE_WITHIN_MS;
use crate::{Library, LibraryError, LibraryResult, new_id, now_ms};

const MIN_WILDCARD_CHARS: usize = 15;

/// The answer to a purge: the id to poll.
#[derive(Debug, Clone)]
pub struct PurgeTicket {
    pub request_id: String,
}

impl Library {
    pub async fn purge(&self, url: &str) -> LibraryResult<PurgeTicket> {
        let relative = self
            .endpoint_relative(url.trim())
            .ok_or(LibraryError::InvalidPurgeUrl)?;
        let pattern = validate_pattern(&relative)?;
        let request = PurgeRequest {
            request_id: new_id(),
            pattern: relative,
            status: PurgeStatus::Pending,
            created_at: now_ms(),
        };
        self.meta.insert_purge_request(&request).await?;
        let seq = self.broadcast_purge(&pattern, Some(&request.request_id)).await?;
        if self.applied_everywhere(seq).await? {
            self.meta.complete_purge_request(&request.request_id).await?;
        }
        Ok(PurgeTicket {
            request_id: request.request_id,
        })
    }

    pub async fn purge_status(&self, request_id: &str) -> LibraryResult<PurgeStatus> {
        let request = self
            .meta
            .purge_request(request_id)
            .await?
            .ok_or(LibraryError::PurgeRequestNotFound)?;
        if request.status == PurgeStatus::Pending
            && let Some(seq) = self.meta.purge_request_seq(request_id).await?
            && self.applied_everywhere(seq).await?
        {
            self.meta.complete_purge_request(request_id).await?;
            return Ok(PurgeStatus::Completed);
        }
        Ok(request.status)
    }

    /// Purges the shared tier and this instance's RAM, and logs the purge so every other
    /// instance empties its RAM too; returns the log entry's sequence number.
    pub(crate) async fn broadcast_purge(
        &self,
        pattern: &PurgePattern,
        request_id: Option<&str>,
    ) -> StoreResult<i64> {
        let seq = self.meta.append_purge(pattern, request_id, now_ms()).await?;
        self.cache.purge(pattern).await;
        if let Err(e) = self.purges.catch_up().await {
            tracing::warn!(error = %e, "could not record this instance's purge position");
        }
        Ok(seq)
    }

    /// Whether every live instance has applied the log up to `seq`.
    async fn applied_everywhere(&self, seq: i64) -> StoreResult<bool> {
        if !self.meta.shared() {
            return Ok(true);
        }
        let live = self.meta.live_instances(now_ms() - LIVE_WITHIN_MS).await?;
        Ok(live.iter().all(|instance| instance.applied_seq >= seq))
    }

    /// Starts following the purge log (call once, from the server). A store no other
    /// process uses has no purges but this instance's own, applied as they are made.
    pub fn start_purge_follower(&self) {
        if self.meta.shared() {
            self.purges.clone().spawn();
        }
    }

    /// Leaves the list of instances purges wait for (graceful shutdown).
    pub async fn leave_instances(&self) {
        self.purges.leave().await;
    }

    /// The part of a delivery URL after the URL endpoint, or `None` for a foreign URL.
    /// The host is compared loosely (any host, same path prefix), because one server is
    /// often reached as both `localhost` and `127.0.0.1`.
    pub(crate) fn endpoint_relative(&self, url: &str) -> Option<String> {
        let endpoint = &self.settings.url_endpoint;
        if let Some(rest) = url.strip_prefix(endpoint.as_str()) {
            return rest.starts_with('/').then(|| rest.to_owned());
        }
        let parsed = url::Url::parse(url).ok()?;
        let endpoint_path = url::Url::parse(endpoint)
            .ok()?
            .path()
            .trim_end_matches('/')
            .to_owned();
        let path_and_query = match parsed.query() {
            Some(q) => format!("{}?{q}", parsed.path()),
            None => parsed.path().to_owned(),
        };
        let rest = path_and_query.strip_prefix(endpoint_path.as_str())?;
        rest.starts_with('/').then(|| rest.to_owned())
    }
}

/// ImageKit's wildcard rules: one trailing `*`, and only after two path levels, or 15
/// characters, or a complete file name with an extension.
fn validate_pattern(relative: &str) -> LibraryResult<PurgePattern> {
    let Some(prefix) = relative.strip_suffix('*') else {
        if relative.contains('*') || relative.len() < 2 {
            return Err(LibraryError::InvalidPurgeUrl);
        }
        return Ok(PurgePattern::from_relative(relative));
    };
    if prefix.contains('*') {
        return Err(LibraryError::InvalidPurgeUrl);
    }
    let path = prefix.split('?').next().unwrap_or_default();
    let levels = path.split('/').filter(|s| !s.is_empty()).count();
    let has_extension = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.') && !last.ends_with('.'));
    if levels >= 2 || prefix.len() >= MIN_WILDCARD_CHARS || has_extension {
        Ok(PurgePattern::from_relative(relative))
    } else {
        Err(LibraryError::InvalidPurgeUrl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_follow_imagekit_rules() {
        assert!(validate_pattern("/a/b*").is_ok());
        assert!(validate_pattern("/x.jpg*").is_ok());
        assert!(validate_pattern("/abcdefghijklmnop*").is_ok());
        assert!(validate_pattern("/a*").is_err());
        assert!(validate_pattern("/*").is_err());
        assert!(validate_pattern("/a/*/b.jpg").is_err());
        assert!(validate_pattern("/a/b**").is_err());
        assert!(validate_pattern("/a/b.jpg").is_ok());
        assert!(validate_pattern("/").is_err());
    }
}
