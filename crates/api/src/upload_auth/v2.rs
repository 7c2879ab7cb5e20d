//! Upload API v2 client credentials: an HS256 JWT in `token` whose header `kid` is the
//! public key and whose payload holds every other form field (as strings) plus `iat`
//! and `exp`, at most an hour apart.
//!
//! Written on `hmac`/`sha2`/`base64` rather than a JWT crate: only HS256 is ever valid
//! here, and the payload must be compared field by field with the form, which needs
//! the raw claims anyway; a JWT crate would add a crypto backend for nothing more.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::Sha256;

use super::{Claim, Keys, MAX_TOKEN_LEN, require_public_key, required};
use crate::error::ApiError;

/// Longest life a token may have (spec §1.4: `exp - iat` ≤ 3600).
const MAX_LIFE_SECS: i64 = 3600;

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
}

fn invalid() -> ApiError {
    ApiError::bad_request("Your request has invalid token.")
}

/// Checks the JWT at `now` (Unix seconds) against the form; the claim names the token.
pub fn verify(fields: &HashMap<String, String>, keys: &Keys, now: i64) -> Result<Claim, ApiError> {
    let token = required(fields, "token")?;
    if token.len() > MAX_TOKEN_LEN {
        return Err(invalid());
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let header: Header = decode_json(header)?;
    if header.alg != "HS256" {
        return Err(invalid());
    }
    require_public_key(header.kid.as_deref().ok_or_else(invalid)?, keys)?;
    let signed = &token[..token.len() - signature.len() - 1];
    let signed_by_account = keys.private_keys().fold(false, |found, key| {
        found | check_signature(key, signed, signature).is_ok()
    });
    if !signed_by_account {
        return Err(invalid());
    }
    let claims: Map<String, Value> = decode_json(payload)?;
    let exp = check_times(&claims, now)?;
    check_payload(&claims, fields)?;
    Ok(Claim {
        // The signature alone names the token: it is the MAC of everything else.
        key: format!("v2:{signature}"),
        expires_at_ms: exp.saturating_mul(1000),
    })
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, ApiError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| invalid())?;
    serde_json::from_slice(&bytes).map_err(|_| invalid())
}

/// HS256 over `header.payload`, compared in constant time by `verify_slice`.
fn check_signature(private_key: &str, signed: &str, signature: &str) -> Result<(), ApiError> {
    let given = URL_SAFE_NO_PAD.decode(signature).map_err(|_| invalid())?;
    let mut mac = Hmac::<Sha256>::new_from_slice(private_key.as_bytes()).map_err(|_| invalid())?;
    mac.update(signed.as_bytes());
    mac.verify_slice(&given).map_err(|_| invalid())
}

/// `iat` and `exp` are integers at most an hour apart; `exp` is in the future but not
/// more than an hour ahead, so a future `iat` cannot stretch a token's life.
fn check_times(claims: &Map<String, Value>, now: i64) -> Result<i64, ApiError> {
    let time = |name: &str| claims.get(name).and_then(Value::as_i64).ok_or_else(invalid);
    let (iat, exp) = (time("iat")?, time("exp")?);
    if exp < iat || exp - iat > MAX_LIFE_SECS || exp - now > MAX_LIFE_SECS {
        return Err(invalid());
    }
    if exp <= now {
        return Err(ApiError::bad_request("Your request contains expired token."));
    }
    Ok(exp)
}

