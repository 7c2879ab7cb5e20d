//! The one mapping from every error of the lower layers to ImageKit's wire format:
//! a status code and a JSON body `{message, help[, reason][, missingFileIds]}`.

use axum::Json;
use axum::response::{IntoResponse, Response};
use delivery::DeliveryError;
use http::{HeaderValue, StatusCode};
use library::{LibraryError, RejectKind};
use serde::Serialize;
use serde_json::Value;

pub const HELP: &str = "For support kindly contact us at support@imagekit.io.";

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The rarely used parts, boxed so the error stays small on every `Result`.
    pub details: Option<Box<Details>>,
}

#[derive(Debug, Clone, Default)]
pub struct Details {
    pub reason: Option<&'static str>,
    pub missing_file_ids: Option<Vec<String>>,
    pub errors: Option<Value>,
    /// Extra headers, e.g. `content-range` on a 416.
    pub headers: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody<'a> {
    message: &'a str,
    help: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing_file_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            details: None,
        }
    }

    fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }

    pub fn with_reason(mut self, reason: Option<&'static str>) -> Self {
        self.details_mut().reason = reason;
        self
    }

    pub fn with_missing(mut self, ids: Vec<String>) -> Self {
        self.details_mut().missing_file_ids = Some(ids);
        self
    }

    pub fn with_errors(mut self, errors: Option<Value>) -> Self {
        self.details_mut().errors = errors;
        self
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.details_mut().headers.push((name, value));
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "The requested resource does not exist.")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "This method is not allowed on this path.",
        )
    }

    pub fn not_implemented(endpoint: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("The {endpoint} endpoint is not implemented by this Halftone server yet."),
        )
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error.")
    }

    pub fn payload_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Your request body is larger than this server accepts.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let details = self.details.unwrap_or_default();
        let body = ErrorBody {
            message: &self.message,
            help: HELP,
            reason: details.reason,
            missing_file_ids: details.missing_file_ids.as_deref(),
            errors: details.errors.as_ref(),
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        // The SDKs retry 409 and every 5xx; none of these answers changes on a retry.
        if matches!(self.status, StatusCode::CONFLICT | StatusCode::NOT_IMPLEMENTED) {
            headers.insert("x-should-retry", HeaderValue::from_static("false"));
        }
        // The body was not read to its end, so this connection cannot carry another request.
        if self.status == StatusCode::PAYLOAD_TOO_LARGE {
            headers.insert(http::header::CONNECTION, HeaderValue::from_static("close"));
        }
        for (name, value) in details.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}

impl From<LibraryError> for ApiError {
    fn from(e: LibraryError) -> Self {
        let message = e.to_string();
        match e {
            LibraryError::InvalidFileId
            | LibraryError::InvalidParameter(_)
            | LibraryError::UnsupportedParameter(_)
            | LibraryError::FileAlreadyExists
            | LibraryError::FileTooLarge
            | LibraryError::VersionLimit
            | LibraryError::InvalidPurgeUrl
            | LibraryError::PurgeRequestNotFound => ApiError::bad_request(message),
            LibraryError::FileNotFound => ApiError::new(StatusCode::NOT_FOUND, message),
            LibraryError::FilesNotFound(missing) => {
                ApiError::new(StatusCode::NOT_FOUND, message).with_missing(missing)
            }
            LibraryError::Rejected {
                kind,
                reason,
                message,
                errors,
            } => {
                let status = match kind {
                    RejectKind::BadRequest => StatusCode::BAD_REQUEST,
                    RejectKind::NotFound => StatusCode::NOT_FOUND,
                    RejectKind::Conflict => StatusCode::CONFLICT,
                };
                ApiError::new(status, message)
                    .with_reason(reason)
                    .with_errors(errors)
            }
            LibraryError::Internal(detail) => {
                tracing::error!(%detail, "library error");
                ApiError::internal()
            }
        }
    }
}

impl From<DeliveryError> for ApiError {
    fn from(e: DeliveryError) -> Self {
        let message = e.to_string();
        match e {
            DeliveryError::NotFound | DeliveryError::LayerNotFound(_) => {
                ApiError::new(StatusCode::NOT_FOUND, message)
            }
            DeliveryError::PrivateFile => ApiError::new(StatusCode::UNAUTHORIZED, message),
            DeliveryError::BadSignature | DeliveryError::ExpiredSignature => {
                ApiError::new(StatusCode::UNAUTHORIZED, message)
            }
            DeliveryError::BadTransformation(_) | DeliveryError::Unprocessable(_) => {
                ApiError::bad_request(message)
            }
            DeliveryError::RangeNotSatisfiable { size } => {
                ApiError::new(StatusCode::RANGE_NOT_SATISFIABLE, message)
                    .with_header("content-range", format!("bytes */{size}"))
            }
            DeliveryError::Internal(detail) => {
                tracing::error!(%detail, "delivery error");
                ApiError::internal()
            }
        }
    }
}
