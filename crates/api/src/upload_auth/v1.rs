//! Upload API v1 client credentials: `signature` is the lowercase hex
//! HMAC-SHA1(private key, token + expire), `expire` Unix seconds less than an hour ahead.

use std::collections::HashMap;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

use super::{Claim, Keys, MAX_TOKEN_LEN, require_public_key, required};
use crate::error::ApiError;

/// How far ahead `expire` may be (spec §1.3).
const MAX_AHEAD_SECS: i64 = 3600;

const BAD_EXPIRE: &str = "Your request contains invalid expire parameter. Expire parameter should be a Unix time in less than 1 hour into the future.";

/// Checks the four fields at `now` (Unix seconds); the claim names the token.
pub fn verify(fields: &HashMap<String, String>, keys: &Keys, now: i64) -> Result<Claim, ApiError> {
    let given: Vec<&str> = ["publicKey", "token", "expire", "signature"]
        .iter()
        .map(|name| required(fields, name))
        .collect::<Result<_, _>>()?;
    let [public_key, token, expire, signature] = given[..] else {
        return Err(ApiError::internal());
    };
    require_public_key(public_key, keys)?;
    if token.len() > MAX_TOKEN_LEN {
        return Err(ApiError::bad_request(
            "Your request contains invalid token parameter.",
        ));
    }
    let expire_secs = check_expire(expire, now)?;
    let signed_by_account = keys.private_keys().fold(false, |found, key| {
        let expected = signature_hex(key, token, expire);
        found | bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
    });
    if !signed_by_account {
        return Err(ApiError::bad_request(
            "Your request contains invalid signature parameter.",
        ));
    }
    Ok(Claim {
        key: format!("v1:{token}"),
        expires_at_ms: expire_secs.saturating_mul(1000),
    })
}

fn check_expire(expire: &str, now: i64) -> Result<i64, ApiError> {
    match expire.parse::<i64>() {
        Ok(at) if at > now && at - now <= MAX_AHEAD_SECS => Ok(at),
        _ => Err(ApiError::bad_request(BAD_EXPIRE)),
    }
}

/// What the SDK helpers compute: the message is `token` and `expire` as sent, joined.
pub fn signature_hex(private_key: &str, token: &str, expire: &str) -> String {
    // HMAC accepts keys of any length, so this never falls back in practice.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) else {
        return String::new();
    };
    mac.update(token.as_bytes());
    mac.update(expire.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    const KEYS: Keys = Keys {
        private: "private_key_test",
        previous: None,
        public: "public_key_test",
    };
    const NOW: i64 = 1_700_000_000 - 1800;

    fn form(token: &str, expire: &str, signature: &str) -> HashMap<String, String> {
        [
            ("publicKey", "public_key_test"),
            ("token", token),
            ("expire", expire),
            ("signature", signature),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn refusal(fields: &HashMap<String, String>, now: i64) -> (StatusCode, String) {
        match verify(fields, &KEYS, now) {
            Ok(claim) => panic!("accepted: {claim:?}"),
            Err(e) => (e.status, e.message),
        }
    }

    #[test]
    fn spec_test_vector() {
        assert_eq!(
            signature_hex("private_key_test", "abc", "1700000000"),
            "0549b960719cf724b60a91754e9a61e5dbfb33e9"
        );
    }

    #[test]
    fn a_good_signature_is_claimed_until_expiry() {
        let fields = form("abc", "1700000000", "0549b960719cf724b60a91754e9a61e5dbfb33e9");
        let claim = verify(&fields, &KEYS, NOW).ok();
        assert_eq!(
            claim,
            Some(Claim {
                key: "v1:abc".into(),
                expires_at_ms: 1_700_000_000_000
            })
        );
    }

    #[test]
    fn every_rule_refuses_with_the_spec_text() {
        let good = "0549b960719cf724b60a91754e9a61e5dbfb33e9";
        let bad_sig = refusal(&form("abc", "1700000000", &good.to_uppercase()), NOW);
        assert_eq!(bad_sig.0, StatusCode::BAD_REQUEST);
        assert!(bad_sig.1.contains("invalid signature"), "{}", bad_sig.1);
        let other_token = refusal(&form("abd", "1700000000", good), NOW);
        assert!(other_token.1.contains("invalid signature"));
        for now in [1_700_000_000, 1_700_000_001, 1_700_000_000 - 3601] {
            let (status, message) = refusal(&form("abc", "1700000000", good), now);
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert!(message.contains("invalid expire parameter"), "{message}");
        }
        assert!(
            refusal(&form("abc", "soon", good), NOW)
                .1
                .contains("invalid expire")
        );
        let mut wrong_key = form("abc", "1700000000", good);
        wrong_key.insert("publicKey".into(), "public_other".into());
        assert_eq!(refusal(&wrong_key, NOW).0, StatusCode::FORBIDDEN);
        for missing in ["publicKey", "token", "expire", "signature"] {
            let mut fields = form("abc", "1700000000", good);
            fields.remove(missing);
            let (status, message) = refusal(&fields, NOW);
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(message, format!("Your request is missing {missing} parameter."));
        }
    }

    #[test]
    fn the_previous_key_signs_during_a_rotation() {
        let fields = form("abc", "1700000000", "0549b960719cf724b60a91754e9a61e5dbfb33e9");
        let rotated = Keys {
            private: "private_new",
            previous: Some("private_key_test"),
            public: "public_key_test",
        };
        assert!(verify(&fields, &rotated, NOW).is_ok());
        let done = Keys {
            previous: None,
            ..rotated
        };
        assert!(verify(&fields, &done, NOW).is_err());
    }

    #[test]
    fn exactly_one_hour_ahead_is_still_accepted() {
        let expire = (NOW + 3600).to_string();
        let fields = form("t", &expire, &signature_hex(KEYS.private, "t", &expire));
        assert!(verify(&fields, &KEYS, NOW).is_ok());
    }
}