/// The form's fields other than `token` (and the file, which is not a field) must be
/// exactly the payload's fields other than `iat`/`exp`, with the same values.
fn check_payload(claims: &Map<String, Value>, fields: &HashMap<String, String>) -> Result<(), ApiError> {
    let mismatch = || {
        ApiError::bad_request(
            "Your request contains invalid payload. It does not match with the payload used to generate token.",
        )
    };
    let signed: Vec<(&String, &Value)> = claims
        .iter()
        .filter(|(k, _)| *k != "iat" && *k != "exp")
        .collect();
    let sent = fields.keys().filter(|k| *k != "token").count();
    if signed.len() != sent {
        return Err(mismatch());
    }
    for (name, value) in signed {
        let Some(form_value) = fields.get(name) else {
            return Err(mismatch());
        };
        // Values are strings on the wire; a signer that wrote `true` or `5` meant the same.
        let same = match value {
            Value::String(s) => s == form_value,
            Value::Bool(_) | Value::Number(_) => form_value.as_str() == value.to_string().as_str(),
            _ => false,
        };
        if !same {
            return Err(mismatch());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;
    use serde_json::json;

    const KEYS: Keys = Keys {
        private: "private_key_test",
        previous: None,
        public: "public_key_test",
    };
    const NOW: i64 = 1_700_000_000;

    fn sign(header: &Value, payload: &Value, key: &str) -> String {
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let signed = format!("{}.{}", encode(header), encode(payload));
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).ok();
        mac.iter_mut().for_each(|m| m.update(signed.as_bytes()));
        let tag = mac
            .map(|m| m.finalize().into_bytes().to_vec())
            .unwrap_or_default();
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(tag))
    }

    fn header() -> Value {
        json!({"alg": "HS256", "typ": "JWT", "kid": "public_key_test"})
    }

    fn payload() -> Value {
        json!({"fileName": "a.jpg", "useUniqueFileName": "false", "iat": NOW - 10, "exp": NOW + 600})
    }

    fn form(token: String) -> HashMap<String, String> {
        [("fileName", "a.jpg"), ("useUniqueFileName", "false")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .chain([("token".to_owned(), token)])
            .collect()
    }

    fn refusal(fields: &HashMap<String, String>) -> (StatusCode, String) {
        match verify(fields, &KEYS, NOW) {
            Ok(claim) => panic!("accepted: {claim:?}"),
            Err(e) => (e.status, e.message),
        }
    }

    #[test]
    fn a_matching_token_is_claimed_until_exp() {
        let token = sign(&header(), &payload(), KEYS.private);
        let signature = token.rsplit('.').next().unwrap_or_default().to_owned();
        let claim = verify(&form(token), &KEYS, NOW).ok();
        assert_eq!(
            claim,
            Some(Claim {
                key: format!("v2:{signature}"),
                expires_at_ms: (NOW + 600) * 1000
            })
        );
    }

    #[test]
    fn forged_expired_long_lived_and_foreign_tokens_are_refused() {
        let invalid = "Your request has invalid token.";
        assert_eq!(
            refusal(&form(sign(&header(), &payload(), "private_other"))).1,
            invalid
        );
        let mut tampered = form(sign(&header(), &payload(), KEYS.private));
        tampered.insert("token".into(), tampered["token"].replacen('.', "x.", 1));
        assert_eq!(refusal(&tampered).1, invalid);
        let none_alg = json!({"alg": "none", "kid": "public_key_test"});
        assert_eq!(
            refusal(&form(sign(&none_alg, &payload(), KEYS.private))).1,
            invalid
        );
        let mut expired = payload();
        expired["iat"] = json!(NOW - 100);
        expired["exp"] = json!(NOW - 1);
        let (status, message) = refusal(&form(sign(&header(), &expired, KEYS.private)));
        assert_eq!(
            (status, message.as_str()),
            (StatusCode::BAD_REQUEST, "Your request contains expired token.")
        );
        let mut long = payload();
        long["exp"] = json!(NOW - 10 + 3601);
        assert_eq!(refusal(&form(sign(&header(), &long, KEYS.private))).1, invalid);
        let mut future = payload();
        future["iat"] = json!(NOW + 86_400);
        future["exp"] = json!(NOW + 86_400 + 60);
        assert_eq!(refusal(&form(sign(&header(), &future, KEYS.private))).1, invalid);
        let foreign = json!({"alg": "HS256", "kid": "public_other"});
        assert_eq!(
            refusal(&form(sign(&foreign, &payload(), KEYS.private))).0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(refusal(&form("a.b".into())).1, invalid);
        let missing = refusal(&HashMap::new());
        assert_eq!(missing.1, "Your request is missing token parameter.");
    }

    #[test]
    fn the_form_must_equal_the_payload() {
        let token = sign(&header(), &payload(), KEYS.private);
        let mut changed = form(token.clone());
        changed.insert("fileName".into(), "b.jpg".into());
        assert!(refusal(&changed).1.contains("invalid payload"));
        let mut extra = form(token.clone());
        extra.insert("folder".into(), "/x".into());
        assert!(refusal(&extra).1.contains("invalid payload"));
        let mut fewer = form(token);
        fewer.remove("useUniqueFileName");
        assert!(refusal(&fewer).1.contains("invalid payload"));
    }
}
