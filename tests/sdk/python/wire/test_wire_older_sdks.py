"""Byte-shape replays of the older clients that cannot be installed here (spec §8.4):
PHP imagekit/imagekit 4.0, Java io.imagekit.sdk 2.0, Ruby imagekitio 3.1, Go imagekit-go 1.0,
.NET Imagekit 5.0. Bodies are built by hand where the shape matters."""

from __future__ import annotations

import base64
import json
import re
import time
import urllib.parse
import uuid

import pytest
import requests

from httpkit import (
    FILE_ID_RE,
    TIMEOUT,
    Part,
    RawResponse,
    assert_json_error,
    basic,
    build_multipart,
    raw_request,
    upload,
)
from images import make_jpeg, make_png

NOT_FOUND = "The requested file does not exist."
UNKNOWN_ID = "0123456789abcdef01234567"


def _auth(server) -> tuple[str, str]:
    return ("Authorization", basic(server.private_key))


def _fetch_ok(url: str, data: bytes) -> None:
    got = requests.get(url, timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == data, (got.status_code, got.text[:200])


def _wait_purged(server, request_id: str) -> None:
    deadline = time.monotonic() + 10
    while True:
        r = requests.get(f"{server.base_url}/v1/files/purge/{request_id}", auth=server.auth, timeout=TIMEOUT)
        assert r.status_code == 200, r.text[:300]
        if r.json()["status"] == "Completed":
            return
        assert r.json()["status"] == "Pending"
        assert time.monotonic() < deadline, "purge never completed"
        time.sleep(0.2)


def _assert_json_2xx(resp: RawResponse, status: int) -> dict:
    assert resp.status == status, resp.describe()
    assert "application/json" in (resp.header("content-type") or ""), resp.describe()
    body = resp.json()
    assert isinstance(body, dict)
    return body


# ==== PHP imagekit/imagekit 4.0 (Guzzle) ============================================================

class TestPHP:
    UA = ("User-Agent", "GuzzleHttp/7")

    def test_delete_with_json_body_array(self, server, folder):
        res = upload(server, make_png(2, 2), "php-del.png", folder=folder)
        fid = res["fileId"]
        resp = raw_request(
            server.base_url, "DELETE", f"/v1/files/{fid}",
            [_auth(server), self.UA, ("Content-Type", "application/json")],
            json.dumps([fid]).encode(),
        )
        assert resp.status == 204, resp.describe()
        assert resp.body == b""
        gone = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details?0={fid}", [_auth(server), self.UA])
        assert_json_error(gone, 404, NOT_FOUND)

    def test_details_with_leftover_query(self, server, folder):
        res = upload(server, make_png(2, 2), "php-det.png", folder=folder)
        fid = res["fileId"]
        for query in (f"?0={fid}", "?fileName=php-det.png", f"?0={fid}&fileName=x.png"):
            resp = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details{query}", [_auth(server), self.UA])
            body = _assert_json_2xx(resp, 200)
            assert body["fileId"] == fid

    def test_purge_json_with_escaped_slashes(self, server, folder):
        png = make_png(3, 2)
        res = upload(server, png, "php-purge.png", folder=folder)
        _fetch_ok(res["url"], png)
        requests.delete(f"{server.base_url}/v1/files/{res['fileId']}", auth=server.auth, timeout=TIMEOUT)
        _fetch_ok(res["url"], png)  # still cached
        body = '{"url":"' + res["url"].replace("/", "\\/") + '"}'
        assert "\\/" in body
        resp = raw_request(server.base_url, "POST", "/v1/files/purge",
                           [_auth(server), self.UA, ("Content-Type", "application/json")], body.encode())
        assert 200 <= resp.status < 300, resp.describe()
        rid = resp.json()["requestId"]
        _wait_purged(server, rid)
        assert requests.get(res["url"], timeout=TIMEOUT).status_code == 404, "escaped URL was not understood"

    def test_multipart_parts_with_content_length(self, server, folder):
        jpg = make_jpeg(16, 16, 70)
        boundary = uuid.uuid4().hex

        def text(name: str, value: str) -> Part:
            v = value.encode()
            return Part(name, v, headers=[("Content-Length", str(len(v)))])

        parts = [
            Part("file", jpg, filename="php.jpg",
                 headers=[("Content-Length", str(len(jpg))), ("Content-Type", "image/jpeg")]),
            text("fileName", "php.jpg"),
            text("folder", folder),
            text("useUniqueFileName", "false"),
            text("tags", "php,guzzle"),
        ]
        resp = raw_request(
            server.base_url, "POST", "/api/v1/files/upload",
            [_auth(server), self.UA, ("Content-Type", f"multipart/form-data; boundary={boundary}")],
            build_multipart(parts, boundary),
        )
        body = _assert_json_2xx(resp, 200)
        assert body["filePath"] == f"{folder}/php.jpg"
        assert body["size"] == len(jpg)
        _fetch_ok(body["url"], jpg)


# ==== Java io.imagekit.sdk 2.0 (OkHttp) =============================================================

class TestJava:
    def headers(self, server):
        return [
            _auth(server),
            ("Content-Type", "application/json"),
            ("Accept-Encoding", "application/json"),
            ("User-Agent", "okhttp/4.9.3"),
        ]

    def _upload_base64_text(self, server, folder, data: bytes, name: str) -> RawResponse:
        boundary = str(uuid.uuid4())
        b64 = base64.b64encode(data)

        def text(n: str, v: bytes) -> Part:
            return Part(n, v, headers=[("Content-Length", str(len(v)))])

        parts = [
            text("file", b64),
            text("fileName", name.encode()),
            text("folder", folder.encode()),
            text("useUniqueFileName", b"false"),
        ]
        return raw_request(
            server.base_url, "POST", "/api/v1/files/upload",
            [_auth(server), ("Accept-Encoding", "application/json"), ("User-Agent", "okhttp/4.9.3"),
             ("Content-Type", f"multipart/form-data; boundary={boundary}")],
            build_multipart(parts, boundary),
        )

    def test_upload_base64_text_part_exactly_200(self, server, folder):
        png = make_png(6, 5)
        resp = self._upload_base64_text(server, folder, png, "java.png")
        assert not resp.has_header("content-encoding"), "Java never decompresses"
        body = _assert_json_2xx(resp, 200)
        assert (body["width"], body["height"], body["size"]) == (6, 5, len(png))
        _fetch_ok(body["url"], png)

    def test_details_exactly_200_and_delete_exactly_204(self, server, folder):
        png = make_png(2, 3)
        body = _assert_json_2xx(self._upload_base64_text(server, folder, png, "java-del.png"), 200)
        fid = body["fileId"]
        det = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details", self.headers(server))
        assert not det.has_header("content-encoding")
        assert _assert_json_2xx(det, 200)["fileId"] == fid
        rm = raw_request(server.base_url, "DELETE", f"/v1/files/{fid}", self.headers(server))
        assert rm.status == 204, rm.describe()
        assert rm.body == b""
        again = raw_request(server.base_url, "DELETE", f"/v1/files/{fid}", self.headers(server))
        assert_json_error(again, 404, NOT_FOUND)
        assert not again.has_header("content-encoding")

    def test_bulk_exactly_200_and_purge_200_or_201(self, server, folder):
        png = make_png(2, 2)
        res = upload(server, png, "java-bulk.png", folder=folder)
        _fetch_ok(res["url"], png)
        resp = raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds", self.headers(server),
                           json.dumps({"fileIds": [res["fileId"]]}).encode())
        assert _assert_json_2xx(resp, 200)["successfullyDeletedFileIds"] == [res["fileId"]]
        purge = raw_request(server.base_url, "POST", "/v1/files/purge", self.headers(server),
                            json.dumps({"url": res["url"]}).encode())
        assert purge.status in (200, 201), purge.describe()
        assert purge.json()["requestId"]


