"""imagekitio 5.x + requests: 401 without credentials, 403 with a wrong key (spec §1.2)."""

from __future__ import annotations

import pytest
import requests
from imagekitio import PermissionDeniedError

from httpkit import TIMEOUT, assert_json_error
from ik5 import make_client
from images import make_png

NO_KEY = "Your request does not contain private API key."
BAD_KEY = "Your account cannot be authenticated."
SOME_ID = "0123456789abcdef01234567"


@pytest.fixture(scope="module")
def wrong_client(server):
    c = make_client(server, private_key="private_wrong_" + server.private_key[-6:])
    yield c
    c.close()


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.files.get(SOME_ID),
        lambda c: c.files.delete(SOME_ID),
        lambda c: c.files.bulk.delete(file_ids=[SOME_ID]),
        lambda c: c.cache.invalidation.create(url="http://127.0.0.1/media/x.png"),
        lambda c: c.cache.invalidation.get(SOME_ID),
        lambda c: c.files.upload(file=("x.png", make_png(2, 2), "image/png"), file_name="x.png"),
    ],
    ids=["details", "delete", "bulk-delete", "purge", "purge-status", "upload"],
)
def test_wrong_private_key_is_403(server, wrong_client, call):
    with pytest.raises(PermissionDeniedError) as ei:
        call(wrong_client)
    assert ei.value.status_code == 403
    assert_json_error(ei.value.response, 403, BAD_KEY)


def test_public_key_as_private_key_is_403(server):
    with make_client(server, private_key=server.public_key) as c:
        with pytest.raises(PermissionDeniedError) as ei:
            c.files.get(SOME_ID)
    assert_json_error(ei.value.response, 403, BAD_KEY)


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", f"/v1/files/{SOME_ID}/details"),
        ("DELETE", f"/v1/files/{SOME_ID}"),
        ("POST", "/v1/files/batch/deleteByFileIds"),
        ("POST", "/v1/files/purge"),
        ("GET", f"/v1/files/purge/{SOME_ID}"),
        ("POST", "/api/v1/files/upload"),
    ],
)
def test_no_authorization_header_is_401(server, method, path):
    kwargs = {}
    if path.endswith("deleteByFileIds"):
        kwargs["json"] = {"fileIds": [SOME_ID]}
    elif path.endswith("purge"):
        kwargs["json"] = {"url": server.url_endpoint + "/x.png"}
    elif path.endswith("upload"):
        kwargs["files"] = {"file": ("x.png", make_png(2, 2), "image/png")}
        kwargs["data"] = {"fileName": "x.png"}
    r = requests.request(method, server.base_url + path, timeout=TIMEOUT, **kwargs)
    assert "authorization" not in {k.lower() for k in r.request.headers}
    assert r.status_code == 401
    assert_json_error(r, 401, NO_KEY)


def test_password_is_ignored(server, folder):
    """curl sends an empty password, the 5.x SDK sends `do_not_set`; any password works."""
    for password in ("", "do_not_set", "whatever-else"):
        r = requests.get(f"{server.base_url}/v1/files/{SOME_ID}/details",
                         auth=(server.private_key, password), timeout=TIMEOUT)
        assert r.status_code == 404, (password, r.status_code, r.text[:200])
