//! The endpoint table: every route of the ImageKit API as data, parsed from method and
//! path in one place. Paths are matched leniently the way the official clients need:
//! one trailing slash is ignored, `deleteByFileIds` matches in any case, and the Ruby
//! client's `/v1/files/upload` on the API host is an upload.

use http::Method;
use library::TagOp;
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Health,
    /// Readiness: the stores answer.
    Ready,
    Upload(UploadApi),
    FileDetails(String),
    DeleteFile(String),
    BulkDelete,
    UpdateDetails(String),
    ListVersions(String),
    GetVersion(String, String),
    DeleteVersion(String, String),
    RestoreVersion(String, String),
    CopyFile,
    MoveFile,
    RenameFile,
    BulkTags(TagOp),
    CreateFolder,
    DeleteFolder,
    CopyFolder,
    MoveFolder,
    RenameFolder,
    JobStatus(String),
    CreateField,
    ListFields,
    UpdateField(String),
    DeleteField(String),
    ListFiles,
    FileMetadata(String),
    UrlMetadata,
    Usage,
    ConfigList(ConfigKind),
    ConfigCreate(ConfigKind),
    ConfigGet(ConfigKind, String),
    /// PUT or PATCH of a stored configuration document.
    ConfigUpdate(ConfigKind, String),
    ConfigDelete(ConfigKind, String),
    Purge,
    PurgeStatus(String),
    /// A documented ImageKit endpoint that this server does not implement yet.
    NotImplemented(&'static str),
    /// A GET or HEAD under the URL endpoint: the endpoint-relative path and query.
    Delivery(String),
    /// A known path with a method it does not take.
    MethodNotAllowed,
    Unknown,
}

/// Which client-side credentials an upload takes when it comes without Basic auth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadApi {
    /// `publicKey`, `token`, `expire`, `signature` (spec §1.3).
    V1,
    /// An HS256 JWT in `token` (spec §1.4).
    V2,
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    None,
    PrivateKey,
    /// Basic auth, or client-side credentials inside the upload form: checked by the
    /// upload handler once the form is read.
    PrivateKeyOrSignedForm,
}

impl Endpoint {
    pub fn auth(&self) -> Auth {
        match self {
            Endpoint::Health
            | Endpoint::Ready
            | Endpoint::Delivery(_)
            | Endpoint::MethodNotAllowed
            | Endpoint::Unknown => Auth::None,
            Endpoint::Upload(_) => Auth::PrivateKeyOrSignedForm,
            _ => Auth::PrivateKey,
        }
    }

    /// `mount` is the URL endpoint's path without a trailing slash (`""` at the root).
    pub fn parse(method: &Method, path_and_query: &str, mount: &str) -> Endpoint {
        let path = path_and_query.split('?').next().unwrap_or_default();
        let api = path.trim_end_matches('/');
        // Every API path starts with one of these; the rest (most requests) is delivery.
        let first = api.split('/').nth(1).unwrap_or_default();
        if !matches!(first, "v1" | "api" | "healthz" | "readyz" | "ui") {
            return delivery(method, path_and_query, mount);
        }
        let segments: Vec<&str> = api.split('/').skip(1).collect();
        if let Some(found) = api_endpoint(method, &segments) {
            return found;
        }
        if is_api_path(&segments) {
            return Endpoint::Unknown;
        }
        delivery(method, path_and_query, mount)
    }
}

fn is_api_path(segments: &[&str]) -> bool {
    // `/ui` is the web media library (routed before this table), never delivery.
    matches!(
        segments,
        ["v1", ..] | ["api", "v1" | "v2", ..] | ["healthz"] | ["readyz"] | ["ui", ..]
    )
}

fn delivery(method: &Method, path_and_query: &str, mount: &str) -> Endpoint {
    let Some(rest) = path_and_query.strip_prefix(mount) else {
        return Endpoint::Unknown;
    };
    if !rest.starts_with('/') {
        return Endpoint::Unknown;
    }
    match *method {
        Method::GET | Method::HEAD => Endpoint::Delivery(rest.to_owned()),
        _ => Endpoint::MethodNotAllowed,
    }
}

