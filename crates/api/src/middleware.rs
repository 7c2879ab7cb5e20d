//! What wraps every route (see `service`): the `x-ik-requestId` value, and a panic turned
//! into a JSON 500 instead of a dropped connection.

use std::any::Any;

use axum::response::{IntoResponse, Response};
use http::HeaderValue;

use crate::error::ApiError;

/// A fresh request id, 32 lowercase hex digits as ImageKit's.
pub fn request_id() -> HeaderValue {
    let mut text = [0u8; uuid::fmt::Simple::LENGTH];
    let id = uuid::Uuid::new_v4().simple();
    HeaderValue::from_str(id.encode_lower(&mut text)).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(detail, "handler panicked");
    ApiError::internal().into_response()
}
