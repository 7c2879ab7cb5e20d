//! Normalisation of delivery URLs into cache keys, shared by delivery (which fills the
//! cache) and purge (which empties it), so both see the same string for the same URL.
//!
//! A key is the part of the URL after the URL endpoint: the path, percent-decoded where
//! that yields UTF-8, then the query without the signature parameters `ik-s` and `ik-t`.

use percent_encoding::percent_decode_str;

/// What a purge request removes: one exact key or every key starting with a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgePattern {
    Exact(String),
    Prefix(String),
    /// Every delivery made from the file at this path, whatever its URL.
    File(String),
}

impl PurgePattern {
    /// Builds the pattern from an endpoint-relative URL, where a trailing `*` means prefix.
    pub fn from_relative(relative: &str) -> Self {
        match relative.strip_suffix('*') {
            Some(prefix) => PurgePattern::Prefix(cache_key(prefix)),
            None => PurgePattern::Exact(cache_key(relative)),
        }
    }

    /// The pattern as two strings, for the purge log (`kind`, `value`).
    pub fn to_parts(&self) -> (&'static str, &str) {
        match self {
            PurgePattern::Exact(k) => ("exact", k),
            PurgePattern::Prefix(p) => ("prefix", p),
            PurgePattern::File(path) => ("file", path),
        }
    }

    /// The inverse of `to_parts`; `None` for a kind this build does not know.
    pub fn from_parts(kind: &str, value: &str) -> Option<Self> {
        let value = value.to_owned();
        match kind {
            "exact" => Some(PurgePattern::Exact(value)),
            "prefix" => Some(PurgePattern::Prefix(value)),
            "file" => Some(PurgePattern::File(value)),
            _ => None,
        }
    }

    /// Whether an entry with this key, made from `file_path`, is purged.
    pub fn matches_entry(&self, key: &str, file_path: &str) -> bool {
        match self {
            PurgePattern::Exact(k) => k == key,
            PurgePattern::Prefix(p) => key.starts_with(p.as_str()),
            PurgePattern::File(path) => path == file_path,
        }
    }
}

/// The cache key of an endpoint-relative path with optional query (`/a/b.jpg?tr=w-10`).
pub fn cache_key(path_and_query: &str) -> String {
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_and_query, None),
    };
    let mut key = match percent_decode_str(path).decode_utf8() {
        Ok(decoded) => decoded.into_owned(),
        Err(_) => path.to_owned(),
    };
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or_default();
                !pair.is_empty() && name != "ik-s" && name != "ik-t"
            })
            .collect();
        if !kept.is_empty() {
            key.push('?');
            key.push_str(&kept.join("&"));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_signature_and_decode_path() {
        assert_eq!(cache_key("/a/b.jpg"), "/a/b.jpg");
        assert_eq!(cache_key("/a/%E0%A4%B9.png?ik-s=abc"), "/a/\u{939}.png");
        assert_eq!(cache_key("/a.jpg?tr=w-10&ik-t=1&ik-s=2"), "/a.jpg?tr=w-10");
        assert_eq!(cache_key("/a.jpg?"), "/a.jpg");
        assert_eq!(cache_key("/bad%FF.jpg"), "/bad%FF.jpg");
    }

    #[test]
    fn patterns_match_exact_or_prefix() {
        let exact = PurgePattern::from_relative("/a/b.jpg");
        assert!(exact.matches_entry("/a/b.jpg", ""));
        assert!(!exact.matches_entry("/a/b.jpg?tr=w-1", ""));
        let prefix = PurgePattern::from_relative("/a/b*");
        assert!(prefix.matches_entry("/a/bc.jpg", ""));
        assert!(prefix.matches_entry("/a/b.jpg?tr=w-1", ""));
        assert!(!prefix.matches_entry("/a/c.jpg", ""));
    }

    #[test]
    fn patterns_round_trip_through_parts() {
        for pattern in [
            PurgePattern::Exact("/a.jpg".into()),
            PurgePattern::Prefix("/a/b".into()),
            PurgePattern::File("/x/y.png".into()),
        ] {
            let (kind, value) = pattern.to_parts();
            assert_eq!(PurgePattern::from_parts(kind, value), Some(pattern.clone()));
        }
        assert_eq!(PurgePattern::from_parts("regex", ".*"), None);
    }
}
