//! Reading request bodies with our own errors, so a client never sees a framework's
//! plain-text rejection: bounded reads (413 JSON) and JSON or form decoding (400 JSON).

use axum::body::Body;
use bytes::Bytes;
use http::HeaderMap;
use http::header::CONTENT_TYPE;
use serde_json::Value;

use crate::error::ApiError;

/// Largest JSON or form body the management API accepts.
pub const MAX_API_BODY: usize = 1024 * 1024;

pub async fn read_bounded(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large =
            std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::payload_too_large()
        } else {
            ApiError::bad_request("Your request body could not be read.")
        }
    })
}

/// The Content-Type header as sent (parameters such as a multipart boundary are
/// case-sensitive, so it is not lower-cased).
pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Whether the Content-Type names `mime` (compared without case, parameters ignored).
pub fn is_mime(content_type: &str, mime: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(mime))
}

/// The body as a JSON value; form-encoded bodies (the Ruby client's purge) become an
/// object of strings.
pub async fn read_object(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let bytes = read_bounded(body, MAX_API_BODY).await?;
    if is_mime(&content_type(headers), "application/x-www-form-urlencoded") {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| ApiError::bad_request("Your request contains an invalid form body."))?;
        let map = pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
        return Ok(Value::Object(map));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("Your request contains an invalid JSON body: {e}.")))
}
