//! Black-box: client-side uploads without Basic auth (v1 signature, v2 JWT), their
//! single-use tokens across a restart, and the CORS answers a browser needs.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{PNG, Server, data_path, json_of, multipart, temp_dir};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

fn sign_v1(private_key: &str, token: &str, expire: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(private_key.as_bytes()).expect("hmac key");
    mac.update(format!("{token}{expire}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn sign_v2(private_key: &str, public_key: &str, payload: &Value) -> String {
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": public_key});
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(private_key.as_bytes()).expect("hmac key");
    mac.update(signed.as_bytes());
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

/// An upload without Basic auth.
async fn client_upload(server: &Server, version: &str, fields: &[(&str, &str)], file: bool) -> (u16, Value) {
    let (content_type, body) = multipart(fields, file.then_some(("a.png", PNG)));
    let response = reqwest::Client::new()
        .post(server.url(&format!("/api/{version}/files/upload")))
        .header("content-type", content_type)
        .header("origin", "https://app.example")
        .body(body)
        .send()
        .await
        .expect("upload request");
    json_of(response).await
}

async fn v1(server: &Server, token: &str, expire: i64, signature: &str, public_key: &str) -> (u16, Value) {
    let expire = expire.to_string();
    let fields = [
        ("fileName", "client.png"),
        ("folder", "/client"),
        ("publicKey", public_key),
        ("token", token),
        ("expire", expire.as_str()),
        ("signature", signature),
    ];
    client_upload(server, "v1", &fields, true).await
}

fn message(body: &Value) -> &str {
    body["message"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn v1_signed_uploads_are_checked_and_single_use_across_a_restart() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let (private, public) = (server.private_key.clone(), server.public_key.clone());
    let expire = now() + 1800;
    let good = |token: &str| sign_v1(&private, token, &expire.to_string());

    let (status, body) = v1(&server, "tok-1", expire, &good("tok-1"), &public).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["filePath"].as_str().map(|p| p.starts_with("/client/")),
        Some(true)
    );
    let (status, body) = v1(&server, "tok-1", expire, &good("tok-1"), &public).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("has been used before"), "{body}");

    for (label, at) in [("expired", now() - 5), ("too far ahead", now() + 3700)] {
        let signature = sign_v1(&private, "tok-2", &at.to_string());
        let (status, body) = v1(&server, "tok-2", at, &signature, &public).await;
        assert_eq!(status, 400, "{label}: {body}");
        assert!(
            message(&body).contains("invalid expire parameter"),
            "{label}: {body}"
        );
    }
    let (status, body) = v1(&server, "tok-3", expire, &good("other"), &public).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        message(&body),
        "Your request contains invalid signature parameter."
    );
    let (status, body) = v1(&server, "tok-4", expire, &good("tok-4"), "public_someone_else").await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = client_upload(&server, "v1", &[("fileName", "x.png")], true).await;
    assert_eq!(status, 401, "no credentials at all: {body}");
    let exp = expire.to_string();
    let partial = [
        ("fileName", "x.png"),
        ("publicKey", public.as_str()),
        ("expire", exp.as_str()),
    ];
    let (status, body) = client_upload(&server, "v1", &partial, true).await;
    assert_eq!(
        (status, message(&body)),
        (400, "Your request is missing token parameter.")
    );

    // A verified token is spent even when the upload itself then fails (no file here).
    let failed = [
        ("fileName", "x.png"),
        ("publicKey", public.as_str()),
        ("token", "tok-5"),
        ("expire", exp.as_str()),
        ("signature", &good("tok-5")),
    ];
    let (status, body) = client_upload(&server, "v1", &failed, false).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = v1(&server, "tok-5", expire, &good("tok-5"), &public).await;
    assert!(message(&body).contains("used before"), "{status} {body}");

    // Basic auth and a signature together are refused.
    let (content_type, bytes) = multipart(&failed, Some(("a.png", PNG)));
    let response = reqwest::Client::new()
        .post(server.url("/api/v1/files/upload"))
        .header("authorization", server.auth())
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(message(&body).contains("both signature and basic auth"), "{body}");

    server.kill();
    let restarted = Server::start(&data_path(&dir), &[]);
    let (status, body) = v1(&restarted, "tok-1", expire, &good("tok-1"), &public).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("used before"), "{body}");
    let (status, body) = v1(&restarted, "tok-6", expire, &good("tok-6"), &public).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn v2_jwt_uploads_match_the_form_and_are_single_use() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let payload = json!({
        "fileName": "jwt.png", "folder": "/jwt", "useUniqueFileName": "false",
        "iat": now(), "exp": now() + 600,
    });
    let token = sign_v2(&server.private_key, &server.public_key, &payload);
    let fields = [
        ("fileName", "jwt.png"),
        ("folder", "/jwt"),
        ("useUniqueFileName", "false"),
        ("token", token.as_str()),
    ];
    let (status, body) = client_upload(&server, "v2", &fields, true).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["filePath"], "/jwt/jwt.png");
    let (status, body) = client_upload(&server, "v2", &fields, true).await;
    assert_eq!(status, 400, "{body}");

    let changed = [
        ("fileName", "other.png"),
        ("folder", "/jwt"),
        ("useUniqueFileName", "false"),
        ("token", token.as_str()),
    ];
    let (status, body) = client_upload(&server, "v2", &changed, true).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("invalid payload"), "{body}");
    let forged = sign_v2("private_wrong", &server.public_key, &payload);
    let forged_fields = [
        ("fileName", "jwt.png"),
        ("folder", "/jwt"),
        ("useUniqueFileName", "false"),
        ("token", forged.as_str()),
    ];
    let (status, body) = client_upload(&server, "v2", &forged_fields, true).await;
    assert_eq!((status, message(&body)), (400, "Your request has invalid token."));

    // Basic auth and a token together are refused.
    let (content_type, bytes) = multipart(&fields, Some(("a.png", PNG)));
    let response = reqwest::Client::new()
        .post(server.url("/api/v2/files/upload"))
        .header("authorization", server.auth())
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let (status, body) = json_of(response).await;
    assert_eq!(status, 400);
    assert!(message(&body).contains("both token and basic auth"), "{body}");
}

