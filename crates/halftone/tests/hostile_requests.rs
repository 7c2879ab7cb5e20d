//! Black-box: replays the hostile-request corpus (tests/corpus/requests.json, written by
//! tests/corpus/make_requests.py) against the real binary. For every case: the answer is
//! the expected class, never a 5xx; a 4xx is a JSON object with a `message`; afterwards the
//! server still delivers a known file byte for byte, and the library is exactly as before
//! (or, for cases that may store a file, changed only by files at clean paths).
//!
//! Requests go out through hyper's connection API, not reqwest: a URL type would tidy
//! `..` and percent-escapes away before the server ever saw them.

mod common;

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{PNG, Server, data_path, multipart, temp_dir, upload};
use hmac::{Hmac, KeyInit, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use sha1::Sha1;

const CORPUS: &str = include_str!("corpus/requests.json");

struct Answer {
    status: u16,
    body: Vec<u8>,
}

/// One request on a fresh connection, sent exactly as written. A server refusing a large
/// body may close the connection while the body is still going out; the client then
/// sometimes loses the answer, so the request is sent again (a few times at most).
async fn send(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Answer {
    let mut last = String::new();
    for _ in 0..5 {
        match send_once(server, method, path, headers, body.clone()).await {
            Ok(answer) => return answer,
            Err(e) => last = e,
        }
    }
    panic!("{method} {path:.200}: no answer: {last}");
}

async fn send_once(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Answer, String> {
    let authority = server.base.trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&authority).await.expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", &authority);
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let request = request
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| format!("not a request: {e}"))?;
    let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.map_err(|e| e.to_string())?;
    Ok(Answer {
        status,
        body: body.to_bytes().to_vec(),
    })
}

/// What the placeholders of a case stand for.
struct Context<'a> {
    server: &'a Server,
    file_id: String,
    version_id: String,
    expire: String,
}

