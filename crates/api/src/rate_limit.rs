//! Per-account request budgets (spec §4): one for the management API and one for uploads,
//! which ImageKit does not count against the API's. A server holds one account, so each
//! budget is a single GCRA limiter (governor); both of the account's keys during a rotation
//! share it. Only requests that authenticated are counted, so a stranger sending wrong keys
//! cannot spend the account's budget.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::Clock;
use governor::{DefaultDirectRateLimiter, Quota};
use http::StatusCode;

use crate::error::ApiError;

/// `requests` per `interval`, spent in bursts of up to `requests` and refilled evenly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub interval: Duration,
}

impl RateLimit {
    /// `None` when either part is zero: that budget is switched off.
    pub fn new(requests: u32, interval: Duration) -> Option<Self> {
        (requests > 0 && !interval.is_zero()).then_some(Self { requests, interval })
    }
}

/// The limiters of one server; cloning shares them.
#[derive(Clone, Default)]
pub struct RateLimits {
    management: Option<Arc<Limiter>>,
    upload: Option<Arc<Limiter>>,
}

impl RateLimits {
    pub fn new(management: Option<RateLimit>, upload: Option<RateLimit>) -> Self {
        Self {
            management: management.and_then(Limiter::new).map(Arc::new),
            upload: upload.and_then(Limiter::new).map(Arc::new),
        }
    }

    pub fn check_management(&self) -> Result<(), ApiError> {
        self.management.as_deref().map_or(Ok(()), Limiter::check)
    }

    pub fn check_upload(&self) -> Result<(), ApiError> {
        self.upload.as_deref().map_or(Ok(()), Limiter::check)
    }
}

struct Limiter {
    limiter: DefaultDirectRateLimiter,
    limit: RateLimit,
}

impl Limiter {
    fn new(limit: RateLimit) -> Option<Self> {
        let burst = NonZeroU32::new(limit.requests)?;
        let quota = Quota::with_period(limit.interval / limit.requests)?.allow_burst(burst);
        Some(Self {
            limiter: DefaultDirectRateLimiter::direct(quota),
            limit,
        })
    }

    fn check(&self) -> Result<(), ApiError> {
        let Err(refused) = self.limiter.check() else {
            return Ok(());
        };
        let wait = refused.wait_time_from(self.limiter.clock().now());
        Err(too_many_requests(self.limit, wait))
    }
}

/// ImageKit's 429: its JSON body plus the headers its docs name, and the ones the SDKs
/// actually wait on (`retry-after-ms`, then `Retry-After` in whole seconds, §8.2).
fn too_many_requests(limit: RateLimit, wait: Duration) -> ApiError {
    // Rounded up: a client that waits exactly this long must find a free slot.
    let wait_ms = wait.as_nanos().div_ceil(1_000_000).max(1);
    let wait_s = wait_ms.div_ceil(1000);
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "You have exceeded the rate limit of this account. Please retry after the time in the X-RateLimit-Reset header.",
    )
    .with_reason(Some("RATE_LIMIT_EXCEEDED"))
    .with_header("x-ratelimit-limit", limit.requests.to_string())
    .with_header("x-ratelimit-reset", wait_ms.to_string())
    .with_header("x-ratelimit-interval", limit.interval.as_millis().to_string())
    .with_header("retry-after-ms", wait_ms.to_string())
    .with_header("retry-after", wait_s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_refuses_once_spent_and_says_how_long_to_wait() {
        let limit = RateLimit::new(2, Duration::from_secs(60));
        let limits = RateLimits::new(limit, None);
        assert!(limits.check_management().is_ok());
        assert!(limits.check_management().is_ok());
        let Err(refused) = limits.check_management() else {
            panic!("the third request was let through");
        };
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        let headers = refused.details.map(|d| d.headers).unwrap_or_default();
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(header("x-ratelimit-limit"), "2");
        assert_eq!(header("x-ratelimit-interval"), "60000");
        let reset: u64 = header("x-ratelimit-reset").parse().unwrap_or(0);
        assert!(reset > 0 && reset <= 30_000, "{reset}");
        assert!(limits.check_upload().is_ok(), "uploads have their own budget");
    }

    #[test]
    fn zero_switches_a_budget_off() {
        assert_eq!(RateLimit::new(0, Duration::from_secs(1)), None);
        assert_eq!(RateLimit::new(5, Duration::ZERO), None);
        let off = RateLimits::default();
        assert!((0..1000).all(|_| off.check_management().is_ok()));
    }
}
