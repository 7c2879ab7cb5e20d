"""Delivery of originals under the URL endpoint: headers, HEAD, Range, conditional GET, 404 JSON,
private files not served unsigned (issue 2, spec §1.6, §7)."""

from __future__ import annotations

import email.utils
import time

import pytest
import requests

from httpkit import TIMEOUT, assert_json_error, raw_request, upload
from images import make_jpeg, make_png


@pytest.fixture(scope="module")
def original(server):
    png = make_png(20, 10, alpha=True)
    res = upload(server, png, "orig.png", folder="/delivery-" + server.public_key[-8:], useUniqueFileName="false")
    return res, png


def _path_of(server, url: str) -> str:
    assert url.startswith(server.url_endpoint), (url, server.url_endpoint)
    base = server.base_url
    assert url.startswith(base), "URL endpoint is on the same origin by default"
    return url[len(base):]


def test_url_is_endpoint_plus_file_path(server, original):
    res, _ = original
    assert res["url"] == server.url_endpoint + res["filePath"]


def test_get_headers(server, original):
    res, png = original
    r = requests.get(res["url"], timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.content == png
    assert r.headers["Content-Type"].startswith("image/png")
    assert r.headers["Content-Length"] == str(len(png))
    assert r.headers.get("ETag"), r.headers
    lm = r.headers.get("Last-Modified")
    assert lm and email.utils.parsedate_to_datetime(lm) is not None, r.headers
    assert r.headers.get("Cache-Control"), r.headers
    assert r.headers.get("x-ik-requestId"), r.headers


def test_head_matches_get(server, original):
    res, png = original
    path = _path_of(server, res["url"])
    g = raw_request(server.base_url, "GET", path)
    h = raw_request(server.base_url, "HEAD", path)
    assert h.status == 200, h.describe()
    assert h.body == b""
    for name in ("content-type", "content-length", "etag", "last-modified", "cache-control"):
        assert h.header(name) == g.header(name), (name, h.headers, g.headers)
    assert h.header("content-length") == str(len(png))


def test_range(server, original):
    res, png = original
    r = requests.get(res["url"], headers={"Range": "bytes=0-9"}, timeout=TIMEOUT)
    assert r.status_code == 206, r.headers
    assert r.content == png[:10]
    assert r.headers["Content-Range"] == f"bytes 0-9/{len(png)}"
    assert r.headers["Content-Length"] == "10"
    tail = requests.get(res["url"], headers={"Range": "bytes=-5"}, timeout=TIMEOUT)
    assert tail.status_code == 206 and tail.content == png[-5:]
    assert tail.headers["Content-Range"] == f"bytes {len(png) - 5}-{len(png) - 1}/{len(png)}"


def test_unsatisfiable_range_is_416(server, original):
    res, png = original
    r = requests.get(res["url"], headers={"Range": f"bytes={len(png) + 10}-{len(png) + 20}"}, timeout=TIMEOUT)
    assert r.status_code == 416, (r.status_code, r.headers)
    assert r.headers.get("Content-Range") == f"bytes */{len(png)}"


def test_if_none_match_304(server, original):
    res, _ = original
    first = requests.get(res["url"], timeout=TIMEOUT)
    etag = first.headers["ETag"]
    r = requests.get(res["url"], headers={"If-None-Match": etag}, timeout=TIMEOUT)
    assert r.status_code == 304, r.headers
    assert r.content == b""
    assert r.headers.get("ETag") == etag
    other = requests.get(res["url"], headers={"If-None-Match": '"definitely-not-it"'}, timeout=TIMEOUT)
    assert other.status_code == 200


def test_etag_changes_with_new_version(server, folder):
    a = upload(server, make_jpeg(8, 8, 10), "ver.jpg", folder=folder, useUniqueFileName="false")
    e1 = requests.get(a["url"], timeout=TIMEOUT).headers["ETag"]
    newer = make_jpeg(8, 8, 240)
    b = upload(server, newer, "ver.jpg", folder=folder, useUniqueFileName="false")
    assert b["fileId"] == a["fileId"] and b["versionInfo"]["name"] == "Version 2"
    # the old response may still be cached (as on ImageKit) until purged
    p = requests.post(server.base_url + "/v1/files/purge", auth=server.auth, json={"url": a["url"]},
                      timeout=TIMEOUT)
    assert p.status_code == 201, p.text[:300]
    deadline = time.monotonic() + 10
    while requests.get(f"{server.base_url}/v1/files/purge/{p.json()['requestId']}", auth=server.auth,
                       timeout=TIMEOUT).json().get("status") != "Completed":
        assert time.monotonic() < deadline, "purge never completed"
        time.sleep(0.2)
    r = requests.get(a["url"], timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == newer
    assert r.headers["ETag"] != e1


def test_missing_path_is_404_json(server, folder):
    r = requests.get(server.url_endpoint + folder + "/nothing-here.png", timeout=TIMEOUT)
    assert r.status_code == 404
    assert_json_error(r, 404)
    h = requests.head(server.url_endpoint + folder + "/nothing-here.png", timeout=TIMEOUT)
    assert h.status_code == 404


def test_private_file_not_served_unsigned(server, folder):
    png = make_png(4, 4)
    res = upload(server, png, "secret.png", folder=folder, isPrivateFile="true", responseFields="isPrivateFile")
    assert res.get("isPrivateFile") is True, res
    r = requests.get(res["url"], timeout=TIMEOUT)
    assert r.status_code in (401, 403), (r.status_code, r.headers)
    assert r.content != png
    assert_json_error(r)
    h = requests.head(res["url"], timeout=TIMEOUT)
    assert h.status_code in (401, 403)


def test_delivery_needs_no_auth_and_ignores_it(server, original):
    res, png = original
    r = requests.get(res["url"], auth=("private_wrong", ""), timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == png


def test_traversal_in_delivery_path(server, original):
    endpoint_path = server.url_endpoint[len(server.base_url):]
    for p in ("/../../../../etc/passwd", "/..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
              "/%00", "/a%00b.png"):
        resp = raw_request(server.base_url, "GET", endpoint_path + p)
        assert 400 <= resp.status < 500, resp.describe()
        assert b"root:" not in resp.body
    assert requests.get(server.base_url + "/healthz", timeout=TIMEOUT).status_code == 200