# ==== Ruby imagekitio 3.1 (rest-client) =============================================================

class TestRuby:
    UA = ("User-Agent", "rest-client/2.1.0 (linux x86_64) ruby/3.1.0p0")

    def get_headers(self, server):
        return [_auth(server), self.UA, ("Accept", "*/*"), ("Content-Type", "application/json"),
                ("Accept-Encoding", "application/json")]

    def _upload_on_api_path(self, server, folder, data: bytes, name: str) -> RawResponse:
        boundary = "----RubyFormBoundary" + uuid.uuid4().hex[:16]
        parts = [
            Part("file", data, filename=name, headers=[("Content-Type", "")]),
            Part("fileName", name.encode()),
            Part("folder", folder.encode()),
            Part("useUniqueFileName", b"false"),
            Part("multipart", b"true"),
        ]
        return raw_request(
            server.base_url, "POST", "/v1/files/upload",
            [_auth(server), self.UA, ("Accept", "*/*"), ("Accept-Encoding", "gzip, deflate"),
             ("Content-Type", f"multipart/form-data; boundary={boundary}")],
            build_multipart(parts, boundary),
        )

    def test_upload_on_api_host_path(self, server, folder):
        png = make_png(4, 4)
        resp = self._upload_on_api_path(server, folder, png, "ruby.png")
        body = _assert_json_2xx(resp, 200)
        assert body["filePath"] == f"{folder}/ruby.png"
        assert body["size"] == len(png)
        _fetch_ok(body["url"], png)

    def test_empty_content_type_header_line_is_exact(self):
        """The part header is literally `Content-Type: ` (empty value) — make sure we send that."""
        boundary = "b" * 20
        raw = build_multipart([Part("file", b"x", filename="a.png", headers=[("Content-Type", "")])], boundary)
        assert b'filename="a.png"\r\nContent-Type: \r\n\r\nx' in raw

    def test_details_trailing_slash_and_delete(self, server, folder):
        png = make_png(3, 3)
        body = _assert_json_2xx(self._upload_on_api_path(server, folder, png, "ruby-det.png"), 200)
        fid = body["fileId"]
        det = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details/", self.get_headers(server))
        assert not det.has_header("content-encoding"), "Ruby never decompresses"
        assert _assert_json_2xx(det, 200)["fileId"] == fid
        rm = raw_request(server.base_url, "DELETE", f"/v1/files/{fid}", self.get_headers(server))
        assert rm.status == 204, rm.describe()
        assert rm.body == b""
        gone = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details/", self.get_headers(server))
        assert_json_error(gone, 404, NOT_FOUND)

    def test_purge_form_encoded(self, server, folder):
        png = make_png(5, 2)
        res = upload(server, png, "ruby-purge.png", folder=folder)
        _fetch_ok(res["url"], png)
        requests.delete(f"{server.base_url}/v1/files/{res['fileId']}", auth=server.auth, timeout=TIMEOUT)
        _fetch_ok(res["url"], png)
        form = urllib.parse.urlencode({"url": res["url"]}).encode()
        resp = raw_request(server.base_url, "POST", "/v1/files/purge",
                           [_auth(server), self.UA, ("Content-Type", "application/x-www-form-urlencoded")], form)
        assert 200 <= resp.status < 300, resp.describe()
        assert "application/json" in (resp.header("content-type") or "")
        rid = resp.json()["requestId"]
        st = raw_request(server.base_url, "GET", f"/v1/files/purge/{rid}", self.get_headers(server))
        assert "application/json" in (st.header("content-type") or ""), st.describe()
        _wait_purged(server, rid)
        assert requests.get(res["url"], timeout=TIMEOUT).status_code == 404

    def test_every_2xx_with_body_is_json(self, server, folder):
        png = make_png(2, 2)
        up = self._upload_on_api_path(server, folder, png, "ruby-json.png")
        fid = up.json()["fileId"]
        calls = [
            up,
            raw_request(server.base_url, "GET", f"/v1/files/{fid}/details/", self.get_headers(server)),
            raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds", self.get_headers(server),
                        json.dumps({"fileIds": [fid]}).encode()),
        ]
        for resp in calls:
            assert 200 <= resp.status < 300, resp.describe()
            assert resp.body, resp.describe()
            assert "application/json" in (resp.header("content-type") or ""), resp.describe()


