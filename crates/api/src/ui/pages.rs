//! The page and its files, and the headers every `/ui` answer carries: a strict CSP
//! (scripts and styles from this origin only, no inline code; images also from the
//! delivery origin), no framing, no MIME sniffing, no referrer to other sites.

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};

use crate::error::ApiError;
use crate::state::AppState;

pub fn index(state: &AppState, headers: &HeaderMap) -> Response {
    let mut response = file("index.html", headers);
    let csp = policy(&state.url_endpoint);
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// A file under `assets/`, revalidated by ETag on every load.
pub fn file(name: &str, headers: &HeaderMap) -> Response {
    let Some(asset) = webui::asset(name) else {
        return ApiError::not_found().into_response();
    };
    let etag = HeaderValue::from_str(&asset.etag).ok();
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == asset.etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(asset.body))
    };
    let h = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&asset.content_type) {
        h.insert(header::CONTENT_TYPE, value);
    }
    if let Some(etag) = etag {
        h.insert(header::ETAG, etag);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Images may come from the delivery origin when the URL endpoint names another host.
fn policy(url_endpoint: &str) -> String {
    let delivery = url::Url::parse(url_endpoint)
        .ok()
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:{delivery}; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
}

pub fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_delivery_origin_for_images_only() {
        let p = policy("https://cdn.example/media");
        assert!(p.contains("img-src 'self' blob: https://cdn.example;"), "{p}");
        assert!(p.contains("script-src 'self';"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe"));
    }
}
