//! Signed delivery URLs (`ik-s`, `ik-t`), verified exactly as the SDKs compute them: the
//! URL after the endpoint and its `/`, without the signature parameters, plus the expiry
//! (`9999999999` when none), HMAC-SHA1 with the private key, lowercase hex.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

use crate::KeyRing;

/// The expiry the SDKs sign when a URL never expires.
const NEVER: &str = "9999999999";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// No `ik-s` parameter.
    Absent,
    Valid,
    Invalid,
    Expired,
}

/// Checks the signature of `relative` (path and query after the URL endpoint, starting with
/// `/`, as received) at Unix time `now`.
pub fn check(relative: &str, private_key: &str, now: i64) -> Signature {
    let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
    let mut signature = None;
    let mut expiry = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        if let Some(v) = pair.strip_prefix("ik-s=") {
            signature = Some(v);
        } else if let Some(v) = pair.strip_prefix("ik-t=") {
            expiry = Some(v);
        } else {
            kept.push(pair);
        }
    }
    let Some(signature) = signature else {
        return Signature::Absent;
    };
    let mut unsigned = path.trim_start_matches('/').to_owned();
    if !kept.is_empty() {
        unsigned.push('?');
        unsigned.push_str(&kept.join("&"));
    }
    let expiry_text = expiry.unwrap_or(NEVER);
    let expected = sign(&format!("{unsigned}{expiry_text}"), private_key);
    if !bool::from(expected.as_bytes().ct_eq(signature.as_bytes())) {
        return Signature::Invalid;
    }
    match expiry.map(str::parse::<i64>) {
        None => Signature::Valid,
        Some(Ok(at)) if at >= now => Signature::Valid,
        Some(Ok(_)) => Signature::Expired,
        Some(Err(_)) => Signature::Invalid,
    }
}

/// `check` with each key the account accepts at `now`: a URL signed with the previous
/// key still works during a rotation.
pub fn check_with(relative: &str, keys: &KeyRing, now: i64) -> Signature {
    let mut outcome = Signature::Invalid;
    for key in keys.accepted(now) {
        outcome = check(relative, key, now);
        if outcome != Signature::Invalid {
            break;
        }
    }
    outcome
}

/// Lowercase hex HMAC-SHA1 of `text` keyed with the private key.
pub fn sign(text: &str, private_key: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()) else {
        return String::new();
    };
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors from the spec (§1.5): key `dummy-key`, endpoint `https://ik.imagekit.io/demo/`.
    #[test]
    fn sdk_vectors_verify() {
        let cases = [
            (
                "/sdk-testing-files/future-search.png?ik-s=32dbbbfc5f945c0403c71b54c38e76896ef2d6b0",
                true,
            ),
            (
                "/sdk-testing-files/future-search.png?version=1.0&cache=false&ik-s=f2e5a1b8b6a0b03fd63789dfc6413a94acef9fd8",
                true,
            ),
            (
                "/sdk-testing-files/future-search.png?version=2.0&tr=w-300,h-200&ik-s=601d97a7834b7554f4dabf0d3fc3a219ceeb6b31",
                true,
            ),
            (
                "/tr:l-text,ie-4KS54KS%2F4KSo4KWN4KSm4KWA,co-red,fs-32,ff-sdk-testing-files@@Poppins-Regular_Q15GrYWmL.ttf,l-end/sdk-testing-files/%E0%A4%B9%E0%A4%BF%E0%A4%A8%E0%A5%8D%E0%A4%A6%E0%A5%80.png?ik-s=69f2ecbb7364bbbad24616e1f7f1bac5a560fc71",
                true,
            ),
            (
                "/sdk-testing-files/future-search.png?ik-s=32dbbbfc5f945c0403c71b54c38e76896ef2d6b1",
                false,
            ),
            (
                "/sdk-testing-files/future-searcH.png?ik-s=32dbbbfc5f945c0403c71b54c38e76896ef2d6b0",
                false,
            ),
        ];
        for (url, valid) in cases {
            let expected = if valid {
                Signature::Valid
            } else {
                Signature::Invalid
            };
            assert_eq!(check(url, "dummy-key", 0), expected, "{url}");
        }
        assert_eq!(check("/a.png", "dummy-key", 0), Signature::Absent);
    }

    #[test]
    fn the_previous_key_signs_until_its_deadline() {
        let sig = sign("a.png9999999999", "private_old");
        let url = format!("/a.png?ik-s={sig}");
        let ring = KeyRing::new("private_new").with_previous("private_old", Some(100));
        assert_eq!(check_with(&url, &ring, 100), Signature::Valid);
        assert_eq!(check_with(&url, &ring, 101), Signature::Invalid);
        assert_eq!(check_with("/a.png", &ring, 0), Signature::Absent);
    }

    #[test]
    fn expiry_is_signed_and_enforced() {
        let sig = sign("a.png?tr=w-1100", "k");
        let url = format!("/a.png?tr=w-1&ik-t=100&ik-s={sig}");
        assert_eq!(check(&url, "k", 50), Signature::Valid);
        assert_eq!(check(&url, "k", 101), Signature::Expired);
        assert_eq!(
            check(&url.replace("ik-t=100", "ik-t=200"), "k", 50),
            Signature::Invalid
        );
    }
}
