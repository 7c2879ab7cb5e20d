//! CORS, per kind of route. Uploads and delivery answer browsers from the configured
//! origins (any, by default, as ImageKit does) without credentials: the upload carries
//! its own signature and delivery is public. The management API (`/v1/…`) takes the
//! private key, so it answers cross-origin requests only for origins named in the
//! settings, and then with credentials; by default it sends no CORS headers at all,
//! and browsers keep other sites' pages from reading its answers.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

/// Who may call from a browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origins {
    Any,
    /// Exactly these origins (`scheme://host[:port]`); empty means none.
    List(Vec<HeaderValue>),
}

impl Origins {
    /// `["*"]` is any origin; otherwise each entry is an origin.
    pub fn parse(list: &[String]) -> Result<Self, String> {
        if list.iter().any(|o| o.trim() == "*") {
            return Ok(Origins::Any);
        }
        list.iter()
            .map(|o| HeaderValue::from_str(o.trim().trim_end_matches('/')))
            .collect::<Result<_, _>>()
            .map(Origins::List)
            .map_err(|_| format!("not an origin in {list:?}"))
    }

    fn allow(&self) -> AllowOrigin {
        match self {
            Origins::Any => AllowOrigin::any(),
            Origins::List(list) => AllowOrigin::list(list.iter().cloned()),
        }
    }
}

/// The CORS settings: uploads and delivery, and the management API.
#[derive(Debug, Clone)]
pub struct CorsSettings {
    pub public: Origins,
    pub api: Origins,
}

impl CorsSettings {
    /// The management API sends credentials, which CORS allows only for named origins.
    pub fn new(public: Origins, api: Origins) -> Result<Self, String> {
        if api == Origins::Any {
            return Err("the management API's CORS origins must be named, not '*'".into());
        }
        Ok(Self { public, api })
    }
}

impl Default for CorsSettings {
    fn default() -> Self {
        Self {
            public: Origins::Any,
            api: Origins::List(Vec::new()),
        }
    }
}

/// The layers built once, and where delivery is mounted.
pub struct CorsPolicy {
    upload: CorsLayer,
    delivery: CorsLayer,
    api: Option<CorsLayer>,
    mount: Arc<str>,
}

const MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

impl CorsPolicy {
    pub fn new(settings: &CorsSettings, mount: Arc<str>) -> Self {
        let request_id = HeaderName::from_static("x-ik-requestid");
        let upload = CorsLayer::new()
            .allow_origin(settings.public.allow())
            .allow_methods([Method::POST])
            .allow_headers(AllowHeaders::any())
            .expose_headers([request_id.clone()])
            .max_age(MAX_AGE);
        let delivery = CorsLayer::new()
            .allow_origin(settings.public.allow())
            .allow_methods([Method::GET, Method::HEAD])
            .allow_headers(AllowHeaders::any())
            .expose_headers([
                http::header::CONTENT_LENGTH,
                http::header::CONTENT_RANGE,
                http::header::ETAG,
                request_id.clone(),
            ])
            .max_age(MAX_AGE);
        let api = match &settings.api {
            Origins::List(list) if !list.is_empty() => Some(
                CorsLayer::new()
                    .allow_origin(settings.api.allow())
                    .allow_credentials(true)
                    .allow_methods([
                        Method::GET,
                        Method::POST,
                        Method::PUT,
                        Method::PATCH,
                        Method::DELETE,
                    ])
                    .allow_headers(AllowHeaders::mirror_request())
                    .expose_headers([request_id])
                    .max_age(MAX_AGE),
            ),
            _ => None,
        };
        Self {
            upload,
            delivery,
            api,
            mount,
        }
    }

    pub fn layer_for(&self, path: &str) -> Option<&CorsLayer> {
        match route_kind(path, &self.mount) {
            RouteKind::Upload => Some(&self.upload),
            RouteKind::Delivery => Some(&self.delivery),
            RouteKind::Api => self.api.as_ref(),
            RouteKind::Other => None,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum RouteKind {
    Upload,
    Delivery,
    Api,
    Other,
}

/// By path alone, since a preflight's method (OPTIONS) names no endpoint.
fn route_kind(path: &str, mount: &str) -> RouteKind {
    let trimmed = path.trim_end_matches('/');
    if matches!(trimmed, "/api/v1/files/upload" | "/api/v2/files/upload") {
        RouteKind::Upload
    } else if trimmed == "/healthz" || under(trimmed, "/v1") || under(trimmed, "/api") {
        RouteKind::Api
    } else if under(trimmed, "/ui") {
        // The web media library is same-origin only.
        RouteKind::Other
    } else if path.strip_prefix(mount).is_some_and(|rest| rest.starts_with('/')) {
        RouteKind::Delivery
    } else {
        RouteKind::Other
    }
}

/// `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_told_apart_by_path() {
        assert_eq!(route_kind("/api/v1/files/upload", "/media"), RouteKind::Upload);
        assert_eq!(route_kind("/api/v2/files/upload/", "/media"), RouteKind::Upload);
        assert_eq!(route_kind("/v1/files/upload", "/media"), RouteKind::Api);
        assert_eq!(route_kind("/v1/files", ""), RouteKind::Api);
        assert_eq!(route_kind("/media/a.jpg", "/media"), RouteKind::Delivery);
        assert_eq!(route_kind("/a.jpg", ""), RouteKind::Delivery);
        assert_eq!(route_kind("/mediax/a.jpg", "/media"), RouteKind::Other);
        assert_eq!(route_kind("/ui/api/v1/files", ""), RouteKind::Other);
    }

    #[test]
    fn origins_parse_and_the_api_refuses_any() {
        assert_eq!(Origins::parse(&["*".into()]), Ok(Origins::Any));
        let named = Origins::parse(&["https://app.example/".into()]);
        assert_eq!(
            named,
            Ok(Origins::List(vec![HeaderValue::from_static(
                "https://app.example"
            )]))
        );
        assert!(Origins::parse(&["bad\norigin".into()]).is_err());
        assert!(CorsSettings::new(Origins::Any, Origins::Any).is_err());
    }
}
