//! Black-box: rotating the private key. During the grace period the previous key still
//! works for Basic auth, upload signatures (v1 and v2) and signed delivery URLs, while the
//! server prints and signs with the new one; after `HALFTONE_PREVIOUS_KEY_UNTIL` only the
//! new key works. Also: keys never reach the log, and `halftone config` masks them.

mod common;

use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{PNG, Server, data_path, json_of, multipart, temp_dir, upload};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};

const NEW: &str = "private_rotation_new_4b1d9e";
const OLD: &str = "private_rotation_old_77c0aa";
const PUBLIC: &str = "public_rotation_4b1d9e";

/// The binary with none of the caller's `HALFTONE_*` settings.
fn halftone() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_halftone"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HALFTONE_") {
            command.env_remove(name);
        }
    }
    command
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn basic(key: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{key}:")))
}

fn hmac_hex<M: Mac + KeyInit>(key: &str, text: &str) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(key.as_bytes()).expect("hmac key");
    mac.update(text.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sign_v1(key: &str, token: &str, expire: i64) -> String {
    hex::encode(hmac_hex::<Hmac<sha1::Sha1>>(key, &format!("{token}{expire}")))
}

fn sign_v2(key: &str, payload: &Value) -> String {
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": PUBLIC});
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let mac = hmac_hex::<Hmac<sha2::Sha256>>(key, &signed);
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(mac))
}

fn signed_delivery(server: &Server, path: &str, key: &str) -> String {
    let signature = hex::encode(hmac_hex::<Hmac<sha1::Sha1>>(
        key,
        &format!("{}9999999999", path.trim_start_matches('/')),
    ));
    format!("{}{path}?ik-s={signature}", server.endpoint)
}

async fn list_status(server: &Server, key: &str) -> u16 {
    reqwest::Client::new()
        .get(server.url("/v1/files"))
        .header("authorization", basic(key))
        .send()
        .await
        .expect("list")
        .status()
        .as_u16()
}

