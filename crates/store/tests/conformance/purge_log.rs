//! What every `MetaStore` must do with the purge log and the instances following it.

use store::{MetaStore, PurgePattern};

pub async fn log_orders_purges_and_tracks_instances(store: &dyn MetaStore) {
    assert_eq!(store.latest_purge_seq().await.expect("latest"), 0);
    assert!(store.purges_after(0, 10).await.expect("after").is_empty());

    let exact = PurgePattern::Exact("/a.jpg".into());
    let prefix = PurgePattern::Prefix("/b/c".into());
    let file = PurgePattern::File("/d/e.png".into());
    let first = store
        .append_purge(&exact, Some("req-1"), 1_000)
        .await
        .expect("append");
    let second = store.append_purge(&prefix, None, 2_000).await.expect("append");
    let third = store
        .append_purge(&file, Some("req-3"), 3_000)
        .await
        .expect("append");
    assert!(first < second && second < third, "{first} {second} {third}");
    assert_eq!(store.latest_purge_seq().await.expect("latest"), third);

    let all = store.purges_after(0, 10).await.expect("after");
    let patterns: Vec<_> = all.iter().map(|e| e.pattern.clone()).collect();
    assert_eq!(patterns, vec![exact.clone(), prefix.clone(), file.clone()]);
    let tail = store.purges_after(first, 1).await.expect("after");
    assert_eq!(tail.len(), 1);
    assert_eq!(tail[0].seq, second);
    assert_eq!(tail[0].pattern, prefix);
    assert_eq!(tail[0].created_at, 2_000);

    assert_eq!(store.purge_request_seq("req-3").await.expect("seq"), Some(third));
    assert_eq!(store.purge_request_seq("missing").await.expect("seq"), None);

    store.heartbeat("a", first, 10_000).await.expect("heartbeat");
    store.heartbeat("b", 0, 10_000).await.expect("heartbeat");
    store.heartbeat("b", third, 20_000).await.expect("heartbeat");
    let live = store.live_instances(15_000).await.expect("live");
    assert_eq!(live.len(), 1);
    assert_eq!((live[0].instance_id.as_str(), live[0].applied_seq), ("b", third));
    assert_eq!(store.live_instances(0).await.expect("live").len(), 2);
    store.forget_instance("b").await.expect("forget");
    let left = store.live_instances(0).await.expect("live");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].instance_id, "a");

    // Pruning drops old entries and silent instances, and never reuses a sequence number.
    store.prune_purge_log(2_500).await.expect("prune");
    let kept = store.purges_after(0, 10).await.expect("after");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].seq, third);
    assert_eq!(
        store.live_instances(0).await.expect("live").len(),
        1,
        "heard from at 10 000"
    );
    store.prune_purge_log(i64::MAX).await.expect("prune all");
    assert!(store.live_instances(0).await.expect("live").is_empty());
    assert_eq!(store.latest_purge_seq().await.expect("latest"), third);
    let next = store.append_purge(&exact, None, 4_000).await.expect("append");
    assert!(next > third, "{next} after {third}");
}

pub async fn render_claims_are_exclusive_until_released_or_lapsed(store: &dyn MetaStore) {
    let url = "/a.jpg?tr=w-10";
    assert!(store.claim_render(url, "a", 1_000, 5_000).await.expect("claim"));
    assert!(
        !store.claim_render(url, "b", 2_000, 5_000).await.expect("claim"),
        "held by a"
    );
    assert!(
        store
            .claim_render("/other.jpg", "b", 2_000, 5_000)
            .await
            .expect("claim")
    );
    assert!(
        store.claim_render(url, "a", 2_500, 5_000).await.expect("renew"),
        "the owner renews"
    );
    store.release_render(url, "b").await.expect("release");
    assert!(
        !store.claim_render(url, "b", 3_000, 5_000).await.expect("claim"),
        "only the owner releases"
    );
    store.release_render(url, "a").await.expect("release");
    assert!(
        store.claim_render(url, "b", 3_000, 5_000).await.expect("claim"),
        "released"
    );
    // b's claim lapses at 8 000: a takes it after that, not before.
    assert!(!store.claim_render(url, "a", 7_999, 5_000).await.expect("claim"));
    assert!(
        store.claim_render(url, "a", 8_001, 5_000).await.expect("claim"),
        "lapsed"
    );
}
