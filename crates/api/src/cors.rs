//! CORS, per kind of route. Uploads and delivery answer browsers from the configured
//! origins (any, by default, as ImageKit does) without credentials: the upload carries
//! its own signature and delivery is public. The management API (`/v1/…`) takes the
//! private key, so it answers cross-origin requests only for origins named in the
//! settings, and then with credentials; by default it sends no CORS headers at all,
//! and browsers keep other sites' pages from reading its answers.

use std::sync::Arc;
use std::time::Duration;

use std::convert::Infallible;

use futures::FutureExt;
use http::header::VARY;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use tower::{Layer, ServiceExt};
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
    upload: CorsRule,
    delivery: CorsRule,
    api: Option<CorsRule>,
    mount: Arc<str>,
}

/// One kind of route's CORS layer, and — when its answer to a request that is not a
/// preflight cannot depend on the request (any origin allowed) — the headers it adds,
/// captured from the layer itself at start-up. Adding those directly cost a cache hit
/// about a tenth of its instructions less than running the layer (callgrind).
pub struct CorsRule {
    layer: CorsLayer,
    simple: Option<HeaderMap>,
}

impl CorsRule {
    fn new(layer: CorsLayer, origins: &Origins) -> Self {
        let simple = (*origins == Origins::Any)
            .then(|| added_headers(&layer))
            .flatten();
        Self { layer, simple }
    }

    pub fn layer(&self) -> &CorsLayer {
        &self.layer
    }

    /// The headers to add to the answer of this request, when they are known in advance.
    pub fn simple_headers(&self, method: &Method) -> Option<&HeaderMap> {
        self.simple.as_ref().filter(|_| method != Method::OPTIONS)
    }
}

/// What the layer adds to an empty answer of a plain GET.
fn added_headers(layer: &CorsLayer) -> Option<HeaderMap> {
    let inner =
        tower::service_fn(|_: http::Request<()>| async { Ok::<_, Infallible>(http::Response::new(())) });
    let request = http::Request::get("/").body(()).ok()?;
    let response = layer.layer(inner).oneshot(request).now_or_never()?.ok()?;
    Some(response.headers().clone())
}

/// Adds captured CORS headers as the layer would: `Vary` is appended to, others replaced.
pub fn add_headers(response: &mut HeaderMap, added: &HeaderMap) {
    for name in added.keys() {
        let mut values = added.get_all(name).iter();
        if name == VARY {
            if let Some(vary) = values.next() {
                response.append(VARY, vary.clone());
            }
            continue;
        }
        if let Some(first) = values.next() {
            response.insert(name.clone(), first.clone());
        }
        for value in values {
            response.append(name.clone(), value.clone());
        }
    }
}

const MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

impl CorsPolicy {
    pub fn new(settings: &CorsSettings, mount: Arc<str>) -> Self {
        let request_id = HeaderName::from_static("x-ik-requestid");
        let upload_layer = CorsLayer::new()
            .allow_origin(settings.public.allow())
            .allow_methods([Method::POST])
            .allow_headers(AllowHeaders::any())
            .expose_headers([request_id.clone()])
            .max_age(MAX_AGE);
        let delivery_layer = CorsLayer::new()
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
            Origins::List(list) if !list.is_empty() => Some(CorsRule::new(
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
                &settings.api,
            )),
            _ => None,
        };
        Self {
            upload: CorsRule::new(upload_layer, &settings.public),
            delivery: CorsRule::new(delivery_layer, &settings.public),
            api,
            mount,
        }
    }

    pub fn rule_for(&self, path: &str) -> Option<&CorsRule> {
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
    } else if matches!(trimmed, "/healthz" | "/readyz") || under(trimmed, "/v1") || under(trimmed, "/api") {
        RouteKind::Api
    } else if crate::ui::owns(path) {
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

    /// The captured headers must be exactly what the layer itself adds, for any request
    /// that is not a preflight and whatever the handler's answer already carries.
    #[test]
    fn captured_headers_equal_the_layers() {
        let policy = CorsPolicy::new(&CorsSettings::default(), "/media".into());
        for path in ["/media/a.jpg", "/api/v1/files/upload"] {
            let rule = policy.rule_for(path).expect("a public route has a rule");
            for origin in [None, Some("https://app.example")] {
                let answer = || {
                    let mut r = http::Response::new(());
                    r.headers_mut().insert(VARY, HeaderValue::from_static("Accept"));
                    r.headers_mut()
                        .insert("access-control-allow-origin", HeaderValue::from_static("x"));
                    r.headers_mut().insert("etag", HeaderValue::from_static("\"e\""));
                    r
                };
                let mut request = http::Request::get(path);
                if let Some(origin) = origin {
                    request = request.header("origin", origin);
                }
                let request = request.body(()).expect("a request");
                let inner =
                    tower::service_fn(|_: http::Request<()>| async move { Ok::<_, Infallible>(answer()) });
                let by_layer = rule.layer().layer(inner).oneshot(request).now_or_never();
                let by_layer = by_layer.and_then(Result::ok).map(|r| r.headers().clone());
                let mut direct = answer();
                let added = rule
                    .simple_headers(&Method::GET)
                    .expect("any origin: headers known");
                add_headers(direct.headers_mut(), added);
                assert_eq!(by_layer.as_ref(), Some(direct.headers()), "{path} {origin:?}");
            }
            assert!(
                rule.simple_headers(&Method::OPTIONS).is_none(),
                "preflights run the layer"
            );
        }
        let named = CorsSettings::new(
            Origins::List(vec![HeaderValue::from_static("https://app.example")]),
            Origins::List(vec![HeaderValue::from_static("https://admin.example")]),
        )
        .expect("valid settings");
        let policy = CorsPolicy::new(&named, "/media".into());
        for path in ["/media/a.jpg", "/v1/files"] {
            let rule = policy.rule_for(path).expect("a rule");
            assert!(
                rule.simple_headers(&Method::GET).is_none(),
                "named origins depend on the request"
            );
        }
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