async fn client_upload(server: &Server, api: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    let (content_type, body) = multipart(fields, Some(("r.png", PNG)));
    let response = reqwest::Client::new()
        .post(server.url(&format!("/api/{api}/files/upload")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload");
    json_of(response).await
}

async fn v1_upload(server: &Server, key: &str, token: &str) -> u16 {
    let expire = now() + 600;
    let expire_text = expire.to_string();
    let signature = sign_v1(key, token, expire);
    let fields = [
        ("fileName", "v1.png"),
        ("publicKey", PUBLIC),
        ("token", token),
        ("expire", expire_text.as_str()),
        ("signature", signature.as_str()),
    ];
    client_upload(server, "v1", &fields).await.0
}

async fn v2_upload(server: &Server, key: &str) -> u16 {
    let payload = json!({"fileName": "v2.png", "iat": now(), "exp": now() + 600});
    let token = sign_v2(key, &payload);
    client_upload(server, "v2", &[("fileName", "v2.png"), ("token", &token)])
        .await
        .0
}

async fn get_status(url: &str) -> u16 {
    reqwest::get(url).await.expect("get").status().as_u16()
}

fn env(until: &str) -> Vec<(&'static str, String)> {
    vec![
        ("HALFTONE_PRIVATE_KEY", NEW.to_owned()),
        ("HALFTONE_PUBLIC_KEY", PUBLIC.to_owned()),
        ("HALFTONE_PREVIOUS_PRIVATE_KEY", OLD.to_owned()),
        ("HALFTONE_PREVIOUS_KEY_UNTIL", until.to_owned()),
    ]
}

fn borrowed<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn the_previous_key_works_until_its_deadline_and_never_reaches_the_log() {
    let dir = temp_dir();
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let grace = env("2999-01-01T00:00:00Z");
    let mut during = borrowed(&grace);
    during.push(("RUST_LOG", "trace"));
    let server = Server::start_with_stderr(&data_path(&dir), &during, Stdio::from(log));
    assert_eq!(server.private_key, NEW, "the banner shows the current key");

    assert_eq!(list_status(&server, NEW).await, 200);
    assert_eq!(list_status(&server, OLD).await, 200);
    assert_eq!(list_status(&server, "private_rotation_other").await, 403);
    assert_eq!(v1_upload(&server, OLD, "rotation-v1-a").await, 200);
    assert_eq!(v2_upload(&server, OLD).await, 200);
    let (status, private) = upload(
        &server,
        &[
            ("fileName", "secret.png"),
            ("useUniqueFileName", "false"),
            ("isPrivateFile", "true"),
        ],
        Some(("secret.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{private}");
    assert_eq!(get_status(&format!("{}/secret.png", server.endpoint)).await, 401);
    assert_eq!(
        get_status(&signed_delivery(&server, "/secret.png", OLD)).await,
        200
    );
    assert_eq!(
        get_status(&signed_delivery(&server, "/secret.png", NEW)).await,
        200
    );
    drop(server);

    let text = std::fs::read_to_string(&log_path).expect("log");
    assert!(text.contains("request"), "the trace log was written: {text:.300}");
    for secret in [NEW, OLD] {
        assert!(!text.contains(secret), "a key is in the log");
        assert!(
            !text.contains(&basic(secret)[6..]),
            "a Basic credential is in the log"
        );
    }

    let after = env("2000-01-01T00:00:00Z");
    let server = Server::start(&data_path(&dir), &borrowed(&after));
    assert_eq!(list_status(&server, NEW).await, 200);
    assert_eq!(list_status(&server, OLD).await, 403);
    assert_eq!(v1_upload(&server, OLD, "rotation-v1-b").await, 400);
    assert_eq!(v1_upload(&server, NEW, "rotation-v1-c").await, 200);
    assert_eq!(v2_upload(&server, OLD).await, 400);
    assert_eq!(
        get_status(&signed_delivery(&server, "/secret.png", OLD)).await,
        401
    );
    assert_eq!(
        get_status(&signed_delivery(&server, "/secret.png", NEW)).await,
        200
    );
}

#[test]
fn halftone_config_masks_both_private_keys() {
    let dir = temp_dir();
    let output = halftone()
        .arg("config")
        .current_dir(dir.path())
        .env("HALFTONE_PRIVATE_KEY", NEW)
        .env("HALFTONE_PREVIOUS_PRIVATE_KEY", OLD)
        .env("HALFTONE_PREVIOUS_KEY_UNTIL", "2999-01-01T00:00:00Z")
        .env("HALFTONE_RATE_LIMIT_REQUESTS", "7")
        .env("HALFTONE_RATE_LIMIT_INTERVAL", "250ms")
        .output()
        .expect("halftone config");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    for secret in [NEW, OLD] {
        assert!(!text.contains(secret), "{text}");
        assert!(
            !text.contains(&secret[..secret.len() / 2]),
            "too much of a key shows: {text}"
        );
    }
    assert!(text.contains("previous_private_key = \"private_"), "{text}");
    assert!(
        text.contains("previous_key_until = \"2999-01-01T00:00:00Z\""),
        "{text}"
    );
    assert!(text.contains("rate_limit_requests = 7"), "{text}");
    assert!(text.contains("rate_limit_interval = \"250ms\""), "{text}");
}

#[test]
fn a_malformed_deadline_stops_the_server_with_a_clear_error() {
    let dir = temp_dir();
    let output = halftone()
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_path(&dir))
        .env("HALFTONE_PREVIOUS_PRIVATE_KEY", OLD)
        .env("HALFTONE_PREVIOUS_KEY_UNTIL", "next tuesday")
        .output()
        .expect("halftone serve");
    assert!(!output.status.success());
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(text.to_lowercase().contains("previous_key_until"), "{text}");
    assert!(!text.contains(OLD), "the error shows the key: {text}");
}
