//! `POST /api/v1/files/upload` and `/api/v2/files/upload` (and the Ruby client's
//! `/v1/files/upload`): Basic auth or client-side credentials, then the upload.

use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use http::HeaderMap;

use super::ApiResult;
use crate::endpoint::UploadApi;
use crate::multipart::read_upload_form;
use crate::state::AppState;
use crate::upload_auth::{authorize, require_basic};
use crate::views::{Urls, upload_view};

pub async fn upload(state: &AppState, api: UploadApi, headers: &HeaderMap, body: Body) -> ApiResult {
    let server_side = match require_basic(state, headers) {
        Ok(server_side) => server_side,
        Err(refused) => {
            super::drain(body, state.max_upload_bytes).await;
            return Err(refused);
        }
    };
    // Client-side credentials travel in the form, so it is read before they are checked.
    let mut form = read_upload_form(headers, body, state.max_upload_bytes).await?;
    authorize(state, api, headers, server_side, &form.fields).await?;
    for credential in ["publicKey", "token", "expire", "signature"] {
        form.fields.remove(credential);
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
