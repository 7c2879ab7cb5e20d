"""imagekitio 5.x: `client.files.upload` in every form, its fields, overwrite, refused parameters."""

from __future__ import annotations

import base64
import http.server
import threading

import pytest
import requests
from imagekitio import BadRequestError

from httpkit import FILE_ID_RE, TIMEOUT, assert_json_error
from images import make_jpeg, make_png
from ik5 import make_client


def _get(url: str) -> requests.Response:
    return requests.get(url, timeout=TIMEOUT)


def _check_result(server, r, *, folder: str, stem: str, ext: str, data: bytes, width: int, height: int):
    assert r.file_id and FILE_ID_RE.match(r.file_id), r
    assert r.name and r.name.startswith(stem) and r.name.endswith(ext), r.name
    assert r.file_path == f"{folder}/{r.name}", r
    assert r.url == server.url_endpoint + r.file_path, r
    assert r.thumbnail_url and r.thumbnail_url.startswith(server.url_endpoint), r
    assert r.file_type == "image"
    assert r.size == len(data)
    assert r.width == width and r.height == height
    assert r.version_info is not None
    assert r.version_info.id == r.file_id, "Version 1's versionInfo.id equals the fileId (spec §2.6)"
    assert r.version_info.name == "Version 1"
    got = _get(r.url)
    assert got.status_code == 200, got.text[:300]
    assert got.content == data


def test_upload_binary_part(server, client, folder):
    png = make_png(3, 2)
    raw = client.files.with_raw_response.upload(file=("bin.png", png, "image/png"), file_name="bin.png", folder=folder)
    assert raw.status_code == 200
    assert "application/json" in raw.headers.get("content-type", "")
    r = raw.parse()
    _check_result(server, r, folder=folder, stem="bin_", ext=".png", data=png, width=3, height=2)
    assert r.name != "bin.png", "useUniqueFileName defaults to true: a suffix must be added"


def test_upload_plain_bytes(server, client, folder):
    """`file=<bytes>`: httpx sends it as a binary part named `upload`, application/octet-stream."""
    jpg = make_jpeg(16, 8, 90)
    r = client.files.upload(file=jpg, file_name="plain.jpg", folder=folder)
    _check_result(server, r, folder=folder, stem="plain_", ext=".jpg", data=jpg, width=16, height=8)
    d = client.files.get(r.file_id)
    assert d.mime == "image/jpeg"


def test_upload_base64_string(server, client, folder):
    png = make_png(5, 4)
    r = client.files.upload(file=(None, base64.b64encode(png).decode()), file_name="b64.png", folder=folder)
    _check_result(server, r, folder=folder, stem="b64_", ext=".png", data=png, width=5, height=4)


def test_upload_data_uri(server, client, folder):
    png = make_png(4, 6, alpha=True)
    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    r = client.files.upload(file=(None, uri), file_name="datauri.png", folder=folder)
    _check_result(server, r, folder=folder, stem="datauri_", ext=".png", data=png, width=4, height=6)
    assert client.files.get(r.file_id).has_alpha is True


class _OneFileHandler(http.server.BaseHTTPRequestHandler):
    payload = b""
    hits = 0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        if self.path != "/img.png":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        self.wfile.write(self.payload)

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def origin():
    """A tiny http.server on 127.0.0.1 serving one PNG at /img.png."""
    png = make_png(7, 3)
    handler = type("Handler", (_OneFileHandler,), {"payload": png, "hits": 0})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/img.png", png, handler
    httpd.shutdown()
    httpd.server_close()


def test_upload_from_url(server_factory, origin, folder):
    srv = server_factory({"HALFTONE_UPLOAD_ALLOW_PRIVATE_URLS": "true"})
    url, png, handler = origin
    with make_client(srv) as c:
        r = c.files.upload(file=(None, url), file_name="fromurl.png", folder=folder)
        assert handler.hits >= 1, "the server never fetched the URL"
        _check_result(srv, r, folder=folder, stem="fromurl_", ext=".png", data=png, width=7, height=3)


def test_upload_from_private_url_refused_by_default(server, client, origin, folder):
    url, _png, handler = origin
    with pytest.raises(BadRequestError) as ei:
        client.files.upload(file=(None, url), file_name="refused.png", folder=folder)
    assert ei.value.status_code == 400
    assert_json_error(ei.value.response, 400)
    assert handler.hits == 0, "a refused private URL must not even be fetched"


