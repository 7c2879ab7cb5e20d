"""Hostile fileIds on DELETE and details: every answer is a 4xx JSON error with `message`, and the
server keeps serving afterwards (issue 2: "Nothing panics on any input")."""

from __future__ import annotations

import uuid

import pytest
import requests

from httpkit import TIMEOUT, assert_json_error, basic, raw_request, upload
from images import make_png

HOSTILE = {
    "encoded-traversal": "..%2F..%2Fetc%2Fpasswd",
    "raw-traversal": "../../etc",
    "dot-dot": "..",
    "very-long": "a" * 5000,
    "unicode": "%D1%84%D0%B0%D0%B9%D0%BB",  # "файл", percent-encoded UTF-8
    "nul": "%00",
    "nul-inside": "abc%00def",
    "hex-23": "0123456789abcdef0123456",
    "hex-25": "0123456789abcdef012345678",
    "upper-hex": "0123456789ABCDEF01234567",
    "not-hex-24": "zzzzzzzzzzzzzzzzzzzzzzzz",
    "percent-garbage": "%zz%",
    "sql-ish": "1'%20OR%20'1'='1",
}


@pytest.fixture(scope="module")
def survivor(server):
    """A file uploaded before the hostile requests; it must still be there afterwards."""
    png = make_png(3, 3)
    folder = f"/t-{uuid.uuid4().hex[:12]}"
    return upload(server, png, "survivor.png", folder=folder, useUniqueFileName="false"), png


def _still_serving(server, survivor):
    res, png = survivor
    h = requests.get(server.base_url + "/healthz", timeout=TIMEOUT)
    assert h.status_code == 200
    d = requests.get(f"{server.base_url}/v1/files/{res['fileId']}/details", auth=server.auth, timeout=TIMEOUT)
    assert d.status_code == 200, d.text[:300]
    assert d.json()["fileId"] == res["fileId"]
    got = requests.get(res["url"], timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == png


@pytest.mark.parametrize("kind", list(HOSTILE), ids=list(HOSTILE))
@pytest.mark.parametrize("method,suffix", [("DELETE", ""), ("GET", "/details")], ids=["delete", "details"])
def test_hostile_file_id(server, survivor, kind, method, suffix):
    target = f"/v1/files/{HOSTILE[kind]}{suffix}"
    resp = raw_request(server.base_url, method, target, [("Authorization", basic(server.private_key))])
    assert 400 <= resp.status < 500, resp.describe()
    assert_json_error(resp)
    _still_serving(server, survivor)


@pytest.mark.parametrize("kind", ["encoded-traversal", "very-long", "nul-inside", "hex-23", "upper-hex"])
def test_hostile_ids_in_bulk_delete(server, survivor, kind):
    """Malformed ids inside a bulk delete body: 4xx JSON, and the valid id in the same batch survives."""
    import urllib.parse

    bad = urllib.parse.unquote(HOSTILE[kind])
    r = requests.post(server.base_url + "/v1/files/batch/deleteByFileIds", auth=server.auth,
                      json={"fileIds": [survivor[0]["fileId"], bad]}, timeout=TIMEOUT)
    assert 400 <= r.status_code < 500, r.text[:300]
    assert_json_error(r)
    _still_serving(server, survivor)


def test_wellformed_unknown_id_is_404(server):
    resp = raw_request(server.base_url, "DELETE", "/v1/files/0123456789abcdef01234567",
                       [("Authorization", basic(server.private_key))])
    assert_json_error(resp, 404, "The requested file does not exist.")


def test_malformed_id_is_400_invalid_file_id(server):
    """Spec §2.0/§2.5: malformed ids → 400 `Your request contains invalid fileId parameter.`"""
    for fid in ("0123456789abcdef0123456", "zzzzzzzzzzzzzzzzzzzzzzzz"):
        resp = raw_request(server.base_url, "GET", f"/v1/files/{fid}/details",
                           [("Authorization", basic(server.private_key))])
        assert_json_error(resp, 400, "Your request contains invalid fileId parameter.")
