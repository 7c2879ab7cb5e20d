//! Black-box: the web media library's own routes. Sign-in sets an HttpOnly session
//! cookie; `/ui/api/…` takes that cookie only with the CSRF header and from the same
//! origin; the public API never takes the cookie; sessions survive a restart; `/ui/sign`
//! signs URLs that delivery accepts for private files.

mod common;

use common::{PNG, Server, data_path, json_of, multipart, temp_dir};
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::json;

const UI: (&str, &str) = ("x-halftone-ui", "1");

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn sign_in(server: &Server, key: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = client()
        .post(server.url("/ui/session"))
        .header("content-type", "application/json")
        .body(json!({"privateKey": key}).to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sign-in request")
}

/// `name=value` of the session cookie set by a response.
fn session_cookie(headers: &HeaderMap) -> (String, String) {
    let set = headers
        .get(SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("a Set-Cookie header")
        .to_owned();
    let pair = set.split(';').next().expect("name=value").trim().to_owned();
    (pair, set)
}

async fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> u16 {
    let mut request = client().get(server.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request").status().as_u16()
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_refuses_a_wrong_key() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);

    let page = client().get(server.url("/ui")).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.headers().contains_key("referrer-policy"));

    let wrong = sign_in(&server, "private_wrong", &[UI]).await;
    assert_eq!(wrong.status().as_u16(), 403);
    assert!(!wrong.headers().contains_key(SET_COOKIE));
    let (_, body) = json_of(wrong).await;
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("private key")),
        "{body}"
    );

    let no_header = sign_in(&server, &server.private_key, &[]).await;
    assert_eq!(no_header.status().as_u16(), 403);
    let cross = sign_in(
        &server,
        &server.private_key,
        &[UI, ("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(cross.status().as_u16(), 403);

    let ok = sign_in(&server, &server.private_key, &[UI]).await;
    assert_eq!(ok.status().as_u16(), 204);
    let (pair, set) = session_cookie(ok.headers());
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/ui"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(
        !pair.contains(&server.private_key),
        "the cookie must not carry the key"
    );

    let out = client()
        .delete(server.url("/ui/session"))
        .header(UI.0, UI.1)
        .header("cookie", &pair)
        .send()
        .await
        .expect("sign-out");
    assert_eq!(out.status().as_u16(), 204);
    let (cleared, set) = session_cookie(out.headers());
    assert!(set.contains("Max-Age=0"), "{set}");
    assert!(cleared.ends_with('='), "{cleared}");
}

#[tokio::test]
async fn ui_api_needs_the_cookie_and_the_header_and_v1_never_takes_the_cookie() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let ok = sign_in(&server, &server.private_key, &[UI]).await;
    let (cookie, _) = session_cookie(ok.headers());
    let cookie = cookie.as_str();

    assert_eq!(
        get(&server, "/ui/api/v1/files", &[UI, ("cookie", cookie)]).await,
        200
    );
    assert_eq!(get(&server, "/ui/api/v1/files", &[("cookie", cookie)]).await, 403);
    assert_eq!(get(&server, "/ui/api/v1/files", &[UI]).await, 401);
    assert_eq!(get(&server, "/ui/session", &[UI]).await, 401);
    assert_eq!(get(&server, "/ui/session", &[UI, ("cookie", cookie)]).await, 200);
    let other_origin = [UI, ("cookie", cookie), ("origin", "http://127.0.0.2:1")];
    assert_eq!(get(&server, "/ui/api/v1/files", &other_origin).await, 403);
    let cross_site = [UI, ("cookie", cookie), ("sec-fetch-site", "cross-site")];
    assert_eq!(get(&server, "/ui/api/v1/files", &cross_site).await, 403);
    let tampered = cookie.replacen("=v1.1", "=v1.2", 1);
    assert_ne!(tampered, cookie);
    assert_eq!(
        get(&server, "/ui/api/v1/files", &[UI, ("cookie", &tampered)]).await,
        401
    );

    // The public API stays Basic-only: the cookie (even with the header) is not auth there.
    assert_eq!(get(&server, "/v1/files", &[UI, ("cookie", cookie)]).await, 401);
    let auth = server.auth();
    assert_eq!(get(&server, "/v1/files", &[("authorization", &auth)]).await, 200);
    // Only the private-key API is relayed: not delivery, not /ui itself.
    assert_eq!(
        get(&server, "/ui/api/media/a.png", &[UI, ("cookie", cookie)]).await,
        404
    );
    assert_eq!(
        get(&server, "/ui/api/ui/session", &[UI, ("cookie", cookie)]).await,
        404
    );

    let (content_type, body) = multipart(
        &[("fileName", "a.png"), ("folder", "/ui-test")],
        Some(("a.png", PNG)),
    );
    let upload = |extra: Option<(&'static str, &'static str)>| {
        let mut request = client()
            .post(server.url("/ui/api/api/v1/files/upload"))
            .header("content-type", content_type.clone())
            .header("cookie", cookie)
            .body(body.clone());
        if let Some((name, value)) = extra {
            request = request.header(name, value);
        }
        request.send()
    };
    assert_eq!(upload(None).await.expect("upload").status().as_u16(), 403);
    let (status, file) = json_of(upload(Some(UI)).await.expect("upload")).await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(
        file["filePath"].as_str().map(|p| p.starts_with("/ui-test/")),
        Some(true)
    );
}

