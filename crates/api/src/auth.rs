//! HTTP Basic with the private key as the user name; the password is ignored (curl sends
//! none, the new SDKs send `do_not_set`). Keys are compared in constant time.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use delivery::KeyRing;
use http::{HeaderMap, StatusCode, header::AUTHORIZATION};

use crate::error::ApiError;

/// The user name of a Basic `Authorization` header, if there is a well-formed one.
pub fn basic_user(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let user = text.split_once(':').map_or(text.as_str(), |(user, _)| user);
    (!user.is_empty()).then(|| user.to_owned())
}

/// The user name must be one of the account's private keys (the previous one too, during
/// a rotation's grace period).
pub fn require_private_key(headers: &HeaderMap, keys: &KeyRing) -> Result<(), ApiError> {
    let Some(user) = basic_user(headers) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Your request does not contain private API key.",
        ));
    };
    if keys.is_key(&user, chrono::Utc::now().timestamp()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Your account cannot be authenticated.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with_auth(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn password_is_ignored_and_errors_differ() {
        // private_key_test: and private_key_test:do_not_set, from the spec.
        assert!(
            require_private_key(
                &with_auth("Basic cHJpdmF0ZV9rZXlfdGVzdDo="),
                &KeyRing::new("private_key_test")
            )
            .is_ok()
        );
        assert!(
            require_private_key(
                &with_auth("Basic cHJpdmF0ZV9rZXlfdGVzdDpkb19ub3Rfc2V0"),
                &KeyRing::new("private_key_test")
            )
            .is_ok()
        );
        let wrong = require_private_key(
            &with_auth("Basic cHJpdmF0ZV9rZXlfdGVzdDo="),
            &KeyRing::new("private_other"),
        );
        assert_eq!(wrong.err().map(|e| e.status), Some(StatusCode::FORBIDDEN));
        let none = require_private_key(&HeaderMap::new(), &KeyRing::new("private_key_test"));
        assert_eq!(none.err().map(|e| e.status), Some(StatusCode::UNAUTHORIZED));
        let empty_user = require_private_key(&with_auth("Basic Og=="), &KeyRing::new("private_key_test"));
        assert_eq!(empty_user.err().map(|e| e.status), Some(StatusCode::UNAUTHORIZED));
        let garbage = require_private_key(&with_auth("Basic !!!"), &KeyRing::new("private_key_test"));
        assert_eq!(garbage.err().map(|e| e.status), Some(StatusCode::UNAUTHORIZED));
    }
}
