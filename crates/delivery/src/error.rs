//! What can go wrong delivering a URL; the HTTP layer maps each to a status and message.

use thiserror::Error;

#[derive(Debug, Clone, Error)]
pub enum DeliveryError {
    #[error("The requested resource does not exist.")]
    NotFound,
    /// An overlay layer (`l-image,i-…`) names a file that does not exist.
    #[error("The overlay image '{0}' of the transformation does not exist.")]
    LayerNotFound(String),
    #[error("This file is private: it is served only through a signed URL.")]
    PrivateFile,
    #[error("The URL signature is invalid.")]
    BadSignature,
    #[error("The URL signature has expired.")]
    ExpiredSignature,
    /// A malformed or unsupported transformation; the text says which parameter.
    #[error("{0}")]
    BadTransformation(String),
    /// The source cannot be transformed (not an image, corrupt, too large).
    #[error("{0}")]
    Unprocessable(String),
    #[error("The requested range is not satisfiable.")]
    RangeNotSatisfiable { size: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<store::StoreError> for DeliveryError {
    fn from(e: store::StoreError) -> Self {
        match e {
            // A path with a character no stored path can hold names no file.
            store::StoreError::UnstorableText => DeliveryError::NotFound,
            other => DeliveryError::Internal(other.to_string()),
        }
    }
}
