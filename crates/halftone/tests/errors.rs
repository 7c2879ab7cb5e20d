//! Black-box: every error is a JSON `{message, help}` with the right status, never a
//! framework's plain-text reply, and the server keeps serving after hostile input.

mod common;

use common::{PNG, Server, data_path, json_of, temp_dir, upload};

async fn send(request: reqwest::RequestBuilder) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
    let response = request.send().await.expect("request");
    let headers = response.headers().clone();
    let (status, body) = json_of(response).await;
    (status, body, headers)
}

#[tokio::test]
async fn malformed_requests_get_json_errors() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[("HALFTONE_MAX_UPLOAD_SIZE", "1KB")]);
    let client = reqwest::Client::new();
    let auth = server.auth();
    let cases = [
        (client.get(server.url("/nowhere")), 404),
        (
            client
                .get(server.url("/v1/nothing"))
                .header("authorization", &auth),
            404,
        ),
        (client.post(server.url("/media/x.png")), 405),
        (
            client
                .get(server.url("/v1/accounts/origins"))
                .header("authorization", &auth),
            501,
        ),
        (
            client
                .post(server.url("/v1/files/batch/deleteByFileIds"))
                .header("authorization", &auth)
                .body("{not json"),
            400,
        ),
        (
            client
                .post(server.url("/v1/files/batch/deleteByFileIds"))
                .header("authorization", &auth)
                .body("{\"fileIds\":\"x\"}"),
            400,
        ),
        (
            client
                .post(server.url("/v1/files/batch/deleteByFileIds"))
                .header("authorization", &auth)
                .body(vec![b' '; 2 * 1024 * 1024]),
            413,
        ),
        (
            client
                .post(server.url("/api/v1/files/upload"))
                .header("authorization", &auth)
                .body("x"),
            400,
        ),
        (
            client
                .post(server.url("/v1/files/purge"))
                .header("authorization", &auth)
                .body("{\"url\":\"http://elsewhere/x.png\"}"),
            400,
        ),
        (
            client
                .get(server.url("/v1/files/purge/unknown"))
                .header("authorization", &auth),
            400,
        ),
        (client.get(server.url("/media/missing.png")), 404),
    ];
    for (request, expected) in cases {
        let (status, body, headers) = send(request).await;
        assert_eq!(status, expected, "{body}");
        assert!(body["message"].is_string() && body["help"].is_string(), "{body}");
        assert!(headers.contains_key("x-ik-requestid"));
        if status == 501 {
            assert_eq!(
                headers.get("x-should-retry").map(|v| v.as_bytes()),
                Some(&b"false"[..])
            );
        }
    }

    let big = vec![7u8; 4096];
    let (status, body) = upload(&server, &[("fileName", "big.bin")], Some(("big.bin", &big))).await;
    assert!(status == 413 || status == 400, "{status} {body}");
    assert_eq!(
        body["message"],
        "Your request contains invalid file parameter. The file size exceeds limits."
    );
}

#[tokio::test]
async fn hostile_file_ids_are_refused_and_the_server_keeps_serving() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let (status, file) = upload(&server, &[("fileName", "keep.png")], Some(("keep.png", PNG))).await;
    assert_eq!(status, 200, "{file}");
    let id = file["fileId"].as_str().expect("fileId").to_owned();
    let long = "a".repeat(5000);
    let hostile = [
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        long.as_str(),
        "%D1%84%D0%B0%D0%B9%D0%BB",
        "%00",
        "abc%00def",
        "0123456789abcdef0123456",
        "0123456789abcdef012345678",
        "0123456789ABCDEF01234567",
        "%252e%252e%252f",
    ];
    let client = reqwest::Client::new();
    for bad in hostile {
        for request in [
            client.delete(server.url(&format!("/v1/files/{bad}"))),
            client.get(server.url(&format!("/v1/files/{bad}/details"))),
        ] {
            let (status, body, _) = send(request.header("authorization", server.auth())).await;
            assert!((400..500).contains(&status), "{bad}: {status}");
            assert!(body["message"].is_string(), "{bad}: {body}");
        }
    }
    let (status, body, _) = send(
        client
            .get(server.url(&format!("/v1/files/{id}/details")))
            .header("authorization", server.auth()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}
