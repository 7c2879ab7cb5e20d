//! What a delivery URL means for the result cache, remembered for recent URLs.
//!
//! Parsing the URL and its transformation string gave a sixth of a cache hit's
//! instructions, for an answer that depends on the URL alone: the cache key (two when the
//! format follows `Accept`) and the response flags. URLs that name a transformation are
//! not remembered — the account's named transformations can change — so nothing here
//! ever needs invalidating, and a purge still works on the cache itself.

use std::sync::Arc;

use quick_cache::sync::Cache;

use crate::transform_step::Prepared;

/// Appended to the cache key of the variant negotiated for clients that take WebP.
const WEBP_KEY_SUFFIX: &str = "#accept-webp";

/// URLs remembered; a few hundred bytes each.
const CAPACITY: usize = 4096;

pub struct RouteMemo {
    routes: Cache<String, Arc<Route>>,
}

/// The cache-facing meaning of one URL.
#[derive(Debug, PartialEq)]
pub struct Route {
    /// The key for clients that do not take WebP, or for every client when `webp_key` is `None`.
    pub key: String,
    /// The key of the variant negotiated for clients accepting WebP (`f-auto`).
    pub webp_key: Option<String>,
    pub named_only: bool,
    pub attachment: Option<String>,
}

impl Route {
    /// `key` is the URL's cache key (`store::cache_key`); `f-auto` plans get a second one.
    pub fn new(key: String, plan: &Prepared, attachment: Option<String>) -> Self {
        Self {
            webp_key: plan.vary_accept().then(|| format!("{key}{WEBP_KEY_SUFFIX}")),
            key,
            named_only: plan.named_only(),
            attachment,
        }
    }

    pub fn key(&self, accepts_webp: bool) -> &str {
        match &self.webp_key {
            Some(webp) if accepts_webp => webp,
            _ => &self.key,
        }
    }

    pub fn vary_accept(&self) -> bool {
        self.webp_key.is_some()
    }
}

impl RouteMemo {
    pub fn new() -> Self {
        Self {
            routes: Cache::new(CAPACITY),
        }
    }

    pub fn get(&self, relative: &str) -> Option<Arc<Route>> {
        self.routes.get(relative)
    }

    pub fn remember(&self, relative: &str, route: Arc<Route>) {
        self.routes.insert(relative.to_owned(), route);
    }
}

impl Default for RouteMemo {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_accept_only_when_the_format_does() {
        let memo = RouteMemo::new();
        memo.remember(
            "/tr:w-10/a.jpg",
            Arc::new(Route {
                key: "/tr:w-10/a.jpg".into(),
                webp_key: Some("/tr:w-10/a.jpg#accept-webp".into()),
                named_only: false,
                attachment: None,
            }),
        );
        let route = memo.get("/tr:w-10/a.jpg");
        assert_eq!(
            route.as_deref().map(|r| r.key(true)),
            Some("/tr:w-10/a.jpg#accept-webp")
        );
        assert_eq!(route.as_deref().map(|r| r.key(false)), Some("/tr:w-10/a.jpg"));
        assert!(memo.get("/tr:w-20/a.jpg").is_none());
        let plain = Route {
            key: "/a.jpg".into(),
            webp_key: None,
            named_only: false,
            attachment: None,
        };
        assert_eq!(plain.key(true), "/a.jpg");
        assert!(!plain.vary_accept());
    }
}
