//! What every `MetaStore` must do.

use serde_json::json;
use store::{
    JobRecord, JobStatus, MetaStore, NewVersion, OverwritePolicy, PurgeRequest, PurgeStatus, PutOutcome,
    StoreError, Transfer, VersionRecord,
};

fn version(id: &str, tags: Option<Vec<String>>) -> VersionRecord {
    VersionRecord {
        version_id: id.into(),
        version_number: 1,
        blob_key: format!("originals/{id}"),
        size: 10,
        mime: "image/png".into(),
        file_type: "image".into(),
        width: Some(4),
        height: Some(3),
        has_alpha: true,
        is_private: false,
        is_published: true,
        tags,
        ai_tags: None,
        custom_coordinates: Some("1,2,3,4".into()),
        custom_metadata: json!({}),
        description: Some("d".into()),
        embedded_metadata: None,
        working: Vec::new(),
        created_at: 1_700_000_000_000,
        updated_at: 1_700_000_000_000,
    }
}

fn new(id: &str, path: &str, tags: Option<Vec<String>>) -> NewVersion {
    let (folder, name) = path
        .rsplit_once('/')
        .map(|(f, n)| (format!("{f}/"), n.to_owned()))
        .unwrap_or_default();
    NewVersion {
        id: id.into(),
        file_path: path.into(),
        name,
        folder_path: folder,
        version: version(id, tags),
    }
}

const ALLOW: OverwritePolicy = OverwritePolicy {
    allow: true,
    keep_tags: false,
    keep_ai_tags: false,
    keep_custom_metadata: false,
    max_versions: 3,
};

pub async fn create_read_overwrite(store: &dyn MetaStore) {
    let created = store
        .put_version(
            new("aaaaaaaaaaaaaaaaaaaaaaa1", "/f/a.png", Some(vec!["x".into()])),
            ALLOW,
        )
        .await;
    let Ok(PutOutcome::Created(record)) = created else {
        panic!("expected Created: {created:?}")
    };
    assert_eq!(record.file_id, "aaaaaaaaaaaaaaaaaaaaaaa1");
    assert_eq!(record.version.version_number, 1);
    assert_eq!(record.version.tags, Some(vec!["x".to_string()]));
    assert_eq!(
        store.file_by_path("/f/a.png").await.ok().flatten(),
        Some(record.clone())
    );
    assert_eq!(
        store.file_by_id("aaaaaaaaaaaaaaaaaaaaaaa1").await.ok().flatten(),
        Some(record)
    );

    let keep = OverwritePolicy {
        keep_tags: true,
        ..ALLOW
    };
    let second = store
        .put_version(new("aaaaaaaaaaaaaaaaaaaaaaa2", "/f/a.png", None), keep)
        .await;
    let Ok(PutOutcome::NewVersion(record)) = second else {
        panic!("expected NewVersion: {second:?}")
    };
    assert_eq!(record.file_id, "aaaaaaaaaaaaaaaaaaaaaaa1");
    assert_eq!(record.version.version_id, "aaaaaaaaaaaaaaaaaaaaaaa2");
    assert_eq!(record.version.version_number, 2);
    assert_eq!(record.version.tags, Some(vec!["x".to_string()]), "kept by policy");

    let third = store
        .put_version(new("aaaaaaaaaaaaaaaaaaaaaaa3", "/f/a.png", None), ALLOW)
        .await;
    assert!(
        matches!(&third, Ok(PutOutcome::NewVersion(r)) if r.version.tags.is_none()),
        "{third:?}"
    );
    let fourth = store
        .put_version(new("aaaaaaaaaaaaaaaaaaaaaaa4", "/f/a.png", None), ALLOW)
        .await;
    assert!(matches!(fourth, Err(StoreError::VersionLimit(_))), "{fourth:?}");
    let refused = store
        .put_version(
            new("aaaaaaaaaaaaaaaaaaaaaaa5", "/f/a.png", None),
            OverwritePolicy {
                allow: false,
                ..ALLOW
            },
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::AlreadyExists(_))),
        "{refused:?}"
    );
    assert_eq!(store.file_by_id("missing").await.ok().flatten(), None);
}

