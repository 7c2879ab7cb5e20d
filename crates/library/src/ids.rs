//! Ids in ImageKit's shape: 24 lowercase hex characters (like a Mongo ObjectId): four bytes
//! of seconds, five random bytes and a three-byte counter, so ids sort roughly by time.

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn new_id() -> String {
    let secs = u32::try_from(chrono::Utc::now().timestamp()).unwrap_or(u32::MAX);
    let random: [u8; 5] = rand::random();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed).to_be_bytes();
    let mut bytes = Vec::with_capacity(12);
    bytes.extend_from_slice(&secs.to_be_bytes());
    bytes.extend_from_slice(&random);
    bytes.extend_from_slice(&count[1..]);
    hex::encode(bytes)
}

/// Whether `id` has the shape of an id this server hands out.
pub fn is_valid_id(id: &str) -> bool {
    id.len() == 24 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_24_lower_hex_and_distinct() {
        let a = new_id();
        let b = new_id();
        assert!(is_valid_id(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_valid_id("ABCDEF0123456789abcdef01"));
        assert!(!is_valid_id("../../etc/passwd"));
        assert!(!is_valid_id(&"a".repeat(25)));
    }
}
