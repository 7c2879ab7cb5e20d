//! Where the PostgreSQL tests get a database of their own. Included with `#[path]` by
//! every test target that needs one (this crate's `distributed.rs`, the binary's tests).

use std::sync::atomic::{AtomicU64, Ordering};

/// The URL of a database no other test uses (created by `PgStore::connect`), or `None`
/// when no server is configured.
pub fn fresh_url() -> Option<String> {
    let Ok(base) = std::env::var("HALFTONE_TEST_PG_URL") else {
        assert!(
            std::env::var("HALFTONE_REQUIRE_SERVICES").as_deref() != Ok("1"),
            "HALFTONE_REQUIRE_SERVICES=1 but HALFTONE_TEST_PG_URL is not set"
        );
        eprintln!("HALFTONE_TEST_PG_URL is not set: PostgreSQL test skipped");
        return None;
    };
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let name = format!(
        "t_{}_{nanos:x}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let (without_query, query) = base.split_once('?').unwrap_or((&base, ""));
    let (server, _db) = without_query
        .rsplit_once('/')
        .expect("HALFTONE_TEST_PG_URL names a database");
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Some(format!("{server}/{name}{query}"))
}
