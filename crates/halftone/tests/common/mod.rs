//! Starts the real `halftone` binary on a free port with a temp data dir, and small
//! helpers to talk to it (a hand-built multipart body, Basic auth).

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub base: String,
    pub endpoint: String,
    pub private_key: String,
    pub public_key: String,
}

impl Server {
    pub fn start(data_dir: &Path, env: &[(&str, &str)]) -> Server {
        Self::start_with_stderr(data_dir, env, Stdio::inherit())
    }

    /// As `start`, with the server's log going to `stderr` (e.g. a file a test reads).
    pub fn start_with_stderr(data_dir: &Path, env: &[(&str, &str)], stderr: Stdio) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_halftone"));
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(stderr);
        for (name, _) in std::env::vars() {
            if name.starts_with("HALFTONE_") {
                command.env_remove(name);
            }
        }
        for (name, value) in mode_env(data_dir) {
            command.env(name, value);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("spawn halftone");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut field = |label: &str| -> String {
            let line = lines.next().expect("a line").expect("utf-8");
            let at = line
                .find(label)
                .unwrap_or_else(|| panic!("{label} missing in {line}"));
            line[at + label.len()..].trim().to_owned()
        };
        let base = field("listening on ");
        let endpoint = field("URL endpoint:");
        let private_key = field("Private key:");
        let public_key = field("Public key:");
        Server {
            child,
            base,
            endpoint,
            private_key,
            public_key,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn auth(&self) -> String {
        use base64::Engine;
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:", self.private_key));
        format!("Basic {token}")
    }

    /// Kills the process at once, like a crash.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The settings `HALFTONE_TEST_MODE` asks for (as tests/sdk/python/halftone_server.py):
/// `s3` puts the blobs under a prefix of the test bucket of its own, `distributed` also gives
/// the server a PostgreSQL database of its own. The name is kept in the data dir, so a
/// restart on the same data dir finds the same stores.
pub fn mode_env(data_dir: &Path) -> Vec<(String, String)> {
    let mode = std::env::var("HALFTONE_TEST_MODE").unwrap_or_default();
    if mode.is_empty() || mode == "embedded" {
        return Vec::new();
    }
    assert!(
        mode == "s3" || mode == "distributed",
        "HALFTONE_TEST_MODE={mode}: use embedded, s3 or distributed"
    );
    let endpoint = std::env::var("HALFTONE_TEST_S3_ENDPOINT")
        .expect("HALFTONE_TEST_MODE needs HALFTONE_TEST_S3_ENDPOINT (scripts/services start)");
    let name = store_name(data_dir);
    let bucket = std::env::var("HALFTONE_TEST_S3_BUCKET").unwrap_or_else(|_| "halftone-test".into());
    let mut env = vec![
        ("HALFTONE_STORE".to_owned(), format!("s3://{bucket}/{name}")),
        ("HALFTONE_S3_ENDPOINT".to_owned(), endpoint),
    ];
    if mode == "distributed" {
        let pg = std::env::var("HALFTONE_TEST_PG_URL")
            .expect("HALFTONE_TEST_MODE=distributed needs HALFTONE_TEST_PG_URL (scripts/services start)");
        let mut url = url::Url::parse(&pg).expect("HALFTONE_TEST_PG_URL is a URL");
        url.set_path(&name);
        env.push(("HALFTONE_DATABASE_URL".to_owned(), url.to_string()));
    }
    env
}

fn store_name(data_dir: &Path) -> String {
    let file = data_dir.join("test-store-name");
    if let Ok(name) = std::fs::read_to_string(&file) {
        return name.trim().to_owned();
    }
    let name = random_name();
    std::fs::create_dir_all(data_dir).expect("data dir");
    std::fs::write(&file, &name).expect("store name file");
    name
}

/// The S3 server of the tests (`scripts/services`), or `None` with a notice when it is not
/// configured; with `HALFTONE_REQUIRE_SERVICES=1` (CI) its absence fails the test.
pub struct S3Target {
    pub endpoint: String,
    pub bucket: String,
}

impl S3Target {
    pub fn from_env() -> Option<S3Target> {
        let Some(endpoint) = std::env::var("HALFTONE_TEST_S3_ENDPOINT")
            .ok()
            .filter(|e| !e.is_empty())
        else {
            assert!(
                std::env::var("HALFTONE_REQUIRE_SERVICES").as_deref() != Ok("1"),
                "HALFTONE_REQUIRE_SERVICES=1 but HALFTONE_TEST_S3_ENDPOINT is unset"
            );
            eprintln!(
                "HALFTONE_TEST_S3_ENDPOINT is unset: S3 test skipped (eval \"$(scripts/services start)\")"
            );
            return None;
        };
        let bucket = std::env::var("HALFTONE_TEST_S3_BUCKET").unwrap_or_else(|_| "halftone-test".into());
        Some(S3Target { endpoint, bucket })
    }
}

/// `t_<16 hex>`, for S3 prefixes and database names.
pub fn random_name() -> String {
    format!("t_{:016x}", rand::random::<u64>())
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn data_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("data")
}

/// A multipart body of text fields and an optional binary `file` part.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "halftoneTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(
    server: &Server,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> (u16, serde_json::Value) {
    let (content_type, body) = multipart(fields, file);
    let response = reqwest::Client::new()
        .post(server.url("/api/v1/files/upload"))
        .header("authorization", server.auth())
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload request");
    json_of(response).await
}

pub async fn json_of(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    (status, value)
}

/// A 2x2 RGB PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00,
    0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10,
    0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14, 0xd4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];
