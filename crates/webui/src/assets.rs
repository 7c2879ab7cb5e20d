//! The page's files, compiled into the binary. Each has its content type and a strong
//! ETag (a digest of its bytes), so browsers revalidate cheaply and never run a stale
//! script after an upgrade.

use std::collections::HashMap;
use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub struct Asset {
    pub body: &'static [u8],
    pub content_type: String,
    pub etag: String,
}

macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../assets/", $name)))),*]
    };
}

/// Every file under `assets/`; a test checks that none is missing.
const FILES: &[(&str, &[u8])] = files![
    "index.html",
    "style.css",
    "icon.svg",
    "js/app.js",
    "js/api.js",
    "js/dom.js",
    "js/dialogs.js",
    "js/signin.js",
    "js/browse.js",
    "js/actions.js",
    "js/details.js",
    "js/upload.js",
    "js/playground.js",
    "js/transform.js",
];

static TABLE: LazyLock<HashMap<&'static str, Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(name, body)| {
            let content_type =
                mime_guess::from_path(name)
                    .first_raw()
                    .map_or("application/octet-stream".to_owned(), |m| match m {
                        "text/html" | "text/css" | "text/javascript" | "application/javascript" => {
                            format!("{m}; charset=utf-8")
                        }
                        other => other.to_owned(),
                    });
            let digest = Sha256::digest(body);
            let etag = format!("\"{}\"", hex::encode(&digest[..12]));
            (
                name,
                Asset {
                    body,
                    content_type,
                    etag,
                },
            )
        })
        .collect()
});

/// The file at `name` (relative to `assets/`, e.g. `js/app.js`).
pub fn asset(name: &str) -> Option<&'static Asset> {
    TABLE.get(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("assets dir is readable") {
            let path = entry.expect("a dir entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let relative = path.strip_prefix(base).expect("under assets");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_file_under_assets_is_embedded() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let mut found = Vec::new();
        walk(&base, &base, &mut found);
        for name in &found {
            assert!(asset(name).is_some(), "{name} is not in FILES");
        }
        assert_eq!(found.len(), FILES.len(), "FILES names a file that is not there");
    }

    #[test]
    fn types_and_etags() {
        let page = asset("index.html").expect("the page");
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert!(
            asset("js/app.js")
                .expect("app")
                .content_type
                .contains("javascript")
        );
        assert_eq!(asset("icon.svg").expect("icon").content_type, "image/svg+xml");
        assert_ne!(page.etag, asset("style.css").expect("css").etag);
        assert!(asset("../Cargo.toml").is_none());
    }
}