impl Context<'_> {
    fn fill(&self, text: &str) -> String {
        let mut out = text
            .replace("{fileId}", &self.file_id)
            .replace("{versionId}", &self.version_id)
            .replace("{publicKey}", &self.server.public_key)
            .replace("{expire}", &self.expire);
        while let Some(at) = out.find("{v1sig:") {
            let Some(end) = out[at..].find('}') else { break };
            let token = out[at + 7..at + end].to_owned();
            let signature = sign_v1(&self.server.private_key, &token, &self.expire);
            out.replace_range(at..at + end + 1, &signature);
        }
        out
    }

    fn fill_json(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.fill(s)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.fill_json(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (self.fill(k), self.fill_json(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The case's body and the content type it implies.
    fn body(&self, spec: &Value) -> (Option<String>, Vec<u8>) {
        if let Some(json) = spec.get("json") {
            let text = serde_json::to_vec(&self.fill_json(json)).expect("json");
            return (Some("application/json".into()), text);
        }
        if let Some(text) = spec.get("text").and_then(Value::as_str) {
            return (None, self.fill(text).into_bytes());
        }
        if let Some(encoded) = spec.get("base64").and_then(Value::as_str) {
            return (None, STANDARD.decode(encoded).expect("corpus base64"));
        }
        if let Some(unit) = spec.get("repeat").and_then(Value::as_str) {
            let times = spec["times"].as_u64().expect("times") as usize;
            let text = |k: &str| spec.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
            let mut body = text("prefix").into_bytes();
            body.extend(unit.repeat(times).into_bytes());
            body.extend(text("suffix").into_bytes());
            return (None, body);
        }
        let parts = spec["multipart"].as_array().expect("a known body kind");
        let mut fields = Vec::new();
        let mut file = None;
        for part in parts {
            let name = part["name"].as_str().expect("part name").to_owned();
            if part.get("png").is_some() {
                if file.is_some() {
                    // A second file part: sent as a text part named `file` too.
                    fields.push((name, String::from_utf8_lossy(PNG).into_owned()));
                } else {
                    file = Some(PNG);
                }
            } else {
                fields.push((name, self.fill(part["value"].as_str().unwrap_or_default())));
            }
        }
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let (content_type, body) = multipart(&borrowed, file.map(|bytes| ("corpus.png", bytes)));
        (Some(content_type), body)
    }

    fn headers(&self, case: &Value, content_type: Option<String>) -> Vec<(String, String)> {
        let basic = |user: &str| format!("Basic {}", STANDARD.encode(format!("{user}:")));
        let mut headers = Vec::new();
        match case.get("auth").and_then(Value::as_str).unwrap_or("key") {
            "key" => headers.push(("authorization".into(), basic(&self.server.private_key))),
            "wrong" => headers.push(("authorization".into(), basic("private_wrong_key"))),
            "public" => headers.push(("authorization".into(), basic(&self.server.public_key))),
            _ => {}
        }
        let given = case.get("headers").and_then(Value::as_object);
        if let Some(content_type) = content_type
            && !given.is_some_and(|h| h.contains_key("content-type"))
        {
            headers.push(("content-type".into(), content_type));
        }
        for (name, value) in given.into_iter().flatten() {
            headers.push((name.clone(), self.fill(value.as_str().unwrap_or_default())));
        }
        headers
    }
}

fn sign_v1(private_key: &str, token: &str, expire: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(private_key.as_bytes()).expect("hmac");
    mac.update(token.as_bytes());
    mac.update(expire.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn status_matches(expect: &str, status: u16) -> bool {
    match expect {
        "4xx" => (400..500).contains(&status),
        "2xx" => (200..300).contains(&status),
        "any" => status < 500,
        exact => exact.parse::<u16>().is_ok_and(|code| code == status),
    }
}

/// Everything a hostile request must not change: every file and folder row, the known
/// file's details and the custom metadata fields, each as JSON text.
async fn snapshot(ctx: &Context<'_>) -> BTreeSet<String> {
    let auth = vec![(
        "authorization".to_owned(),
        format!(
            "Basic {}",
            STANDARD.encode(format!("{}:", ctx.server.private_key))
        ),
    )];
    let mut rows = BTreeSet::new();
    for path in [
        "/v1/files?limit=1000&type=all&includeFolder=true".to_owned(),
        format!("/v1/files/{}/details", ctx.file_id),
        format!("/v1/files/{}/versions", ctx.file_id),
        "/v1/customMetadataFields".to_owned(),
    ] {
        let answer = send(ctx.server, "GET", &path, &auth, Vec::new()).await;
        assert_eq!(answer.status, 200, "snapshot {path}");
        match serde_json::from_slice::<Value>(&answer.body).expect("snapshot json") {
            Value::Array(items) => rows.extend(items.iter().map(Value::to_string)),
            other => {
                rows.insert(other.to_string());
            }
        }
    }
    rows
}

/// A path the library stored: absolute, no empty, `.` or `..` segment, no control
/// character, no backslash.
fn is_clean(path: &str) -> bool {
    path.starts_with('/')
        && !path.chars().any(|c| c.is_control() || c == '\\')
        && path
            .trim_end_matches('/')
            .split('/')
            .skip(1)
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

fn new_rows_are_clean(before: &BTreeSet<String>, after: &BTreeSet<String>) -> Result<(), String> {
    for row in after.difference(before) {
        let value: Value = serde_json::from_str(row).map_err(|e| e.to_string())?;
        if value.get("fileId").is_some_and(|id| id == &Value::Null) {
            return Err(format!("a row without id: {row}"));
        }
        for field in ["filePath", "folderPath"] {
            if let Some(path) = value.get(field).and_then(Value::as_str)
                && !is_clean(path)
            {
                return Err(format!("stored at an unclean path: {row}"));
            }
        }
    }
    Ok(())
}

async fn known_file_is_served(ctx: &Context<'_>) -> bool {
    let path = format!("{}/corpus/known.png", mount(ctx.server));
    let answer = send(ctx.server, "GET", &path, &[], Vec::new()).await;
    answer.status == 200 && answer.body == PNG
}

fn mount(server: &Server) -> String {
    server.endpoint.trim_start_matches(&server.base).to_owned()
}

/// Runs one case; `Err` says what was wrong.
async fn run_case(ctx: &Context<'_>, case: &Value, before: &mut BTreeSet<String>) -> Result<(), String> {
    let method = case["method"].as_str().unwrap_or("GET");
    let path = ctx.fill(case["path"].as_str().unwrap_or("/"));
    let (content_type, body) = case
        .get("body")
        .map(|b| ctx.body(b))
        .unwrap_or((None, Vec::new()));
    let headers = ctx.headers(case, content_type);
    let answer = send(ctx.server, method, &path, &headers, body).await;
    let expect = case["expect"].as_str().unwrap_or("4xx");
    let text = String::from_utf8_lossy(&answer.body);
    if answer.status >= 500 || !status_matches(expect, answer.status) {
        return Err(format!(
            "answered {} (expected {expect}): {text:.300}",
            answer.status
        ));
    }
    if answer.status >= 400 {
        let json: Value = serde_json::from_slice(&answer.body)
            .map_err(|_| format!("{} is not JSON: {text:.300}", answer.status))?;
        if json["message"].as_str().is_none_or(str::is_empty) {
            return Err(format!("{} without a message: {text:.300}", answer.status));
        }
    }
    if !known_file_is_served(ctx).await {
        return Err("the known file is no longer served intact".into());
    }
    let after = snapshot(ctx).await;
    if case.get("effect").and_then(Value::as_str) == Some("contained") {
        new_rows_are_clean(before, &after)?;
        let details = format!("\"fileId\":\"{}\"", ctx.file_id);
        let known_before: Vec<&String> = before.iter().filter(|r| r.contains(&details)).collect();
        let known_after: Vec<&String> = after.iter().filter(|r| r.contains(&details)).collect();
        if known_before != known_after {
            return Err("the known file's rows changed".into());
        }
        *before = after;
    } else if after != *before {
        let added: Vec<_> = after.difference(before).collect();
        let gone: Vec<_> = before.difference(&after).collect();
        return Err(format!("the library changed: added {added:?}, gone {gone:?}"));
    }
    Ok(())
}

#[tokio::test]
async fn every_hostile_request_gets_a_clean_4xx_and_changes_nothing() {
    let corpus: Value = serde_json::from_str(CORPUS).expect("corpus is JSON");
    let keys = &corpus["keys"];
    let dir = temp_dir();
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_PRIVATE_KEY", keys["private"].as_str().expect("private")),
            ("HALFTONE_PUBLIC_KEY", keys["public"].as_str().expect("public")),
            ("HALFTONE_MAX_UPLOAD_SIZE", "64KB"),
        ],
    );
    let (status, known) = upload(
        &server,
        &[
            ("fileName", "known.png"),
            ("folder", "/corpus"),
            ("useUniqueFileName", "false"),
        ],
        Some(("known.png", PNG)),
    )
    .await;
    assert_eq!(status, 200, "{known}");
    let ctx = Context {
        server: &server,
        file_id: known["fileId"].as_str().expect("fileId").to_owned(),
        version_id: known["versionInfo"]["id"].as_str().expect("version").to_owned(),
        expire: (chrono::Utc::now().timestamp() + 600).to_string(),
    };
    let cases = corpus["cases"].as_array().expect("cases");
    assert!(cases.len() >= 150, "the corpus shrank to {}", cases.len());
    let mut state = snapshot(&ctx).await;
    let mut failures = Vec::new();
    for case in cases {
        if let Err(why) = run_case(&ctx, case, &mut state).await {
            failures.push(format!("{}: {why:.600}", case["name"].as_str().unwrap_or("?")));
            // Judged from the new state on, so one failure does not fail every later case.
            state = snapshot(&ctx).await;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
