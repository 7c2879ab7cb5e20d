//! Opens the three stores the server needs from the settings: the metadata store (SQLite
//! in the data dir, or PostgreSQL), the originals and the bodies of the delivery cache's
//! shared tier (a local folder, or one S3 prefix holding `originals/`, `working/` and
//! `cache/`). Each choice is independent of the other.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use store::{BlobStore, MetaStore, ObjectBlobStore, S3Settings, SqliteStore};

use crate::config::Config;

/// Where blobs live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A local folder: originals under `blobs/`, cache bodies under `cache/` (the data dir's
    /// own layout, so a data dir is a store location too).
    Local(PathBuf),
    /// `s3://bucket/prefix`.
    S3(String),
}

impl Location {
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        if text.starts_with("s3://") {
            store::S3Location::parse(text)?;
            Ok(Self::S3(text.to_owned()))
        } else if text.contains("://") {
            anyhow::bail!("unsupported store {text}: use s3://bucket/prefix or a local folder")
        } else {
            Ok(Self::Local(PathBuf::from(text)))
        }
    }

    /// The configured location: `store`, or the data dir.
    pub fn of(config: &Config) -> anyhow::Result<Self> {
        match &config.store {
            Some(text) if !text.is_empty() => Self::parse(text),
            _ => Ok(Self::Local(config.data_dir.clone())),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Local(path) => write!(f, "{}", path.display()),
            Self::S3(url) => f.write_str(url),
        }
    }
}

/// The two blob stores of one location.
pub struct Blobs {
    pub originals: Arc<dyn BlobStore>,
    pub cache_bodies: Arc<dyn BlobStore>,
}

pub fn open_blobs(location: &Location, s3: &S3Settings) -> anyhow::Result<Blobs> {
    match location {
        Location::Local(root) => Ok(Blobs {
            originals: Arc::new(ObjectBlobStore::local(&root.join("blobs"))?),
            cache_bodies: Arc::new(ObjectBlobStore::local_cache(&root.join("cache"))?),
        }),
        Location::S3(url) => {
            // Cache body keys start with `cache/` and originals with `originals/` or
            // `working/`, so one prefix holds both without a clash.
            let shared: Arc<dyn BlobStore> = Arc::new(
                ObjectBlobStore::s3(url, s3).with_context(|| format!("opening the S3 store {url}"))?,
            );
            Ok(Blobs {
                originals: shared.clone(),
                cache_bodies: shared,
            })
        }
    }
}

pub async fn open_meta(config: &Config) -> anyhow::Result<Arc<dyn MetaStore>> {
    match config.database_url.as_deref().filter(|u| !u.is_empty()) {
        None => Ok(Arc::new(sqlite(&config.data_dir).await?)),
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(store::PgStore::connect(url).await.with_context(
                || format!("connecting to PostgreSQL at {}", redacted(url)),
            )?))
        }
        Some(url) => anyhow::bail!(
            "unsupported HALFTONE_DATABASE_URL {}: use postgres://…, or leave it unset for SQLite in the data dir",
            redacted(url)
        ),
    }
}

async fn sqlite(data_dir: &Path) -> anyhow::Result<SqliteStore> {
    let path = data_dir.join("halftone.db");
    SqliteStore::open(&path)
        .await
        .with_context(|| format!("opening {}", path.display()))
}

fn redacted(url: &str) -> String {
    match url.split_once('@') {
        Some((_, host)) => format!("…@{host}"),
        None => url.to_owned(),
    }
}

/// Everything `serve` needs.
pub struct Stores {
    pub meta: Arc<dyn MetaStore>,
    pub blobs: Blobs,
}

pub async fn open(config: &Config) -> anyhow::Result<Stores> {
    let blobs = open_blobs(&Location::of(config)?, &config.s3_settings())?;
    let meta = open_meta(config).await?;
    Ok(Stores { meta, blobs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse() {
        assert_eq!(
            Location::parse("s3://b/p").ok(),
            Some(Location::S3("s3://b/p".into()))
        );
        assert_eq!(
            Location::parse("/srv/media").ok(),
            Some(Location::Local("/srv/media".into()))
        );
        assert!(Location::parse("gs://b").is_err());
        assert!(Location::parse("s3://").is_err());
    }
}
