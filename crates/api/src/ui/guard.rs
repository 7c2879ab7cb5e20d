//! What every call from the page must carry: the `X-Halftone-UI` header (a cross-site
//! form or image cannot send it, and a cross-site script cannot without a CORS preflight
//! that `/ui` never grants), no cross-site `Origin` or `Sec-Fetch-Site`, and — past
//! sign-in — a valid session cookie.

use http::{HeaderMap, StatusCode, header};

use crate::error::ApiError;
use crate::state::AppState;

pub const UI_HEADER: &str = "x-halftone-ui";

pub fn same_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    if headers.get(UI_HEADER).and_then(|v| v.to_str().ok()) != Some("1") {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Media library calls must carry the header X-Halftone-UI: 1.",
        ));
    }
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| !matches!(s, "same-origin" | "none")) || !origin_matches_host(headers) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Cross-site requests to the media library are refused.",
        ));
    }
    Ok(())
}

/// No `Origin`, or one whose host and port are this request's host: `X-Forwarded-Host`
/// from a reverse proxy that rewrites `Host`, else `Host`. The scheme is not compared:
/// behind a TLS proxy the server itself hears plain HTTP. (A cross-site page cannot set
/// `X-Forwarded-Host` either: like `X-Halftone-UI`, it would need a preflight.)
fn origin_matches_host(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let forwarded = headers
        .get("x-forwarded-host")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim);
    let host = forwarded.or_else(|| headers.get(header::HOST).and_then(|v| v.to_str().ok()));
    let authority = origin
        .to_str()
        .ok()
        .and_then(|o| url::Url::parse(o).ok())
        .and_then(|u| u.host_str().map(|h| (h.to_owned(), u.port())));
    match (authority, host) {
        (Some((name, port)), Some(host)) => {
            let origin_host = port.map_or(name.clone(), |p| format!("{name}:{p}"));
            origin_host.eq_ignore_ascii_case(host)
        }
        _ => false,
    }
}

/// The session cookie's value, if the request has one.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A same-origin call from a signed-in page.
pub fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<i64, ApiError> {
    same_origin(headers)?;
    let name = webui::cookie_name(&state.public_key);
    let token = cookie(headers, &name)
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "Sign in to the media library first."))?;
    webui::verify(token, state.keys.current(), now()).map_err(|_| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Your media library session has ended; sign in again.",
        )
    })
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_header_is_required_and_origins_must_match() {
        let host = ("host", "127.0.0.1:8080");
        let ui = (UI_HEADER, "1");
        assert!(same_origin(&headers(&[host, ui])).is_ok());
        assert!(same_origin(&headers(&[host, ui, ("origin", "http://127.0.0.1:8080")])).is_ok());
        assert!(same_origin(&headers(&[host, ui, ("sec-fetch-site", "same-origin")])).is_ok());
        assert!(same_origin(&headers(&[host])).is_err());
        assert!(same_origin(&headers(&[host, (UI_HEADER, "0")])).is_err());
        assert!(same_origin(&headers(&[host, ui, ("origin", "http://127.0.0.1:9090")])).is_err());
        assert!(same_origin(&headers(&[host, ui, ("origin", "https://evil.example")])).is_err());
        assert!(same_origin(&headers(&[host, ui, ("origin", "null")])).is_err());
        assert!(same_origin(&headers(&[host, ui, ("sec-fetch-site", "cross-site")])).is_err());
        assert!(same_origin(&headers(&[host, ui, ("sec-fetch-site", "same-site")])).is_err());
        let proxied = [
            host,
            ui,
            ("x-forwarded-host", "media.example"),
            ("origin", "https://media.example"),
        ];
        assert!(same_origin(&headers(&proxied)).is_ok());
    }

    #[test]
    fn cookies_are_found_by_name() {
        let h = headers(&[("cookie", "a=1; halftone_ui_x=tok"), ("cookie", "b=2")]);
        assert_eq!(cookie(&h, "halftone_ui_x"), Some("tok"));
        assert_eq!(cookie(&h, "b"), Some("2"));
        assert_eq!(cookie(&h, "halftone_ui"), None);
    }
}
