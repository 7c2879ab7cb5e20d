//! Conformance suites for the storage traits, written once and run against every
//! implementation: `embedded.rs` (SQLite, local folder, memory) and `distributed.rs`
//! (PostgreSQL) each call the macro below with their own way to open a fresh store.

#![allow(dead_code, reason = "each runner uses a subset of the suites")]

pub mod blob;
pub mod cache;
pub mod meta;
pub mod purge_log;
pub mod search;

/// One `#[tokio::test]` per metadata-store conformance and search test. `$open` is an
/// async function returning `Option<F>` where `F: Fixture` (`None`: the service is not
/// configured, the runner said so, and the test passes without running).
#[macro_export]
macro_rules! meta_suite {
    ($open:path) => {
        $crate::meta_suite!(@each $open;
            meta::create_read_overwrite,
            meta::deletes_are_all_or_nothing,
            meta::working_copies_round_trip_and_are_freed,
            meta::purge_requests_round_trip,
            meta::upload_tokens_are_single_use_until_forgotten,
            meta::folder_copy_completes_its_job,
            purge_log::log_orders_purges_and_tracks_instances,
            purge_log::render_claims_are_exclusive_until_released_or_lapsed,
            search::each_field_and_operator_matches_what_the_spec_says,
            search::hostile_values_are_data,
        );
    };
    (@each $open:path; $($suite:ident :: $name:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                if let Some(fixture) = $open().await {
                    conformance::$suite::$name(conformance::Fixture::store(&fixture)).await;
                    conformance::Fixture::finish(fixture).await;
                }
            }
        )*
    };
}

/// A fresh store for one test, and whatever must live as long as it (a temp dir).
pub trait Fixture {
    fn store(&self) -> &dyn store::MetaStore;

    /// Releases what the store held (closes the pool, drops its database).
    fn finish(self) -> impl std::future::Future<Output = ()>;
}
