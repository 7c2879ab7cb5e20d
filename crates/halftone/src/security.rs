//! Turns the abuse-limit and key-rotation settings into what the services take: the key
//! ring, the rate limiters and the URL-upload allow-list.

use anyhow::Context;
use api::{RateLimit, RateLimits};
use delivery::KeyRing;
use library::{LibrarySettings, UrlAllowList};

use crate::config::Config;

/// The current key, plus the previous one while its grace period lasts.
pub fn key_ring(config: &Config, current: &str) -> KeyRing {
    let ring = KeyRing::new(current);
    match config.previous_private_key.as_deref().map(str::trim) {
        Some(previous) if !previous.is_empty() => {
            let until = config.previous_key_until.map(|at| at.timestamp());
            ring.with_previous(previous, until)
        }
        _ => ring,
    }
}

pub fn rate_limits(config: &Config) -> RateLimits {
    RateLimits::new(
        RateLimit::new(config.rate_limit_requests, config.rate_limit_interval),
        RateLimit::new(
            config.upload_rate_limit_requests,
            config.upload_rate_limit_interval,
        ),
    )
}

/// Adds the URL-upload allow-list to the library's settings; a malformed entry stops
/// the server at start rather than silently allowing nothing.
pub fn apply_url_policy(config: &Config, settings: &mut LibrarySettings) -> anyhow::Result<()> {
    settings.url_allow = UrlAllowList::parse(&config.upload_url_allow).context("upload_url_allow")?;
    Ok(())
}