# ==== Go imagekit-go 1.0 (net/http) ================================================================

class TestGo:
    UA = ("User-Agent", "Go-http-client/1.1")

    def test_plain_delete_with_gzip_accept(self, server, folder):
        res = upload(server, make_png(2, 2), "go-del.png", folder=folder)
        resp = raw_request(server.base_url, "DELETE", f"/v1/files/{res['fileId']}",
                           [_auth(server), self.UA, ("Accept-Encoding", "gzip")])
        assert resp.status == 204, resp.describe()
        assert resp.body == b""

    def test_upload_and_details_exactly_200(self, server, folder):
        png = make_png(7, 7)
        boundary = uuid.uuid4().hex * 2
        parts = [
            Part("file", png, filename="go.png", headers=[("Content-Type", "application/octet-stream")]),
            Part("fileName", b"go.png"),
            Part("folder", folder.encode()),
        ]
        up = raw_request(server.base_url, "POST", "/api/v1/files/upload",
                         [_auth(server), self.UA, ("Accept-Encoding", "gzip"),
                          ("Content-Type", f"multipart/form-data; boundary={boundary}")],
                         build_multipart(parts, boundary))
        assert up.status == 200, up.describe()
        body = up.json()
        det = raw_request(server.base_url, "GET", f"/v1/files/{body['fileId']}/details",
                          [_auth(server), self.UA, ("Accept-Encoding", "gzip")])
        assert det.status == 200, det.describe()
        assert det.json()["fileId"] == body["fileId"]

    @staticmethod
    def _go_error_shape(resp: RawResponse) -> None:
        body = resp.json()
        assert isinstance(body, dict)
        assert isinstance(body["message"], str)
        if "reason" in body:
            assert isinstance(body["reason"], str), body
        if "errors" in body and body["errors"] is not None:
            assert isinstance(body["errors"], dict), f"`errors` must be an object for Go: {body}"
            assert all(isinstance(v, str) for v in body["errors"].values()), body

    def test_403_body_parses(self, server):
        resp = raw_request(server.base_url, "GET", f"/v1/files/{UNKNOWN_ID}/details",
                           [("Authorization", basic("private_wrong")), self.UA, ("Accept-Encoding", "gzip")])
        assert resp.status == 403, resp.describe()
        self._go_error_shape(resp)

    @pytest.mark.parametrize("case", ["bad-id", "bulk-not-array", "upload-no-file", "upload-extensions"])
    def test_400_bodies_parse(self, server, case):
        h = [_auth(server), self.UA, ("Accept-Encoding", "gzip")]
        if case == "bad-id":
            resp = raw_request(server.base_url, "GET", "/v1/files/not-a-file-id/details", h)
        elif case == "bulk-not-array":
            resp = raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds",
                               h + [("Content-Type", "application/json")], b'{"fileIds":"abc"}')
        else:
            boundary = "gogogo" + uuid.uuid4().hex
            parts = [Part("fileName", b"x.png")]
            if case == "upload-extensions":
                parts.insert(0, Part("file", make_png(2, 2), filename="x.png"))
                parts.append(Part("extensions", b'[{"name":"google-auto-tagging","maxTags":5,"minConfidence":95}]'))
            resp = raw_request(server.base_url, "POST", "/api/v1/files/upload",
                               h + [("Content-Type", f"multipart/form-data; boundary={boundary}")],
                               build_multipart(parts, boundary))
        assert resp.status == 400, resp.describe()
        self._go_error_shape(resp)


