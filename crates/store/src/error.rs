//! The one error type of the storage layer; the HTTP layer turns it into a generic 500
//! unless a variant is meant for clients (conflicts, limits).

use thiserror::Error;

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The target path already holds a file and the policy forbids overwriting it.
    #[error("a file already exists at {0}")]
    AlreadyExists(String),
    /// The file already has the maximum number of versions.
    #[error("version limit reached for file {0}")]
    VersionLimit(String),
    #[error("metadata store: {0}")]
    Meta(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("blob store: {0}")]
    Blob(#[from] object_store::Error),
    /// A store location or setting that cannot be used.
    #[error("store settings: {0}")]
    Config(String),
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}
