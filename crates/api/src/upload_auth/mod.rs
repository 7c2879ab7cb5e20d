//! Who may upload: Basic auth with the private key (server side), or client-side
//! credentials carried in the form — v1 `publicKey`/`token`/`expire`/`signature`
//! (spec §1.3) or a v2 HS256 JWT in `token` (spec §1.4). Never both.
//!
//! The checks themselves are pure (`v1`, `v2`, given the time) so they can be tested
//! alone; this module adds the single-use rule, which needs the metadata store.

mod v1;
mod v2;

use std::collections::HashMap;

use http::HeaderMap;
use subtle::ConstantTimeEq;

use crate::auth::{basic_user, require_private_key};
use crate::endpoint::UploadApi;
use crate::error::ApiError;
use crate::state::AppState;

/// A verified client-side token to be marked used: its store key and when the record
/// may be forgotten (Unix ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub key: String,
    pub expires_at_ms: i64,
}

/// The account's keys, as the checks need them.
pub struct Keys<'a> {
    pub private: &'a str,
    /// The key being rotated out, while its grace period lasts.
    pub previous: Option<&'a str>,
    pub public: &'a str,
}

impl Keys<'_> {
    /// Every private key a client may have signed with, the current one first.
    pub fn private_keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.private).chain(self.previous)
    }
}

/// Lets the upload through or says why not, once the form is read; an authenticated upload
/// is counted against the upload budget. `server_side` says
/// the request came with Basic auth, already checked by `require_basic` before the body
/// was read. A verified client token is claimed before the upload runs, so it stays used
/// even when the upload then fails.
pub async fn authorize(
    state: &AppState,
    api: UploadApi,
    headers: &HeaderMap,
    server_side: bool,
    fields: &HashMap<String, String>,
) -> Result<(), ApiError> {
    if server_side {
        refuse_client_fields(fields)?;
        return state.rate_limits.check_upload();
    }
    let client_fields: &[&str] = match api {
        UploadApi::V1 => &["publicKey", "token", "expire", "signature"],
        UploadApi::V2 => &["token"],
    };
    if !client_fields.iter().any(|name| fields.contains_key(*name)) {
        // No credentials of either kind: the server-side answer (401).
        return require_private_key(headers, &state.keys);
    }
    let now = chrono::Utc::now().timestamp();
    let mut accepted = state.keys.accepted(now);
    let keys = Keys {
        private: accepted.next().unwrap_or_default(),
        previous: accepted.next(),
        public: &state.public_key,
    };
    let claim = match api {
        UploadApi::V1 => v1::verify(fields, &keys, now)?,
        UploadApi::V2 => v2::verify(fields, &keys, now)?,
    };
    // Counted before the token is spent, so the SDK's retry after a 429 can reuse it.
    state.rate_limits.check_upload()?;
    let fresh = state
        .library
        .claim_upload_token(&claim.key, claim.expires_at_ms)
        .await?;
    if fresh { Ok(()) } else { Err(reused(api, fields)) }
}

/// A request with Basic auth is checked before its body is read, so a wrong key hears
/// 401/403 rather than whatever its body would have caused. `Ok(false)`: no Basic auth.
pub fn require_basic(state: &AppState, headers: &HeaderMap) -> Result<bool, ApiError> {
    if basic_user(headers).is_none() {
        return Ok(false);
    }
    require_private_key(headers, &state.keys).map(|()| true)
}

/// With Basic auth, client-side credentials in the form mean the private key is in a
/// place where the signature was expected: refused, as ImageKit does.
fn refuse_client_fields(fields: &HashMap<String, String>) -> Result<(), ApiError> {
    for name in ["signature", "token"] {
        if fields.get(name).is_some_and(|v| !v.is_empty()) {
            return Err(ApiError::bad_request(format!(
                "Your request contains both {name} and basic auth parameter. Use only one method, you might be exposing your private API key."
            )));
        }
    }
    Ok(())
}

fn reused(api: UploadApi, fields: &HashMap<String, String>) -> ApiError {
    match api {
        UploadApi::V1 => {
            let token = fields.get("token").map(String::as_str).unwrap_or_default();
            ApiError::bad_request(format!(
                "The token with value '{token}' has been used before. We suggest using V4 UUIDs, or another random string with enough entropy to avoid collisions."
            ))
        }
        UploadApi::V2 => ApiError::bad_request("Your request has invalid token. It has been used before."),
    }
}

/// A non-blank form field as sent (signatures cover the exact text), or the spec's
/// "missing" error for it.
fn required<'a>(fields: &'a HashMap<String, String>, name: &str) -> Result<&'a str, ApiError> {
    match fields.get(name) {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(ApiError::bad_request(format!(
            "Your request is missing {name} parameter."
        ))),
    }
}

/// The public key must name this account (constant time, like every key comparison).
fn require_public_key(given: &str, keys: &Keys) -> Result<(), ApiError> {
    if given.as_bytes().ct_eq(keys.public.as_bytes()).into() {
        Ok(())
    } else {
        Err(ApiError::new(
            http::StatusCode::FORBIDDEN,
            "Your account cannot be authenticated.",
        ))
    }
}

/// Longest token kept in the used-token table; real ones are UUIDs or JWTs of a few
/// hundred bytes.
const MAX_TOKEN_LEN: usize = 4096;