pub async fn deletes_are_all_or_nothing(store: &dyn MetaStore) {
    for (id, path) in [
        ("bbbbbbbbbbbbbbbbbbbbbbb1", "/d/1.png"),
        ("bbbbbbbbbbbbbbbbbbbbbbb2", "/d/2.png"),
    ] {
        assert!(store.put_version(new(id, path, None), ALLOW).await.is_ok());
    }
    assert!(
        store
            .put_version(new("bbbbbbbbbbbbbbbbbbbbbbb3", "/d/1.png", None), ALLOW)
            .await
            .is_ok()
    );
    let ids = [
        "bbbbbbbbbbbbbbbbbbbbbbb1".to_string(),
        "cccccccccccccccccccccccc".to_string(),
    ];
    let partial = store.delete_files(&ids).await.ok();
    assert_eq!(partial, Some(Err(vec!["cccccccccccccccccccccccc".to_string()])));
    assert!(
        store
            .file_by_id("bbbbbbbbbbbbbbbbbbbbbbb1")
            .await
            .ok()
            .flatten()
            .is_some(),
        "nothing deleted"
    );

    let ids = [
        "bbbbbbbbbbbbbbbbbbbbbbb1".to_string(),
        "bbbbbbbbbbbbbbbbbbbbbbb2".to_string(),
    ];
    let mut keys = store
        .delete_files(&ids)
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    keys.sort();
    assert_eq!(
        keys,
        [
            "originals/bbbbbbbbbbbbbbbbbbbbbbb1",
            "originals/bbbbbbbbbbbbbbbbbbbbbbb2",
            "originals/bbbbbbbbbbbbbbbbbbbbbbb3"
        ]
    );
    assert_eq!(store.file_by_path("/d/1.png").await.ok().flatten(), None);
    assert_eq!(
        store.delete_file("bbbbbbbbbbbbbbbbbbbbbbb1").await.ok(),
        Some(None)
    );
    assert!(
        store
            .referenced_blob_keys()
            .await
            .ok()
            .is_some_and(|k| !k.iter().any(|k| k.contains("bbbb")))
    );
}

pub async fn purge_requests_round_trip(store: &dyn MetaStore) {
    let request = PurgeRequest {
        request_id: "dddddddddddddddddddddddd".into(),
        pattern: "/a/b*".into(),
        status: PurgeStatus::Pending,
        created_at: 1,
    };
    assert!(store.insert_purge_request(&request).await.is_ok());
    assert_eq!(
        store.purge_request(&request.request_id).await.ok().flatten(),
        Some(request.clone())
    );
    assert!(store.complete_purge_request(&request.request_id).await.is_ok());
    let done = store
        .purge_request(&request.request_id)
        .await
        .ok()
        .flatten()
        .map(|r| r.status);
    assert_eq!(done, Some(PurgeStatus::Completed));
    assert_eq!(store.purge_request("nope").await.ok().flatten(), None);
}

