//! What can go wrong delivering a URL; the HTTP layer maps each to a status and message.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DeliveryError {
    #[error("The requested resource does not exist.")]
    NotFound,
    #[error("This file is private: it is served only through a signed URL.")]
    PrivateFile,
    #[error("Image transformations are not available on this server yet.")]
    TransformationsUnsupported,
    #[error("The requested range is not satisfiable.")]
    RangeNotSatisfiable { size: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<store::StoreError> for DeliveryError {
    fn from(e: store::StoreError) -> Self {
        DeliveryError::Internal(e.to_string())
    }
}
