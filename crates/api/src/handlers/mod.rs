//! One flat dispatch from the endpoint table to the handler of each endpoint group.

mod delivery;
mod files;
mod health;
mod library_ops;
mod listing;
mod purge;
mod upload;
mod versions;

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};

use crate::auth::require_private_key;
use crate::endpoint::{Auth, Endpoint};
use crate::error::ApiError;
use crate::state::AppState;

pub type ApiResult = Result<Response, ApiError>;

pub async fn dispatch(state: &AppState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path_and_query = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let endpoint = Endpoint::parse(&parts.method, path_and_query, &state.mount);
    if endpoint.auth() == Auth::PrivateKey
        && let Err(e) = require_private_key(&parts.headers, &state.keys)
            .and_then(|()| state.rate_limits.check_management())
    {
        drain(body, state.max_upload_bytes).await;
        return e.into_response();
    }
    let result = route(state, endpoint, &parts, body).await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Reads and drops a refused request's body (bounded), so a client still sending it
/// receives the error instead of a broken pipe.
async fn drain(body: Body, max_upload_bytes: u64) {
    let limit = usize::try_from(max_upload_bytes.saturating_mul(2)).unwrap_or(usize::MAX);
    let _ignored = axum::body::to_bytes(body, limit).await;
}

async fn route(state: &AppState, endpoint: Endpoint, parts: &http::request::Parts, body: Body) -> ApiResult {
    match endpoint {
        Endpoint::Health => Ok(health::live()),
        Endpoint::Ready => Ok(health::ready(state).await),
        Endpoint::Upload(api) => upload::upload(state, api, &parts.headers, body).await,
        Endpoint::FileDetails(id) => files::details(state, &id).await,
        Endpoint::DeleteFile(id) => files::delete(state, &id).await,
        Endpoint::BulkDelete => files::bulk_delete(state, &parts.headers, body).await,
        Endpoint::Purge => purge::create(state, &parts.headers, body).await,
        Endpoint::PurgeStatus(id) => purge::status(state, &id).await,
        Endpoint::UpdateDetails(id) => versions::update_details(state, &id, &parts.headers, body).await,
        Endpoint::ListVersions(id) => versions::list(state, &id).await,
        Endpoint::GetVersion(id, v) => versions::get(state, &id, &v).await,
        Endpoint::DeleteVersion(id, v) => versions::delete(state, &id, &v).await,
        Endpoint::RestoreVersion(id, v) => versions::restore(state, &id, &v).await,
        Endpoint::CopyFile => library_ops::copy(state, &parts.headers, body).await,
        Endpoint::MoveFile => library_ops::move_file(state, &parts.headers, body).await,
        Endpoint::RenameFile => library_ops::rename(state, &parts.headers, body).await,
        Endpoint::BulkTags(op) => library_ops::tags(state, op, &parts.headers, body).await,
        Endpoint::CreateFolder => library_ops::create_folder(state, &parts.headers, body).await,
        Endpoint::DeleteFolder => library_ops::delete_folder(state, &parts.headers, body).await,
        Endpoint::CopyFolder => library_ops::folder_job(state, "copy", &parts.headers, body).await,
        Endpoint::MoveFolder => library_ops::folder_job(state, "move", &parts.headers, body).await,
        Endpoint::RenameFolder => library_ops::folder_job(state, "rename", &parts.headers, body).await,
        Endpoint::JobStatus(id) => library_ops::job(state, &id).await,
        Endpoint::CreateField => library_ops::create_field(state, &parts.headers, body).await,
        Endpoint::ListFields => library_ops::list_fields(state, parts.uri.query()).await,
        Endpoint::UpdateField(id) => library_ops::update_field(state, &id, &parts.headers, body).await,
        Endpoint::DeleteField(id) => library_ops::delete_field(state, &id).await,
        Endpoint::ListFiles => listing::list(state, parts.uri.query()).await,
        Endpoint::FileMetadata(id) => listing::file_metadata(state, &id).await,
        Endpoint::UrlMetadata => listing::url_metadata(state, parts.uri.query()).await,
        Endpoint::Usage => listing::usage(state, parts.uri.query()).await,
        Endpoint::ConfigList(kind) => listing::config_list(state, kind).await,
        Endpoint::ConfigCreate(kind) => listing::config_create(state, kind, &parts.headers, body).await,
        Endpoint::ConfigGet(kind, id) => listing::config_get(state, kind, &id).await,
        Endpoint::ConfigUpdate(kind, id) => {
            listing::config_update(state, kind, &id, &parts.headers, body).await
        }
        Endpoint::ConfigDelete(kind, id) => listing::config_delete(state, kind, &id).await,
        Endpoint::Delivery(relative) => delivery::serve(state, &relative, parts).await,
        Endpoint::NotImplemented(name) => Err(ApiError::not_implemented(name)),
        Endpoint::MethodNotAllowed => Err(ApiError::method_not_allowed()),
        Endpoint::Unknown => Err(ApiError::not_found()),
    }
}