# ==== .NET Imagekit 5.0 (HttpClient) ===============================================================

class TestDotNet:
    @staticmethod
    def _no_float_ints(raw_text: str, body: dict) -> None:
        for key in ("size", "width", "height"):
            if key in body:
                assert body[key] is not None, f"`{key}` must never be null for .NET: {body}"
                assert isinstance(body[key], int) and not isinstance(body[key], bool), f"`{key}`: {body[key]!r}"
                assert not re.search(rf'"{key}"\s*:\s*-?\d+\.\d', raw_text), f"`{key}` sent as a float: {raw_text}"
        if "isPrivateFile" in body:
            assert isinstance(body["isPrivateFile"], bool), f"`isPrivateFile` must be a bool: {body}"

    def _upload(self, server, folder, data: bytes, name: str, *, quoted_boundary: bool,
                text_plain: bool) -> RawResponse:
        boundary = str(uuid.uuid4())
        th = [("Content-Type", "text/plain; charset=utf-8")] if text_plain else []
        parts = [
            Part("file", base64.b64encode(data), headers=th),
            Part("fileName", name.encode(), headers=th),
            Part("useUniqueFileName", b"false", headers=th),
            Part("folder", folder.encode(), headers=th),
        ]
        ctype = f'multipart/form-data; boundary="{boundary}"' if quoted_boundary \
            else f"multipart/form-data; boundary={boundary}"
        return raw_request(server.base_url, "POST", "/api/v1/files/upload",
                           [_auth(server), ("Content-Type", ctype)],
                           build_multipart(parts, boundary, quote_names=False))

    def test_unquoted_field_names_base64_text(self, server, folder):
        png = make_png(9, 4)
        resp = self._upload(server, folder, png, "dotnet.png", quoted_boundary=False, text_plain=False)
        assert resp.status == 200, resp.describe()
        assert not resp.has_header("content-encoding")
        body = resp.json()
        assert body["name"] == "dotnet.png", "useUniqueFileName=false must be read from an unquoted name"
        assert body["filePath"] == f"{folder}/dotnet.png"
        self._no_float_ints(resp.body.decode(), body)
        assert (body["width"], body["height"], body["size"]) == (9, 4, len(png))
        _fetch_ok(body["url"], png)

    def test_full_dotnet_multipart_shape(self, server, folder):
        """As HttpClient's MultipartFormDataContent really sends it: quoted boundary parameter,
        StringContent parts with `Content-Type: text/plain; charset=utf-8`, unquoted names."""
        png = make_png(3, 8)
        resp = self._upload(server, folder, png, "dotnet-full.png", quoted_boundary=True, text_plain=True)
        assert resp.status == 200, resp.describe()
        body = resp.json()
        assert body["filePath"] == f"{folder}/dotnet-full.png"
        assert body["size"] == len(png)

    def test_details_types_delete_trailing_slash(self, server, folder):
        png = make_png(5, 5)
        res = upload(server, png, "dotnet-det.png", folder=folder, isPrivateFile="false")
        fid = res["fileId"]
        det = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details", [_auth(server)])
        assert det.status == 200, det.describe()
        assert not det.has_header("content-encoding")
        body = det.json()
        self._no_float_ints(det.body.decode(), body)
        for key in ("isPrivateFile", "size", "height", "width"):
            assert body.get(key) is not None, f"`{key}` missing/null in details: {body}"
        rm = raw_request(server.base_url, "DELETE", f"/v1/files/{fid}/", [_auth(server)])
        assert rm.status == 204, rm.describe()
        assert rm.body == b""
        gone = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details", [_auth(server)])
        assert_json_error(gone, 404, NOT_FOUND)

    def test_non_image_upload_has_no_null_numbers(self, server, folder):
        data = b"just some text, not an image\n"
        resp = self._upload(server, folder, data, "notes.txt", quoted_boundary=False, text_plain=False)
        assert resp.status == 200, resp.describe()
        body = resp.json()
        assert body["fileType"] == "non-image"
        self._no_float_ints(resp.body.decode(), body)
        det = raw_request(server.base_url, "GET", f"/v1/files/{body['fileId']}/details", [_auth(server)])
        dbody = det.json()
        assert dbody["fileType"] == "non-image"
        self._no_float_ints(det.body.decode(), dbody)
        assert dbody.get("isPrivateFile") is not None and dbody.get("size") == len(data)

    def test_bulk_delete_lowercase_f(self, server, folder):
        ids = [upload(server, make_png(2, 2), f"dn{i}.png", folder=folder)["fileId"] for i in range(2)]
        resp = raw_request(server.base_url, "POST", "/v1/files/batch/deleteByfileIds",
                           [_auth(server), ("Content-Type", "application/json; charset=utf-8")],
                           json.dumps({"fileIds": ids}).encode())
        assert resp.status == 200, resp.describe()
        assert sorted(resp.json()["successfullyDeletedFileIds"]) == sorted(ids)
        for fid in ids:
            assert requests.get(f"{server.base_url}/v1/files/{fid}/details", auth=server.auth,
                                timeout=TIMEOUT).status_code == 404


def test_file_ids_shape(server, folder):
    """Sanity for every replay above: ids are 24 lowercase hex."""
    assert FILE_ID_RE.match(upload(server, make_png(2, 2), "id.png", folder=folder)["fileId"])
