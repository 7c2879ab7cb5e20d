"""Errors on the wire: always JSON {message, help}; exact spec messages; unknown routes; malformed
bodies; endpoints not implemented yet answer a JSON error with `x-should-retry: false`."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from httpkit import (
    HELP_TEXTS,
    TIMEOUT,
    Part,
    assert_json_error,
    basic,
    build_multipart,
    raw_request,
    send_expect_continue,
    upload,
)
from images import make_png

SOME_ID = "0123456789abcdef01234567"


def _auth(server):
    return ("Authorization", basic(server.private_key))


def _error_cases(server):
    """(label, response) pairs, each of which must be an error."""
    a = _auth(server)
    js = ("Content-Type", "application/json")
    b = "x" + uuid.uuid4().hex
    return [
        ("no-auth", raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details")),
        ("bad-key", raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details",
                                [("Authorization", basic("private_nope"))])),
        ("garbage-auth", raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details",
                                     [("Authorization", "Basic !!!not-base64!!!")])),
        ("bearer-auth", raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details",
                                    [("Authorization", "Bearer abc")])),
        ("unknown-file", raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details", [a])),
        ("bad-id", raw_request(server.base_url, "DELETE", "/v1/files/xyz", [a])),
        ("unknown-route-v1", raw_request(server.base_url, "GET", "/v1/definitely/not/here", [a])),
        ("unknown-route-root", raw_request(server.base_url, "GET", "/no-such-thing")),
        ("bulk-bad-json", raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds", [a, js],
                                      b'{"fileIds": [')),
        ("bulk-not-json", raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds",
                                      [a, ("Content-Type", "text/plain")], b"hello")),
        ("purge-bad-json", raw_request(server.base_url, "POST", "/v1/files/purge", [a, js], b"{nope")),
        ("purge-unknown", raw_request(server.base_url, "GET", f"/v1/files/purge/{SOME_ID}", [a])),
        ("upload-not-multipart", raw_request(server.base_url, "POST", "/api/v1/files/upload", [a, js],
                                             b'{"fileName":"x.png"}')),
        ("upload-broken-multipart", raw_request(
            server.base_url, "POST", "/api/v1/files/upload",
            [a, ("Content-Type", f"multipart/form-data; boundary={b}")],
            f"--{b}\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nx.png".encode())),
        ("upload-no-file", raw_request(
            server.base_url, "POST", "/api/v1/files/upload",
            [a, ("Content-Type", f"multipart/form-data; boundary={b}")],
            build_multipart([Part("fileName", b"x.png")], b))),
        ("wrong-method", raw_request(server.base_url, "PUT", f"/v1/files/{SOME_ID}/details", [a, js], b"{}")),
    ]


def test_every_error_is_json_with_message_and_help(server):
    for label, resp in _error_cases(server):
        assert 400 <= resp.status < 600, f"{label}: {resp.describe()}"
        body = assert_json_error(resp)
        assert body["help"] in HELP_TEXTS, f"{label}: help text differs from the spec: {body}"
        assert resp.header("x-ik-requestId"), f"{label}: no x-ik-requestId: {resp.describe()}"


@pytest.mark.parametrize(
    "label,status,message",
    [
        ("no-auth", 401, "Your request does not contain private API key."),
        ("bad-key", 403, "Your account cannot be authenticated."),
        ("unknown-file", 404, "The requested file does not exist."),
        ("unknown-route-v1", 404, None),
        ("unknown-route-root", 404, None),
        ("bulk-bad-json", 400, None),
        ("purge-unknown", 400, "No request found for this requestId."),
        ("upload-no-file", 400, "Your request is missing file parameter."),
    ],
)
def test_error_status_and_message(server, label, status, message):
    resp = dict(_error_cases_cache(server))[label]
    assert_json_error(resp, status, message)


_CACHE: dict[str, list] = {}


def _error_cases_cache(server):
    if server.base_url not in _CACHE:
        _CACHE.clear()
        _CACHE[server.base_url] = _error_cases(server)
    return _CACHE[server.base_url]


@pytest.mark.parametrize(
    "body,message",
    [
        ({}, "fileIds parameter is missing."),
        ({"fileIds": "abc"}, "fileIds should be an Array."),
        ({"fileIds": []}, "fileIds is empty."),
        ({"fileIds": [SOME_ID] * 101}, "fileIds cannot have more than 100 items."),
    ],
    ids=["missing", "not-array", "empty", "over-100"],
)
def test_bulk_delete_validation(server, body, message):
    r = requests.post(server.base_url + "/v1/files/batch/deleteByFileIds", auth=server.auth, json=body,
                      timeout=TIMEOUT)
    assert_json_error(r, 400, message)


def test_bulk_delete_100_ids_is_allowed(server):
    """Exactly 100 unknown ids: not a 400 size error, but the 404 all-or-nothing answer."""
    ids = [f"{i:024x}" for i in range(1, 101)]
    r = requests.post(server.base_url + "/v1/files/batch/deleteByFileIds", auth=server.auth,
                      json={"fileIds": ids}, timeout=TIMEOUT)
    body = assert_json_error(r, 404, "The requested file(s) does not exist.")
    assert sorted(body["missingFileIds"]) == sorted(ids)


def test_oversize_upload_is_json_4xx(server, folder):
    """Above the 25 MB default limit: a JSON 4xx, never a framework plain-text reply."""
    boundary = uuid.uuid4().hex
    body = build_multipart(
        [Part("file", b"\0" * (26 * 1024 * 1024), filename="big.bin",
              headers=[("Content-Type", "application/octet-stream")]),
         Part("fileName", b"big.bin"), Part("folder", folder.encode())],
        boundary,
    )
    status, headers, raw = send_expect_continue(
        server.base_url, "/api/v1/files/upload",
        [_auth(server), ("Content-Type", f"multipart/form-data; boundary={boundary}")], body)
    assert 400 <= status < 500, (status, headers, raw[:300])
    assert "application/json" in headers.get("content-type", ""), (status, headers, raw[:300])
    parsed = json.loads(raw)
    assert isinstance(parsed.get("message"), str) and isinstance(parsed.get("help"), str), parsed


NOT_IMPLEMENTED = [
    # remove an entry when the issue that implements it lands
    ("GET", "/v1/accounts/usage-analytics?startDate=2024-01-01&endDate=2024-01-02", None),
    ("GET", "/v1/accounts/origins", None),
    ("POST", "/v1/accounts/webhooks", {"endpoint": "https://example.com/hook", "events": []}),
]


@pytest.mark.parametrize("method,path,body", NOT_IMPLEMENTED, ids=[f"{m} {p}" for m, p, _ in NOT_IMPLEMENTED])
def test_not_implemented_endpoint_says_do_not_retry(server, method, path, body):
    r = requests.request(method, server.base_url + path, auth=server.auth, json=body, timeout=TIMEOUT)
    assert r.status_code >= 400, f"{method} {path} is not part of issue 2 but answered {r.status_code}"
    assert r.status_code != 404 or "not implemented" in r.text.lower(), \
        f"{method} {path} must exist in the route table (a clear 'not implemented', not an unknown route)"
    assert_json_error(r)
    assert r.headers.get("x-should-retry") == "false", dict(r.headers)


def test_error_json_is_not_compressed_for_identity_clients(server):
    resp = raw_request(server.base_url, "GET", f"/v1/files/{SOME_ID}/details",
                       [_auth(server), ("Accept-Encoding", "application/json")])
    assert not resp.has_header("content-encoding"), resp.describe()
    assert json.loads(resp.body)["message"] == "The requested file does not exist."


def test_trailing_slash_and_case_tolerance(server, folder):
    res = upload(server, make_png(2, 2), "slash.png", folder=folder)
    fid = res["fileId"]
    r = requests.get(f"{server.base_url}/v1/files/{fid}/details/", auth=server.auth, timeout=TIMEOUT)
    assert r.status_code == 200 and r.json()["fileId"] == fid
    r = requests.post(server.base_url + "/v1/files/batch/deleteByFileIds/", auth=server.auth,
                      json={"fileIds": [SOME_ID]}, timeout=TIMEOUT)
    assert_json_error(r, 404, "The requested file(s) does not exist.")