pub async fn working_copies_round_trip_and_are_freed(store: &dyn MetaStore) {
    let id = "eeeeeeeeeeeeeeeeeeeeeee1";
    assert!(
        store
            .put_version(new(id, "/w/big.jpg", None), ALLOW)
            .await
            .is_ok()
    );
    let copy = |side: u32| store::WorkingCopy {
        blob_key: format!("working/{id}-{side}"),
        width: side,
        height: side * 3 / 4,
    };
    let copies = vec![copy(512), copy(1024)];
    assert!(store.set_working_copies(id, &copies).await.is_ok());
    let found = store.file_by_path("/w/big.jpg").await.ok().flatten();
    assert_eq!(found.map(|r| r.version.working), Some(copies.clone()));
    let referenced = store.referenced_blob_keys().await.unwrap_or_default();
    for c in &copies {
        assert!(referenced.contains(&c.blob_key), "{} is referenced", c.blob_key);
    }

    let only = vec![copy(512)];
    assert!(store.set_working_copies(id, &only).await.is_ok());
    let found = store.file_by_id(id).await.ok().flatten();
    assert_eq!(found.map(|r| r.version.working), Some(only));

    assert!(store.set_working_copies(id, &copies).await.is_ok());
    let mut freed = store
        .delete_files(&[id.to_string()])
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    freed.sort();
    let mut expected = vec![format!("originals/{id}"), copy(1024).blob_key, copy(512).blob_key];
    expected.sort();
    assert_eq!(freed, expected, "a delete frees the original and both copies");
}

pub async fn upload_tokens_are_single_use_until_forgotten(store: &dyn MetaStore) {
    let claim = |token: &'static str, expires_at: i64| async move {
        store.claim_upload_token(token, expires_at).await.ok()
    };
    assert_eq!(claim("v1:first", 1_000).await, Some(true));
    assert_eq!(
        claim("v1:first", 5_000).await,
        Some(false),
        "a used token is refused"
    );
    assert_eq!(claim("v1:second", 3_000).await, Some(true));
    // Only records that expired before `now` go; the others still refuse reuse.
    assert_eq!(store.forget_expired_upload_tokens(2_000).await.ok(), Some(1));
    assert_eq!(claim("v1:second", 3_000).await, Some(false));
    assert_eq!(
        claim("v1:first", 9_000).await,
        Some(true),
        "forgotten after expiry"
    );
}

/// A pending folder-copy job for `/src` → `/dst`, as the library records it.
pub fn copy_job(job_id: &str) -> JobRecord {
    JobRecord {
        job_id: job_id.into(),
        job_type: "COPY_FOLDER".into(),
        status: JobStatus::Pending,
        params: json!({"source": "/src", "destination": "/dst"}),
        purge_request_id: None,
        error: None,
        created_at: 1,
        updated_at: 1,
    }
}

/// Files under `/src` (one in a subfolder) for the folder-transfer tests.
pub async fn seed_folder(store: &dyn MetaStore) {
    for (id, path) in [
        ("fffffffffffffffffffffff1", "/src/a.png"),
        ("fffffffffffffffffffffff2", "/src/sub/b.png"),
    ] {
        store
            .put_version(new(id, path, Some(vec!["t".into()])), ALLOW)
            .await
            .expect("seed");
    }
}

/// Fresh ids for copied rows; unique within a process, so two stores copying at once
/// cannot collide on a primary key.
pub fn fresh_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    format!("{:024x}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

pub async fn folder_copy_completes_its_job(store: &dyn MetaStore) {
    seed_folder(store).await;
    let job = copy_job("job-copy-1");
    store.insert_job(&job).await.expect("insert job");
    assert_eq!(store.pending_jobs().await.ok(), Some(vec![job.clone()]));
    let copy = Transfer::Copy {
        include_versions: true,
    };
    store
        .transfer_folder("/src", "/dst", copy, &fresh_id, &job.job_id, 5)
        .await
        .expect("copy");
    for path in ["/src/a.png", "/src/sub/b.png", "/dst/a.png", "/dst/sub/b.png"] {
        assert!(
            store.file_by_path(path).await.ok().flatten().is_some(),
            "{path} exists"
        );
    }
    assert!(store.folder("/dst/sub").await.ok().flatten().is_some());
    let done = store.job(&job.job_id).await.ok().flatten().map(|j| j.status);
    assert_eq!(done, Some(JobStatus::Completed));
    assert_eq!(store.pending_jobs().await.ok(), Some(Vec::new()));
    assert_eq!(
        store.count_in_folder("/dst").await.ok(),
        Some(3),
        "two files, one folder"
    );
}
