//! The account's private keys: the current one, which signs everything the server hands
//! out, and during a rotation the previous one, still accepted until its grace period ends
//! (Basic auth, upload signatures, signed delivery URLs). Kept here, below both the HTTP
//! layer and delivery, because both check what clients signed with it.

use std::fmt;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Clone)]
pub struct KeyRing {
    current: Arc<str>,
    previous: Option<Previous>,
}

#[derive(Clone)]
struct Previous {
    key: Arc<str>,
    /// Unix seconds after which the key stops working; `None`: until it is removed.
    until: Option<i64>,
}

impl KeyRing {
    pub fn new(current: &str) -> Self {
        Self {
            current: current.into(),
            previous: None,
        }
    }

    /// Accepts `key` as well, until Unix time `until` when given. A blank key, or one equal
    /// to the current key, adds nothing.
    pub fn with_previous(mut self, key: &str, until: Option<i64>) -> Self {
        if !key.is_empty() && key != &*self.current {
            self.previous = Some(Previous {
                key: key.into(),
                until,
            });
        }
        self
    }

    /// The key the server signs and prints with.
    pub fn current(&self) -> &str {
        &self.current
    }

    /// Every key a client may have signed with at Unix time `now`, the current one first.
    pub fn accepted(&self, now: i64) -> impl Iterator<Item = &str> {
        let previous = self
            .previous
            .as_ref()
            .filter(|p| p.until.is_none_or(|until| now <= until))
            .map(|p| &*p.key);
        std::iter::once(&*self.current).chain(previous)
    }

    /// Whether `candidate` is one of the accepted keys. Every key is compared, each as a
    /// digest, so neither which key matched nor the keys' lengths show in the time taken.
    pub fn is_key(&self, candidate: &str, now: i64) -> bool {
        let given = Sha256::digest(candidate.as_bytes());
        self.accepted(now).fold(false, |found, key| {
            let matches: bool = Sha256::digest(key.as_bytes()).ct_eq(&given).into();
            found | matches
        })
    }
}

impl From<&str> for KeyRing {
    fn from(current: &str) -> Self {
        Self::new(current)
    }
}

/// Never prints a key: a `KeyRing` sits inside states that are logged with `{:?}`.
impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("current", &"<secret>")
            .field("previous", &self.previous.as_ref().map(|p| p.until))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_key_works_until_its_deadline() {
        let ring = KeyRing::new("private_new").with_previous("private_old", Some(100));
        assert!(ring.is_key("private_new", 50) && ring.is_key("private_old", 50));
        assert!(ring.is_key("private_old", 100));
        assert!(!ring.is_key("private_old", 101));
        assert!(ring.is_key("private_new", 101));
        assert!(!ring.is_key("private_ne", 50) && !ring.is_key("", 50));
        assert_eq!(ring.current(), "private_new");
        assert_eq!(ring.accepted(101).count(), 1);
    }

    #[test]
    fn without_a_deadline_the_previous_key_stays_and_debug_hides_keys() {
        let ring = KeyRing::new("private_new").with_previous("private_old", None);
        assert!(ring.is_key("private_old", i64::MAX));
        let shown = format!("{ring:?}");
        assert!(!shown.contains("private_"), "{shown}");
        let same = KeyRing::new("k").with_previous("k", None);
        assert_eq!(same.accepted(0).count(), 1);
    }
}
