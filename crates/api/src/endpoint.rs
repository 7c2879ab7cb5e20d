//! The endpoint table: every route of the ImageKit API as data, parsed from method and
//! path in one place. Paths are matched leniently the way the official clients need:
//! one trailing slash is ignored, `deleteByFileIds` matches in any case, and the Ruby
//! client's `/v1/files/upload` on the API host is an upload.

use http::Method;
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Health,
    Upload,
    FileDetails(String),
    DeleteFile(String),
    BulkDelete,
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

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    None,
    PrivateKey,
}

impl Endpoint {
    pub fn auth(&self) -> Auth {
        match self {
            Endpoint::Health | Endpoint::Delivery(_) | Endpoint::MethodNotAllowed | Endpoint::Unknown => {
                Auth::None
            }
            _ => Auth::PrivateKey,
        }
    }

    /// `mount` is the URL endpoint's path without a trailing slash (`""` at the root).
    pub fn parse(method: &Method, path_and_query: &str, mount: &str) -> Endpoint {
        let path = path_and_query.split('?').next().unwrap_or_default();
        let api = path.trim_end_matches('/');
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
    matches!(segments, ["v1", ..] | ["api", "v1" | "v2", ..] | ["healthz"])
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
        ["api", "v1" | "v2", "files", "upload"] | ["v1", "files", "upload"] => {
            by_method(method, &[(M::POST, Endpoint::Upload)])
        }
        ["v1", "files"] => by_method(method, &[(M::GET, ni("list and search files"))]),
        ["v1", "files", "batch", op] if op.eq_ignore_ascii_case("deleteByFileIds") => {
            by_method(method, &[(M::POST, Endpoint::BulkDelete)])
        }
        ["v1", "files", "purge"] => by_method(method, &[(M::POST, Endpoint::Purge)]),
        ["v1", "files", "purge", request] => {
            by_method(method, &[(M::GET, Endpoint::PurgeStatus(id(request)))])
        }
        ["v1", "files", "copy"] => by_method(method, &[(M::POST, ni("copy file"))]),
        ["v1", "files", "move"] => by_method(method, &[(M::POST, ni("move file"))]),
        ["v1", "files", "rename"] => by_method(method, &[(M::PUT, ni("rename file"))]),
        ["v1", "files", "addTags"] => by_method(method, &[(M::POST, ni("add tags"))]),
        ["v1", "files", "removeTags"] => by_method(method, &[(M::POST, ni("remove tags"))]),
        ["v1", "files", "removeAITags"] => by_method(method, &[(M::POST, ni("remove AI tags"))]),
        ["v1", "files", "metadata"] | ["v1", "metadata"] => {
            by_method(method, &[(M::GET, ni("metadata from URL"))])
        }
        ["v1", "files", file] => by_method(method, &[(M::DELETE, Endpoint::DeleteFile(id(file)))]),
        ["v1", "files", file, "details"] => by_method(
            method,
            &[
                (M::GET, Endpoint::FileDetails(id(file))),
                (M::PATCH, ni("update file details")),
            ],
        ),
        ["v1", "files", _, "metadata"] => by_method(method, &[(M::GET, ni("file metadata"))]),
        ["v1", "files", _, "versions"] => by_method(method, &[(M::GET, ni("list file versions"))]),
        ["v1", "files", _, "versions", _] => by_method(
            method,
            &[
                (M::GET, ni("get file version")),
                (M::DELETE, ni("delete file version")),
            ],
        ),
        ["v1", "files", _, "versions", _, "restore"] => {
            by_method(method, &[(M::PUT, ni("restore file version"))])
        }
        ["v1", "folder"] => by_method(
            method,
            &[(M::POST, ni("create folder")), (M::DELETE, ni("delete folder"))],
        ),
        ["v1", "bulkJobs", "copyFolder"] => by_method(method, &[(M::POST, ni("copy folder"))]),
        ["v1", "bulkJobs", "moveFolder"] => by_method(method, &[(M::POST, ni("move folder"))]),
        ["v1", "bulkJobs", "renameFolder"] => by_method(method, &[(M::POST, ni("rename folder"))]),
        ["v1", "bulkJobs", _] => by_method(method, &[(M::GET, ni("bulk job status"))]),
        ["v1", "customMetadataFields"] => by_method(
            method,
            &[
                (M::POST, ni("create custom metadata field")),
                (M::GET, ni("list custom metadata fields")),
            ],
        ),
        ["v1", "customMetadataFields", _] => by_method(
            method,
            &[
                (M::PATCH, ni("update custom metadata field")),
                (M::DELETE, ni("delete custom metadata field")),
            ],
        ),
        ["v1", "accounts", "usage"] => by_method(method, &[(M::GET, ni("account usage"))]),
        ["v1", "accounts", "usage-analytics"] => by_method(method, &[(M::GET, ni("usage analytics"))]),
        ["v1", "accounts", "origins" | "url-endpoints" | "webhooks"]
        | ["v1", "saved-extensions" | "named-transformations"] => by_method(
            method,
            &[
                (M::GET, ni("account configuration")),
                (M::POST, ni("account configuration")),
            ],
        ),
        ["v1", "accounts", "origins" | "url-endpoints" | "webhooks", _]
        | ["v1", "saved-extensions" | "named-transformations", _] => by_method(
            method,
            &[
                (M::GET, ni("account configuration")),
                (M::PUT, ni("account configuration")),
                (M::PATCH, ni("account configuration")),
                (M::DELETE, ni("account configuration")),
            ],
        ),
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
            (
                Method::POST,
                "/api/v1/files/upload".into(),
                Endpoint::Upload,
                Auth::PrivateKey,
            ),
            (
                Method::POST,
                "/api/v2/files/upload".into(),
                Endpoint::Upload,
                Auth::PrivateKey,
            ),
            (
                Method::POST,
                "/v1/files/upload".into(),
                Endpoint::Upload,
                Auth::PrivateKey,
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
                ni("list and search files"),
                Auth::PrivateKey,
            ),
            (
                Method::PUT,
                "/v1/files/rename".into(),
                ni("rename file"),
                Auth::PrivateKey,
            ),
            (
                Method::GET,
                "/v1/metadata?url=x".into(),
                ni("metadata from URL"),
                Auth::PrivateKey,
            ),
            (
                Method::PUT,
                format!("/v1/files/{id}/versions/{id}/restore"),
                ni("restore file version"),
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
    }
}