#[tokio::test]
async fn sessions_survive_a_restart_and_end_with_a_new_key() {
    let dir = temp_dir();
    let key = [("HALFTONE_PRIVATE_KEY", "private_ui_restart")];
    let server = Server::start(&data_path(&dir), &key);
    let (cookie, _) = session_cookie(sign_in(&server, "private_ui_restart", &[UI]).await.headers());
    server.kill();

    let again = Server::start(&data_path(&dir), &key);
    assert_eq!(
        get(&again, "/ui/api/v1/files", &[UI, ("cookie", &cookie)]).await,
        200
    );
    again.kill();

    let rekeyed = Server::start(&data_path(&dir), &[("HALFTONE_PRIVATE_KEY", "private_ui_other")]);
    assert_eq!(
        get(&rekeyed, "/ui/api/v1/files", &[UI, ("cookie", &cookie)]).await,
        401
    );
}

#[tokio::test]
async fn sign_signs_urls_that_delivery_accepts_for_private_files() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let (cookie, _) = session_cookie(sign_in(&server, &server.private_key, &[UI]).await.headers());
    let (status, file) = common::upload(
        &server,
        &[
            ("fileName", "p.png"),
            ("isPrivateFile", "true"),
            ("useUniqueFileName", "false"),
        ],
        Some(("p.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{file}");
    let url = format!("{}/tr:w-1/p.png", server.endpoint);
    assert_eq!(
        client().get(&url).send().await.expect("get").status().as_u16(),
        401
    );

    let signing = |with_header: bool| {
        let mut request = client()
            .post(server.url("/ui/sign"))
            .header("cookie", &cookie)
            .header("content-type", "application/json")
            .body(json!({"urls": [url]}).to_string());
        if with_header {
            request = request.header(UI.0, UI.1);
        }
        request.send()
    };
    assert_eq!(signing(false).await.expect("sign").status().as_u16(), 403);
    let (status, answer) = json_of(signing(true).await.expect("sign")).await;
    assert_eq!(status, 200, "{answer}");
    let signed = answer["urls"][0].as_str().expect("a signed URL");
    assert!(signed.contains("ik-t=") && signed.contains("ik-s="), "{signed}");
    let delivered = client().get(signed).send().await.expect("get signed");
    assert_eq!(delivered.status().as_u16(), 200);

    let outside = client()
        .post(server.url("/ui/sign"))
        .header("cookie", &cookie)
        .header(UI.0, UI.1)
        .header("content-type", "application/json")
        .body(json!({"urls": ["https://elsewhere.example/p.png"]}).to_string())
        .send()
        .await
        .expect("sign");
    assert_eq!(outside.status().as_u16(), 400);
}

#[tokio::test]
async fn ui_is_reserved_when_delivery_is_at_the_root() {
    let dir = temp_dir();
    let server = Server::start(
        &data_path(&dir),
        &[("HALFTONE_URL_ENDPOINT", "http://cdn.example/")],
    );
    let (status, file) = common::upload(&server, &[("fileName", "root.png")], Some(("root.png", PNG))).await;
    assert_eq!(status, 200, "{file}");
    let path = file["filePath"].as_str().expect("a path");
    assert_eq!(get(&server, path, &[]).await, 200, "delivery at the root");

    let page = client().get(server.url("/ui/")).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(csp.contains("img-src 'self' blob: http://cdn.example;"), "{csp}");
    assert_eq!(get(&server, "/ui/static/js/app.js", &[]).await, 200);
    assert_eq!(get(&server, "/ui/static/nothing.js", &[]).await, 404);
    let (cookie, _) = session_cookie(sign_in(&server, &server.private_key, &[UI]).await.headers());
    assert_eq!(
        get(&server, "/ui/api/v1/files", &[UI, ("cookie", &cookie)]).await,
        200
    );
}
