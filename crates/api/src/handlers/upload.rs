//! `POST /api/v1/files/upload` (and v2, and the Ruby client's `/v1/files/upload`).

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::HeaderMap;

use super::ApiResult;
use crate::error::ApiError;
use crate::multipart::read_upload_form;
use crate::state::AppState;
use crate::views::{Urls, upload_view};

pub async fn upload(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult {
    let form = read_upload_form(headers, body, state.max_upload_bytes).await?;
    // This route is reached only with Basic auth, so client-side credentials are a mistake.
    for (field, what) in [("signature", "signature"), ("token", "token")] {
        if form.fields.get(field).is_some_and(|v| !v.is_empty()) {
            return Err(ApiError::bad_request(format!(
                "Your request contains both {what} and basic auth parameter. Use only one method, you might be exposing your private API key."
            )));
        }
    }
    let result = state.library.upload(form).await?;
    let view = upload_view(
        &result.record,
        &result.response_fields,
        result.metadata.as_ref(),
        &Urls(&state.url_endpoint),
    );
    Ok(Json(view).into_response())
}
