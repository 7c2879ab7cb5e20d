//! `POST /ui/sign {"urls": [...]}`: signed delivery URLs (spec §1.5) for the page, which
//! has no key to sign with — thumbnails of private files and the playground's signed
//! option. Expiries are rounded up to the hour so a page shows the same URL, and the
//! browser's cached image, for a while.

use axum::Json;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::guard;
use crate::body::read_object;
use crate::error::ApiError;
use crate::state::AppState;

const MAX_URLS: usize = 1000;
const DEFAULT_EXPIRES_IN: i64 = 3600;
const MAX_EXPIRES_IN: i64 = 7 * 24 * 3600;
const ROUND: i64 = 3600;

pub async fn handle(state: &AppState, request: Request) -> Response {
    sign(state, request)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn sign(state: &AppState, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    guard::signed_in(state, &parts.headers)?;
    let body = read_object(&parts.headers, body).await?;
    let urls = body
        .get("urls")
        .and_then(Value::as_array)
        .filter(|u| u.len() <= MAX_URLS)
        .ok_or_else(|| ApiError::bad_request(format!("urls must be an array of at most {MAX_URLS} URLs.")))?;
    let expires_in = match body.get("expiresIn") {
        None | Some(Value::Null) => DEFAULT_EXPIRES_IN,
        Some(v) => v
            .as_i64()
            .filter(|s| (1..=MAX_EXPIRES_IN).contains(s))
            .ok_or_else(|| {
                ApiError::bad_request(format!("expiresIn must be 1 to {MAX_EXPIRES_IN} seconds."))
            })?,
    };
    let expiry = (guard::now() + expires_in).div_euclid(ROUND) * ROUND + ROUND;
    let signed = urls
        .iter()
        .map(|u| {
            let url = u
                .as_str()
                .ok_or_else(|| ApiError::bad_request("urls must be strings."))?;
            signed_url(&state.url_endpoint, state.keys.current(), url, expiry)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({"urls": signed, "expiresAt": expiry})).into_response())
}

/// `url` with `ik-t` and `ik-s` appended, as the SDKs build them.
fn signed_url(url_endpoint: &str, private_key: &str, url: &str, expiry: i64) -> Result<String, ApiError> {
    let relative = url
        .strip_prefix(url_endpoint)
        .and_then(|r| r.strip_prefix('/'))
        .ok_or_else(|| {
            ApiError::bad_request(format!("{url} is not under the URL endpoint {url_endpoint}."))
        })?;
    let query = relative.split_once('?').map(|(_, q)| q).unwrap_or_default();
    if query
        .split('&')
        .any(|p| p.starts_with("ik-s=") || p.starts_with("ik-t="))
    {
        return Err(ApiError::bad_request(format!("{url} is signed already.")));
    }
    let signature = delivery::sign(&format!("{relative}{expiry}"), private_key);
    let joiner = if relative.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{joiner}ik-t={expiry}&ik-s={signature}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use delivery::{Signature, check_signature};

    #[test]
    fn signed_urls_pass_delivery_verification() {
        let endpoint = "http://127.0.0.1:8080/media";
        for url in [
            "http://127.0.0.1:8080/media/a/b.png",
            "http://127.0.0.1:8080/media/tr:w-100/a%20b.png",
            "http://127.0.0.1:8080/media/a.png?tr=w-10",
        ] {
            let signed = signed_url(endpoint, "k", url, 5000).expect("signs");
            let relative = &signed[endpoint.len()..];
            assert_eq!(check_signature(relative, "k", 4000), Signature::Valid, "{signed}");
            assert_eq!(
                check_signature(relative, "k", 6000),
                Signature::Expired,
                "{signed}"
            );
            assert_eq!(
                check_signature(relative, "other", 4000),
                Signature::Invalid,
                "{signed}"
            );
        }
        assert!(signed_url(endpoint, "k", "http://elsewhere/media/a.png", 1).is_err());
        assert!(signed_url(endpoint, "k", "http://127.0.0.1:8080/mediax/a.png", 1).is_err());
        assert!(signed_url(endpoint, "k", "http://127.0.0.1:8080/media/a.png?ik-s=00", 1).is_err());
    }
}
