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
    Meta(sqlx::Error),
    /// A text value the metadata store cannot hold (PostgreSQL refuses NUL characters); the
    /// request's fault, not the store's.
    #[error("a value contains a character the metadata store cannot keep")]
    UnstorableText,
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

/// PostgreSQL's "invalid byte sequence" / "character not in repertoire" (22021), which is
/// what a NUL character in a bound text value gives.
const UNSTORABLE_TEXT: &str = "22021";

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.code().as_deref() == Some(UNSTORABLE_TEXT)
        {
            return StoreError::UnstorableText;
        }
        StoreError::Meta(e)
    }
}
