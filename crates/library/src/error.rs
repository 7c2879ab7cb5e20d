//! Domain errors. Each variant is one thing a client can be told; the HTTP layer maps
//! them to status codes and ImageKit's messages in a single function.

use thiserror::Error;

pub type LibraryResult<T> = Result<T, LibraryError>;

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("Your request contains invalid fileId parameter.")]
    InvalidFileId,
    #[error("The requested file does not exist.")]
    FileNotFound,
    #[error("The requested file(s) does not exist.")]
    FilesNotFound(Vec<String>),
    /// A request parameter is missing or wrong; the text says which and why.
    #[error("{0}")]
    InvalidParameter(String),
    /// An upload parameter that Halftone does not offer (yet); named in the message.
    #[error("The {0} parameter is not supported by this Halftone server.")]
    UnsupportedParameter(&'static str),
    #[error(
        "A file with the same name already exists at the exact location. We could not overwrite it because both overwriteFile and useUniqueFileName are set to false."
    )]
    FileAlreadyExists,
    #[error("Your request contains invalid file parameter. The file size exceeds limits.")]
    FileTooLarge,
    #[error("This file already has the maximum number of versions.")]
    VersionLimit,
    #[error("The URL is not valid for cache purging.")]
    InvalidPurgeUrl,
    #[error("No request found for this requestId.")]
    PurgeRequestNotFound,
    /// Any other refusal: its kind picks the status; `reason` is ImageKit's code and
    /// `errors` an object of per-field reasons, when the spec has them.
    #[error("{message}")]
    Rejected {
        kind: RejectKind,
        reason: Option<&'static str>,
        message: String,
        errors: Option<serde_json::Value>,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectKind {
    BadRequest,
    NotFound,
    Conflict,
}

impl LibraryError {
    pub fn bad(reason: &'static str, message: impl Into<String>) -> Self {
        Self::Rejected {
            kind: RejectKind::BadRequest,
            reason: Some(reason),
            message: message.into(),
            errors: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidParameter(message.into())
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::Rejected {
            kind: RejectKind::NotFound,
            reason: None,
            message: message.into(),
            errors: None,
        }
    }

    pub fn not_found_reason(reason: &'static str, message: impl Into<String>) -> Self {
        Self::Rejected {
            kind: RejectKind::NotFound,
            reason: Some(reason),
            message: message.into(),
            errors: None,
        }
    }

    pub fn conflict(reason: &'static str, message: impl Into<String>) -> Self {
        Self::Rejected {
            kind: RejectKind::Conflict,
            reason: Some(reason),
            message: message.into(),
            errors: None,
        }
    }

    pub fn with_errors(message: impl Into<String>, errors: serde_json::Value) -> Self {
        Self::Rejected {
            kind: RejectKind::BadRequest,
            reason: None,
            message: message.into(),
            errors: Some(errors),
        }
    }
}

impl From<store::StoreError> for LibraryError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::AlreadyExists(_) => LibraryError::FileAlreadyExists,
            store::StoreError::VersionLimit(_) => LibraryError::VersionLimit,
            store::StoreError::UnstorableText => LibraryError::InvalidParameter(
                "A value contains a NUL character, which is not allowed.".into(),
            ),
            other => LibraryError::Internal(other.to_string()),
        }
    }
}