/// Picks the endpoint for `method` among the ones the path names, if the path is known.
fn by_method(method: &Method, routes: &[(Method, Endpoint)]) -> Endpoint {
    routes
        .iter()
        .find(|(m, _)| m == method)
        .map(|(_, e)| e.clone())
        .unwrap_or(Endpoint::MethodNotAllowed)
}

/// Account configuration stored as documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKind {
    UrlEndpoints,
    SavedExtensions,
    NamedTransformations,
}

fn config_collection(method: &Method, kind: ConfigKind) -> Endpoint {
    by_method(
        method,
        &[
            (Method::GET, Endpoint::ConfigList(kind)),
            (Method::POST, Endpoint::ConfigCreate(kind)),
        ],
    )
}

fn config_item(method: &Method, kind: ConfigKind, item: &str) -> Endpoint {
    let item = id(item);
    by_method(
        method,
        &[
            (Method::GET, Endpoint::ConfigGet(kind, item.clone())),
            (Method::PUT, Endpoint::ConfigUpdate(kind, item.clone())),
            (Method::PATCH, Endpoint::ConfigUpdate(kind, item.clone())),
            (Method::DELETE, Endpoint::ConfigDelete(kind, item)),
        ],
    )
}

fn id(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

fn ni(name: &'static str) -> Endpoint {
    Endpoint::NotImplemented(name)
}

fn api_endpoint(method: &Method, segments: &[&str]) -> Option<Endpoint> {
    use Method as M;
    let e = match segments {
        ["healthz"] => by_method(method, &[(M::GET, Endpoint::Health), (M::HEAD, Endpoint::Health)]),
        ["readyz"] => by_method(method, &[(M::GET, Endpoint::Ready), (M::HEAD, Endpoint::Ready)]),
        ["api", "v1", "files", "upload"] | ["v1", "files", "upload"] => {
            by_method(method, &[(M::POST, Endpoint::Upload(UploadApi::V1))])
        }
        ["api", "v2", "files", "upload"] => by_method(method, &[(M::POST, Endpoint::Upload(UploadApi::V2))]),
        ["v1", "files"] => by_method(method, &[(M::GET, Endpoint::ListFiles)]),
        ["v1", "files", "batch", op] if op.eq_ignore_ascii_case("deleteByFileIds") => {
            by_method(method, &[(M::POST, Endpoint::BulkDelete)])
        }
        ["v1", "files", "purge"] => by_method(method, &[(M::POST, Endpoint::Purge)]),
        ["v1", "files", "purge", request] => {
            by_method(method, &[(M::GET, Endpoint::PurgeStatus(id(request)))])
        }
        ["v1", "files", "copy"] => by_method(method, &[(M::POST, Endpoint::CopyFile)]),
        ["v1", "files", "move"] => by_method(method, &[(M::POST, Endpoint::MoveFile)]),
        ["v1", "files", "rename"] => by_method(method, &[(M::PUT, Endpoint::RenameFile)]),
        ["v1", "files", "addTags"] => by_method(method, &[(M::POST, Endpoint::BulkTags(TagOp::Add))]),
        ["v1", "files", "removeTags"] => by_method(method, &[(M::POST, Endpoint::BulkTags(TagOp::Remove))]),
        ["v1", "files", "removeAITags"] => {
            by_method(method, &[(M::POST, Endpoint::BulkTags(TagOp::RemoveAi))])
        }
        ["v1", "files", "metadata"] | ["v1", "metadata"] => {
            by_method(method, &[(M::GET, Endpoint::UrlMetadata)])
        }
        ["v1", "files", file] => by_method(method, &[(M::DELETE, Endpoint::DeleteFile(id(file)))]),
        ["v1", "files", file, "details"] => by_method(
            method,
            &[
                (M::GET, Endpoint::FileDetails(id(file))),
                (M::PATCH, Endpoint::UpdateDetails(id(file))),
            ],
        ),
        ["v1", "files", file, "metadata"] => by_method(method, &[(M::GET, Endpoint::FileMetadata(id(file)))]),
        ["v1", "files", file, "versions"] => by_method(method, &[(M::GET, Endpoint::ListVersions(id(file)))]),
        ["v1", "files", file, "versions", v] => by_method(
            method,
            &[
                (M::GET, Endpoint::GetVersion(id(file), id(v))),
                (M::DELETE, Endpoint::DeleteVersion(id(file), id(v))),
            ],
        ),
        ["v1", "files", file, "versions", v, "restore"] => {
            by_method(method, &[(M::PUT, Endpoint::RestoreVersion(id(file), id(v)))])
        }
        ["v1", "folder"] => by_method(
            method,
            &[
                (M::POST, Endpoint::CreateFolder),
                (M::DELETE, Endpoint::DeleteFolder),
            ],
        ),
        ["v1", "bulkJobs", "copyFolder"] => by_method(method, &[(M::POST, Endpoint::CopyFolder)]),
        ["v1", "bulkJobs", "moveFolder"] => by_method(method, &[(M::POST, Endpoint::MoveFolder)]),
        ["v1", "bulkJobs", "renameFolder"] => by_method(method, &[(M::POST, Endpoint::RenameFolder)]),
        ["v1", "bulkJobs", job] => by_method(method, &[(M::GET, Endpoint::JobStatus(id(job)))]),
        ["v1", "customMetadataFields"] => by_method(
            method,
            &[(M::POST, Endpoint::CreateField), (M::GET, Endpoint::ListFields)],
        ),
        ["v1", "customMetadataFields", field] => by_method(
            method,
            &[
                (M::PATCH, Endpoint::UpdateField(id(field))),
                (M::DELETE, Endpoint::DeleteField(id(field))),
            ],
        ),
        ["v1", "accounts", "usage"] => by_method(method, &[(M::GET, Endpoint::Usage)]),
        ["v1", "accounts", "usage-analytics"] => by_method(method, &[(M::GET, ni("usage analytics"))]),
        ["v1", "accounts", "origins" | "webhooks"] => by_method(
            method,
            &[
                (M::GET, ni("origins and webhooks")),
                (M::POST, ni("origins and webhooks")),
            ],
        ),
        ["v1", "accounts", "origins" | "webhooks", _] => by_method(
            method,
            &[
                (M::GET, ni("origins and webhooks")),
                (M::PUT, ni("origins and webhooks")),
                (M::PATCH, ni("origins and webhooks")),
                (M::DELETE, ni("origins and webhooks")),
            ],
        ),
        ["v1", "accounts", "url-endpoints"] => config_collection(method, ConfigKind::UrlEndpoints),
        ["v1", "saved-extensions"] => config_collection(method, ConfigKind::SavedExtensions),
        ["v1", "named-transformations"] => config_collection(method, ConfigKind::NamedTransformations),
        ["v1", "accounts", "url-endpoints", item] => config_item(method, ConfigKind::UrlEndpoints, item),
        ["v1", "saved-extensions", item] => config_item(method, ConfigKind::SavedExtensions, item),
        ["v1", "named-transformations", item] => config_item(method, ConfigKind::NamedTransformations, item),
        _ => return None,
    };
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(method: Method, path: &str) -> Endpoint {
        Endpoint::parse(&method, path, "/media")
    }

    #[test]
    fn every_route_and_its_auth() {
        let id = "598821f949c0a938d57563bd";
        let table = [
            (Method::GET, "/healthz".to_string(), Endpoint::Health, Auth::None),
            (Method::GET, "/readyz".to_string(), Endpoint::Ready, Auth::None),
            (
                Method::POST,
                "/api/v1/files/upload".into(),
                Endpoint::Upload(UploadApi::V1),
                Auth::PrivateKeyOrSignedForm,
            ),
            (
                Method::POST,
                "/api/v2/files/upload".into(),
                Endpoint::Upload(UploadApi::V2),
                Auth::PrivateKeyOrSignedForm,
            ),
            (
                Method::POST,
                "/v1/files/upload".into(),
                Endpoint::Upload(UploadApi::V1),
                Auth::PrivateKeyOrSignedForm,
            ),
            (
                Method::GET,
                format!("/v1/files/{id}/details"),
                Endpoint::FileDetails(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                format!("/v1/files/{id}/details/"),
                Endpoint::FileDetails(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                format!("/v1/files/{id}/details?0={id}"),
                Endpoint::FileDetails(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::DELETE,
                format!("/v1/files/{id}"),
                Endpoint::DeleteFile(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::DELETE,
                format!("/v1/files/{id}/"),
                Endpoint::DeleteFile(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::POST,
                "/v1/files/batch/deleteByFileIds".into(),
                Endpoint::BulkDelete,
                Auth::PrivateKey,
            ),
            (
                Method::POST,
                "/v1/files/batch/deleteByfileIds".into(),
                Endpoint::BulkDelete,
                Auth::PrivateKey,
            ),
            (
                Method::POST,
                "/v1/files/purge".into(),
                Endpoint::Purge,
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                format!("/v1/files/purge/{id}"),
                Endpoint::PurgeStatus(id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                "/v1/files?limit=1".into(),
                Endpoint::ListFiles,
                Auth::PrivateKey,
            ),
            (
                Method::PUT,
                "/v1/files/rename".into(),
                Endpoint::RenameFile,
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                "/v1/metadata?url=x".into(),
                Endpoint::UrlMetadata,
                Auth::PrivateKey,
            ),
            (
                Method::PUT,
                format!("/v1/files/{id}/versions/{id}/restore"),
                Endpoint::RestoreVersion(id.into(), id.into()),
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                "/media/a/b.jpg?tr=w-1".into(),
                Endpoint::Delivery("/a/b.jpg?tr=w-1".into()),
                Auth::None,
            ),
            (
                Method::HEAD,
                "/media/a.jpg".into(),
                Endpoint::Delivery("/a.jpg".into()),
                Auth::None,
            ),
            (
                Method::POST,
                "/media/a.jpg".into(),
                Endpoint::MethodNotAllowed,
                Auth::None,
            ),
            (
                Method::GET,
                "/v1/files/purge".into(),
                Endpoint::MethodNotAllowed,
                Auth::None,
            ),
            (Method::GET, "/v1/nothing".into(), Endpoint::Unknown, Auth::None),
            (Method::GET, "/elsewhere".into(), Endpoint::Unknown, Auth::None),
            (Method::GET, "/mediax/a.jpg".into(), Endpoint::Unknown, Auth::None),
        ];
        for (method, path, endpoint, auth) in table {
            let parsed = parse(method.clone(), &path);
            assert_eq!(parsed, endpoint, "{method} {path}");
            assert_eq!(parsed.auth(), auth, "{method} {path}");
        }
    }

    #[test]
    fn ids_are_percent_decoded_within_one_segment() {
        assert_eq!(
            parse(Method::DELETE, "/v1/files/..%2F..%2Fetc"),
            Endpoint::DeleteFile("../../etc".into())
        );
        assert_eq!(parse(Method::DELETE, "/v1/files/../../etc"), Endpoint::Unknown);
    }

    #[test]
    fn delivery_at_the_root_leaves_the_api_alone() {
        assert_eq!(
            Endpoint::parse(&Method::GET, "/a.jpg", ""),
            Endpoint::Delivery("/a.jpg".into())
        );
        assert_eq!(Endpoint::parse(&Method::GET, "/v1/x", ""), Endpoint::Unknown);
        assert_eq!(Endpoint::parse(&Method::GET, "/ui/a.jpg", ""), Endpoint::Unknown);
    }
}
