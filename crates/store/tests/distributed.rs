//! Runs the metadata conformance and search suites against PostgreSQL, each test in a
//! database of its own, plus what only a shared database has: instances migrating it at
//! once and a bulk job that exactly one of them runs.
//!
//! Needs `HALFTONE_TEST_PG_URL` (a role allowed to create databases; `scripts/services
//! env` prints it). Without it the tests say so and pass, unless
//! `HALFTONE_REQUIRE_SERVICES=1` (CI), where a missing service is a failure.

mod conformance;
#[path = "support/pg_url.rs"]
mod pg_url;

use pg_url::fresh_url;
use sqlx::migrate::MigrateDatabase;
use std::time::Duration;

use futures::StreamExt;
use store::{JobStatus, MetaStore, PgStore, PurgePattern, Transfer};

struct Pg {
    url: String,
    store: PgStore,
}

impl conformance::Fixture for Pg {
    fn store(&self) -> &dyn MetaStore {
        &self.store
    }

    async fn finish(self) {
        self.store.close().await;
        if let Err(e) = sqlx::Postgres::drop_database(&self.url).await {
            eprintln!("could not drop {}: {e}", self.url);
        }
    }
}

async fn postgres() -> Option<Pg> {
    let url = fresh_url()?;
    let store = PgStore::connect(&url).await.expect("connect to PostgreSQL");
    Some(Pg { url, store })
}

meta_suite!(postgres);

#[tokio::test]
async fn instances_migrating_a_fresh_database_at_once_all_succeed() {
    let Some(url) = fresh_url() else { return };
    let opened = futures::future::join_all((0..4).map(|_| PgStore::connect(&url))).await;
    let mut stores = Vec::new();
    for (i, store) in opened.into_iter().enumerate() {
        stores.push(store.unwrap_or_else(|e| panic!("instance {i}: {e}")));
    }
    for store in &stores {
        assert_eq!(store.stored_bytes().await.ok(), Some(0), "schema in place");
    }
    for store in &stores {
        store.close().await;
    }
    let _ = sqlx::Postgres::drop_database(&url).await;
}

#[tokio::test]
async fn a_folder_copy_job_runs_once_across_instances() {
    let Some(url) = fresh_url() else { return };
    let a = PgStore::connect(&url).await.expect("instance a");
    let b = PgStore::connect(&url).await.expect("instance b");
    conformance::meta::seed_folder(&a).await;
    let job = conformance::meta::copy_job("job-copy-once");
    a.insert_job(&job).await.expect("insert job");
    let copy = Transfer::Copy {
        include_versions: true,
    };
    let ids = conformance::meta::fresh_id;
    let (ran_a, ran_b) = tokio::join!(
        a.transfer_folder("/src", "/dst", copy, &ids, &job.job_id, 5),
        b.transfer_folder("/src", "/dst", copy, &ids, &job.job_id, 5),
    );
    ran_a.expect("instance a");
    ran_b.expect("instance b");
    for path in ["/dst/a.png", "/dst/sub/b.png"] {
        let versions = b.versions(&path_id(&b, path).await).await.expect("versions");
        assert_eq!(versions.len(), 1, "{path} copied exactly once");
    }
    assert_eq!(b.count_in_folder("/dst").await.ok(), Some(3));
    let status = b.job(&job.job_id).await.ok().flatten().map(|j| j.status);
    assert_eq!(status, Some(JobStatus::Completed));
    // A completed job is not run again, even when asked.
    a.transfer_folder("/src", "/dst", copy, &ids, &job.job_id, 6)
        .await
        .expect("rerun");
    let versions = a
        .versions(&path_id(&a, "/dst/a.png").await)
        .await
        .expect("versions");
    assert_eq!(versions.len(), 1, "a completed job does nothing");
    a.close().await;
    b.close().await;
    let _ = sqlx::Postgres::drop_database(&url).await;
}

#[tokio::test]
async fn purge_wakeups_survive_a_lost_listener_connection() {
    let Some(pg) = postgres().await else { return };
    let store = &pg.store;
    assert!(store.shared(), "instances share a PostgreSQL store");
    let mut wakeups = store
        .purge_wakeups()
        .await
        .expect("listen")
        .expect("PostgreSQL pushes wake-ups");
    let purge = |n: i64| async move {
        store
            .append_purge(&PurgePattern::Exact(format!("/p{n}.jpg")), None, n)
            .await
            .expect("append")
    };
    let wait = Duration::from_secs(10);
    purge(1).await;
    tokio::time::timeout(wait, wakeups.next())
        .await
        .expect("a wake-up for an entry")
        .expect("stream open");

    let admin = sqlx::PgPool::connect(&pg.url).await.expect("second connection");
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    )
    .fetch_all(&admin)
    .await
    .expect("terminate the listener");
    assert_eq!(killed, [true], "one listening backend");
    // Appended while the listener is down: its notification may be lost, the wake-up that
    // follows the reconnect is not.
    let missed = purge(2).await;
    tokio::time::timeout(wait, wakeups.next())
        .await
        .expect("a wake-up after the connection was lost")
        .expect("stream open");
    let caught_up = store.purges_after(1, 10).await.expect("catch up");
    assert_eq!(
        caught_up.first().map(|e| e.seq),
        Some(missed),
        "the entry is in the log"
    );

    // Listening again: a new entry wakes it as before.
    purge(3).await;
    tokio::time::timeout(wait, wakeups.next())
        .await
        .expect("a wake-up after the reconnect")
        .expect("stream open");
    admin.close().await;
    // The listener holds one of the pool's connections; closing the pool waits for it.
    drop(wakeups);
    conformance::Fixture::finish(pg).await;
}

async fn path_id(store: &PgStore, path: &str) -> String {
    store
        .file_by_path(path)
        .await
        .expect("lookup")
        .unwrap_or_else(|| panic!("{path} exists"))
        .file_id
}
