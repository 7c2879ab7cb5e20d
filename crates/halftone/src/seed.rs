//! `halftone seed`: fills a data dir with synthetic files (rows only; every file points at
//! one shared original) for the library benchmark in `scripts/bench-library`.

use std::sync::Arc;

use anyhow::Context;
use rand::RngExt;
use serde_json::json;
use store::{NewVersion, SqliteStore, VersionRecord};

const BATCH: usize = 20_000;
const TAGS: usize = 50;
const BRANDS: usize = 20;
const YEAR_MS: i64 = 365 * 86_400_000;

pub async fn run(data_dir: &std::path::Path, files: usize, folders: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let store = Arc::new(SqliteStore::open(&data_dir.join("halftone.db")).await?);
    let now = chrono::Utc::now().timestamp_millis();
    let mut rng = rand::rng();
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..files {
        let folder = format!("/bench/f{:05}/", i % folders.max(1));
        let name = format!("file{i:07}.jpg");
        let id = format!("{:024x}", 0xb000_0000_0000_u64 + i as u64);
        let created = now - YEAR_MS + (i as i64 * YEAR_MS / files.max(1) as i64);
        let tags = vec![format!("tag{}", i % TAGS), format!("tag{}", (i / 7) % TAGS)];
        batch.push(NewVersion {
            id: id.clone(),
            file_path: format!("{folder}{name}"),
            name,
            folder_path: folder,
            version: VersionRecord {
                version_id: id,
                version_number: 1,
                blob_key: "originals/bench-shared".into(),
                size: rng.random_range(1_000..5_000_000),
                mime: "image/jpeg".into(),
                file_type: "image".into(),
                width: Some(rng.random_range(100..6000)),
                height: Some(rng.random_range(100..4000)),
                has_alpha: false,
                is_private: false,
                is_published: true,
                tags: Some(tags),
                ai_tags: None,
                custom_coordinates: None,
                custom_metadata: json!({"brand": format!("brand{}", i % BRANDS), "price": i % 1000}),
                description: None,
                embedded_metadata: None,
                working: Vec::new(),
                created_at: created,
                updated_at: created,
            },
        });
        if batch.len() == BATCH {
            store.seed(&batch).await?;
            batch.clear();
            if (i + 1) % 100_000 == 0 {
                eprintln!("seeded {} files", i + 1);
            }
        }
    }
    if !batch.is_empty() {
        store.seed(&batch).await?;
    }
    Ok(())
}
