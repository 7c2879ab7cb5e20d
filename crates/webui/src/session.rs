//! The session token: `v1.<expiry>.<random id>.<mac>`, where the MAC is HMAC-SHA256 keyed
//! with the private key. Nothing is stored on the server, so a session works on every
//! instance and across restarts, and changing the private key ends every session. The
//! random id makes two sessions issued in the same second differ.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

const VERSION: &str = "v1";
/// Separates these MACs from every other use of the private key (upload and URL signatures).
const CONTEXT: &str = "halftone-ui-session";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionError {
    Malformed,
    BadSignature,
    Expired,
}

/// A new token valid until Unix time `expires_at`.
pub fn issue(private_key: &str, expires_at: i64) -> String {
    let id = hex::encode(rand::random::<[u8; 16]>());
    let payload = format!("{VERSION}.{expires_at}.{id}");
    let tag = hex::encode(mac(private_key, &payload).finalize().into_bytes());
    format!("{payload}.{tag}")
}

/// Checks a token at Unix time `now`; returns its expiry.
pub fn verify(token: &str, private_key: &str, now: i64) -> Result<i64, SessionError> {
    let (payload, tag) = token.rsplit_once('.').ok_or(SessionError::Malformed)?;
    let mut parts = payload.split('.');
    let (Some(VERSION), Some(expiry), Some(id), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(SessionError::Malformed);
    };
    let expires_at: i64 = expiry.parse().map_err(|_| SessionError::Malformed)?;
    if id.is_empty() {
        return Err(SessionError::Malformed);
    }
    let tag = hex::decode(tag).map_err(|_| SessionError::Malformed)?;
    mac(private_key, payload)
        .verify_slice(&tag)
        .map_err(|_| SessionError::BadSignature)?;
    if expires_at < now {
        return Err(SessionError::Expired);
    }
    Ok(expires_at)
}

/// The cookie's name, distinct per account: browsers share cookies between ports of one
/// host, so two servers on `localhost` would otherwise sign each other out.
pub fn cookie_name(public_key: &str) -> String {
    let digest = Sha256::digest(public_key.as_bytes());
    format!("halftone_ui_{}", hex::encode(&digest[..4]))
}

fn mac(private_key: &str, payload: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(private_key.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(CONTEXT.as_bytes());
    mac.update(b"\0");
    mac.update(payload.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "private_key_test";

    #[test]
    fn a_fresh_token_verifies_until_it_expires() {
        let token = issue(KEY, 1000);
        assert_eq!(verify(&token, KEY, 999), Ok(1000));
        assert_eq!(verify(&token, KEY, 1000), Ok(1000));
        assert_eq!(verify(&token, KEY, 1001), Err(SessionError::Expired));
        assert_ne!(issue(KEY, 1000), token, "each session has its own id");
    }

    #[test]
    fn another_key_refuses_it() {
        let token = issue(KEY, 1000);
        assert_eq!(
            verify(&token, "private_other", 0),
            Err(SessionError::BadSignature)
        );
    }

    #[test]
    fn tampering_is_refused() {
        let token = issue(KEY, 1000);
        let later = token.replacen(".1000.", ".9999.", 1);
        assert_eq!(verify(&later, KEY, 0), Err(SessionError::BadSignature));
        let mut flipped = token.clone();
        let last = flipped.pop().map(|c| if c == '0' { '1' } else { '0' });
        flipped.extend(last);
        assert_eq!(verify(&flipped, KEY, 0), Err(SessionError::BadSignature));
        let (payload, _) = token.rsplit_once('.').expect("a tag");
        let other_id = format!("v1.1000.{}", "0".repeat(32));
        let tag = token.rsplit_once('.').map(|(_, t)| t).unwrap_or_default();
        assert_eq!(
            verify(&format!("{other_id}.{tag}"), KEY, 0),
            Err(SessionError::BadSignature)
        );
        assert_eq!(verify(payload, KEY, 0), Err(SessionError::Malformed));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for token in [
            "",
            "v1",
            "v1.1000.id",
            "v2.1000.id.00",
            "v1.soon.id.00",
            "v1.1000..00",
            "v1.1.a.b.00",
            "v1.1000.id.zz",
        ] {
            assert_eq!(verify(token, KEY, 0), Err(SessionError::Malformed), "{token:?}");
        }
    }

    #[test]
    fn cookie_names_differ_per_account() {
        assert_eq!(cookie_name("public_a"), cookie_name("public_a"));
        assert_ne!(cookie_name("public_a"), cookie_name("public_b"));
        assert!(cookie_name("public_a").starts_with("halftone_ui_"));
    }
}