def test_upload_fields(server, client, folder):
    png = make_png(6, 6)
    r = client.files.upload(
        file=("f.png", png, "image/png"),
        file_name="fields.png",
        folder=folder + "/sub/deeper",
        tags=["alpha", "beta"],
        is_private_file=False,
        custom_coordinates="1,2,3,4",
        description="a test picture",
        response_fields=["tags", "customCoordinates", "isPrivateFile"],
    )
    assert r.file_path == f"{folder}/sub/deeper/{r.name}"
    assert r.tags == ["alpha", "beta"]
    assert r.custom_coordinates == "1,2,3,4"
    assert r.is_private_file is False
    d = client.files.get(r.file_id)
    assert d.tags == ["alpha", "beta"]
    assert d.custom_coordinates == "1,2,3,4"
    assert d.description == "a test picture"
    assert d.is_private_file is False
    assert d.file_path == r.file_path


def test_upload_private_file_flag(server, client, folder):
    png = make_png(2, 2)
    r = client.files.upload(
        file=("p.png", png, "image/png"), file_name="private.png", folder=folder,
        is_private_file=True, response_fields=["isPrivateFile"],
    )
    assert r.is_private_file is True
    assert client.files.get(r.file_id).is_private_file is True


def test_upload_file_name_sanitised(server, client, folder):
    png = make_png(2, 2)
    r = client.files.upload(
        file=("x.png", png, "image/png"), file_name="my cat (1).png", folder=folder, use_unique_file_name=False
    )
    assert r.name == "my_cat__1_.png", "characters other than letters/digits/./- become _ (spec §2.2)"
    assert r.file_path == f"{folder}/my_cat__1_.png"


def test_overwrite_keeps_file_id_and_adds_version(server, client, folder):
    first, second = make_png(3, 3), make_png(8, 2)
    r1 = client.files.upload(file=("a.png", first, "image/png"), file_name="same.png", folder=folder,
                             use_unique_file_name=False)
    assert r1.name == "same.png" and r1.file_path == f"{folder}/same.png"
    assert r1.version_info.name == "Version 1"
    r2 = client.files.upload(file=("b.png", second, "image/png"), file_name="same.png", folder=folder,
                             use_unique_file_name=False)
    assert r2.file_id == r1.file_id, "an overwrite keeps the fileId"
    assert r2.version_info.name == "Version 2"
    assert r2.version_info.id and r2.version_info.id != r1.version_info.id
    assert (r2.width, r2.height, r2.size) == (8, 2, len(second))
    d = client.files.get(r1.file_id)
    assert d.version_info.name == "Version 2"
    assert d.size == len(second)
    got = _get(d.url)
    assert got.status_code == 200 and got.content == second


def test_overwrite_refused_when_overwrite_file_false(server, client, folder):
    png = make_png(2, 2)
    client.files.upload(file=("a.png", png, "image/png"), file_name="keep.png", folder=folder,
                        use_unique_file_name=False)
    with pytest.raises(BadRequestError) as ei:
        client.files.upload(file=("a.png", make_png(3, 3), "image/png"), file_name="keep.png", folder=folder,
                            use_unique_file_name=False, overwrite_file=False)
    assert_json_error(
        ei.value.response, 400,
        "A file with the same name already exists at the exact location. We could not overwrite it because "
        "both overwriteFile and useUniqueFileName are set to false.",
    )


UNSUPPORTED = [
    ("extensions", {"extensions": [{"name": "google-auto-tagging", "maxTags": 5, "minConfidence": 95}]}),
    ("webhookUrl", {"webhook_url": "https://example.com/hook"}),
    ("transformation", {"transformation": {"pre": "w-100"}}),
    ("checks", {"checks": '"file.size" < "1mb"'}),
]


@pytest.mark.parametrize("wire_name,kwargs", UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_upload_parameter_not_offered_is_400_naming_it(server, client, folder, wire_name, kwargs):
    with pytest.raises(BadRequestError) as ei:
        client.files.upload(file=("x.png", make_png(2, 2), "image/png"), file_name="refuse.png", folder=folder,
                            use_unique_file_name=False, **kwargs)
    assert ei.value.status_code == 400
    body = assert_json_error(ei.value.response, 400)
    assert wire_name.lower() in body["message"].lower(), f"message must name `{wire_name}`: {body}"
    assert wire_name.lower() in str(ei.value).lower()
    # nothing was stored under that path
    r = requests.get(server.url_endpoint + f"{folder}/refuse.png", timeout=TIMEOUT)
    assert r.status_code == 404


def test_upload_v2_with_basic_auth(server, client, folder):
    """`client.beta.v2.files.upload` → POST /api/v2/files/upload; server-side (Basic auth) it behaves
    like v1 (spec §1.4)."""
    png = make_png(3, 5)
    r = client.beta.v2.files.upload(file=("v2.png", png, "image/png"), file_name="v2.png", folder=folder)
    _check_result(server, r, folder=folder, stem="v2_", ext=".png", data=png, width=3, height=5)