async fn preflight(server: &Server, path: &str, method: &str) -> reqwest::Response {
    reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, server.url(path))
        .header("origin", "https://app.example")
        .header("access-control-request-method", method)
        .header("access-control-request-headers", "authorization, content-type")
        .send()
        .await
        .expect("preflight")
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn cors_is_open_for_uploads_and_delivery_and_closed_for_the_management_api() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    for (path, method) in [
        ("/api/v1/files/upload", "POST"),
        ("/api/v2/files/upload", "POST"),
        ("/media/a/b.png", "GET"),
    ] {
        let response = preflight(&server, path, method).await;
        assert!(response.status().is_success(), "{path}: {}", response.status());
        assert_eq!(
            header(&response, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        let methods = header(&response, "access-control-allow-methods").unwrap_or_default();
        assert!(methods.contains(method), "{path}: {methods}");
    }
    // An upload's error reaches the page too.
    let (_, body) = multipart(&[("fileName", "x.png")], None);
    let refused = reqwest::Client::new()
        .post(server.url("/api/v1/files/upload"))
        .header("origin", "https://app.example")
        .body(body)
        .send()
        .await
        .expect("upload");
    assert_eq!(header(&refused, "access-control-allow-origin"), Some("*"));

    let api = preflight(&server, "/v1/files", "GET").await;
    assert_eq!(header(&api, "access-control-allow-origin"), None);
    assert_eq!(header(&api, "access-control-allow-credentials"), None);
    let listed = reqwest::Client::new()
        .get(server.url("/v1/files"))
        .header("origin", "https://app.example")
        .header("authorization", server.auth())
        .send()
        .await
        .expect("list");
    assert_eq!(listed.status().as_u16(), 200);
    assert_eq!(header(&listed, "access-control-allow-origin"), None);
    assert_eq!(header(&listed, "access-control-allow-credentials"), None);
}

#[tokio::test]
async fn configured_origins_narrow_uploads_and_open_the_management_api() {
    let dir = temp_dir();
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_CORS_ORIGINS", "https://app.example"),
            ("HALFTONE_CORS_API_ORIGINS", "https://admin.example"),
        ],
    );
    let upload = preflight(&server, "/api/v1/files/upload", "POST").await;
    assert_eq!(
        header(&upload, "access-control-allow-origin"),
        Some("https://app.example")
    );
    let api = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, server.url("/v1/files"))
        .header("origin", "https://admin.example")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .expect("preflight");
    assert_eq!(
        header(&api, "access-control-allow-origin"),
        Some("https://admin.example")
    );
    assert_eq!(header(&api, "access-control-allow-credentials"), Some("true"));
    let stranger = preflight(&server, "/v1/files", "GET").await;
    assert_eq!(header(&stranger, "access-control-allow-origin"), None);
}
