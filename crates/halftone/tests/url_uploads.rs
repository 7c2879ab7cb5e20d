//! Black-box: what a URL upload (`file` = an http(s) URL) may fetch. Small HTTP servers on
//! loopback stand in for origins; each counts its requests, so a test shows not only that
//! an upload was refused but that the refused address was never reached.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{PNG, Server, data_path, temp_dir, upload};
use serde_json::Value;

/// What a tiny origin answers to every request.
#[derive(Clone)]
enum Answer {
    Body(Vec<u8>),
    /// A body sent without `Content-Length`, so only counting its bytes can bound it.
    Chunked(Vec<u8>),
    Redirect(String),
}

struct Origin {
    port: u16,
    hits: Arc<AtomicUsize>,
}

impl Origin {
    fn start(answer: Answer) -> Origin {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind origin");
        let port = listener.local_addr().expect("addr").port();
        let hits = Arc::new(AtomicUsize::new(0));
        let counted = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let answer = answer.clone();
                std::thread::spawn(move || serve_one(stream, &answer));
            }
        });
        Origin { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

fn serve_one(stream: std::net::TcpStream, answer: &Answer) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let mut stream = reader.into_inner();
    let head = match answer {
        Answer::Body(body) => format!(
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ),
        Answer::Chunked(_) => {
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n".into()
        }
        Answer::Redirect(to) => {
            format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
    };
    let _ = stream.write_all(head.as_bytes());
    if let Answer::Body(body) | Answer::Chunked(body) = answer {
        let _ = stream.write_all(body);
    }
}

async fn upload_url(server: &Server, url: &str) -> (u16, Value) {
    upload(server, &[("file", url), ("fileName", "fetched.png")], None).await
}

fn message(body: &Value) -> &str {
    body["message"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn loopback_is_refused_by_default_in_every_spelling() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let origin = Origin::start(Answer::Body(PNG.to_vec()));
    let port = origin.port;
    for url in [
        origin.url("/a.png"),
        format!("http://localhost:{port}/a.png"),
        format!("http://[::ffff:127.0.0.1]:{port}/a.png"),
        format!("http://127.1:{port}/a.png"),
        format!("http://2130706433:{port}/a.png"),
        format!("http://0.0.0.0:{port}/a.png"),
        format!("http://[::1]:{port}/a.png"),
        format!("http://[::ffff:7f00:1]:{port}/a.png"),
        format!("http://[::127.0.0.1]:{port}/a.png"),
    ] {
        let (status, body) = upload_url(&server, &url).await;
        assert_eq!(status, 400, "{url}: {body}");
        assert!(
            message(&body).contains("which this server does not fetch"),
            "{url}: {body}"
        );
    }
    assert_eq!(origin.hits(), 0, "a refused address was reached");
}

#[tokio::test]
async fn the_allow_list_opens_one_host_and_every_redirect_is_checked_again() {
    let dir = temp_dir();
    let image = Origin::start(Answer::Body(PNG.to_vec()));
    let to_image = Origin::start(Answer::Redirect(image.url("/a.png")));
    let allow = format!("127.0.0.1:{}", to_image.port);
    let server = Server::start(&data_path(&dir), &[("HALFTONE_UPLOAD_URL_ALLOW", &allow)]);

    let (status, body) = upload_url(&server, &to_image.url("/start")).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("loopback"), "{body}");
    assert_eq!(to_image.hits(), 1);
    assert_eq!(
        image.hits(),
        0,
        "the redirect target outside the allow-list was reached"
    );

    let (status, body) = upload_url(&server, &image.url("/a.png")).await;
    assert_eq!(status, 400, "only the listed port is open: {body}");
    drop(server);

    // With both listed the same redirect is followed: the refusal above was the check's.
    let both = format!("{allow},127.0.0.1:{}", image.port);
    let server = Server::start(&data_path(&dir), &[("HALFTONE_UPLOAD_URL_ALLOW", &both)]);
    let (status, body) = upload_url(&server, &to_image.url("/start")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["width"].as_u64(), body["size"].as_u64()),
        (Some(2), Some(PNG.len() as u64))
    );
    assert_eq!(image.hits(), 1);
}

#[tokio::test]
async fn schemes_redirect_loops_and_oversize_bodies_are_refused() {
    let dir = temp_dir();
    let big = vec![7u8; 4096];
    let sized = Origin::start(Answer::Body(big.clone()));
    let unsized_body = Origin::start(Answer::Chunked(big));
    let to_file = Origin::start(Answer::Redirect("file:///etc/passwd".into()));
    let looping = Origin::start(Answer::Redirect("/again".into()));
    let allow = [&sized, &unsized_body, &to_file, &looping]
        .map(|o| format!("127.0.0.1:{}", o.port))
        .join(",");
    let server = Server::start(
        &data_path(&dir),
        &[
            ("HALFTONE_UPLOAD_URL_ALLOW", &allow),
            ("HALFTONE_MAX_UPLOAD_SIZE", "1KB"),
        ],
    );
    for url in [
        "file:///etc/passwd",
        "ftp://127.0.0.1/a.png",
        "gopher://127.0.0.1:70/_x",
    ] {
        let (status, body) = upload_url(&server, url).await;
        assert_eq!(status, 400, "{url}: {body}");
        assert!(message(&body).contains("Only http and https"), "{url}: {body}");
    }
    let (status, body) = upload_url(&server, &to_file.url("/")).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("Only http and https"), "{body}");

    let (status, body) = upload_url(&server, &looping.url("/")).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("too many"), "{body}");
    assert!(looping.hits() <= 6, "{} requests for one upload", looping.hits());

    for origin in [&sized, &unsized_body] {
        let (status, body) = upload_url(&server, &origin.url("/big.bin")).await;
        assert_eq!(status, 400, "{body}");
        assert!(message(&body).contains("exceeds limits"), "{body}");
    }
}
