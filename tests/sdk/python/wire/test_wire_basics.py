"""Start-up banner, /healthz, and `x-ik-requestId` on every response (spec §1.1)."""

from __future__ import annotations

import json

import requests

from httpkit import TIMEOUT, basic, raw_request, upload
from images import make_png


def test_banner_prints_the_configured_keys(server):
    assert server.private_key == server.env_private_key, server.banner
    assert server.public_key == server.env_public_key, server.banner
    assert server.base_url.startswith("http://127.0.0.1:")
    assert not server.base_url.endswith(":0"), "the banner must show the real port, not 0"
    assert server.url_endpoint == server.base_url + "/media", "default URL endpoint is http://<listen>/media"


def test_healthz_needs_no_auth(server):
    r = requests.get(server.base_url + "/healthz", timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.headers.get("x-ik-requestId")


def test_every_response_has_a_request_id(server, folder):
    png = make_png(2, 2)
    res = upload(server, png, "rid.png", folder=folder)
    fid = res["fileId"]
    a = ("Authorization", basic(server.private_key))
    js = ("Content-Type", "application/json")
    endpoint_path = server.url_endpoint[len(server.base_url):]
    seen = []
    responses = [
        raw_request(server.base_url, "GET", "/healthz"),
        raw_request(server.base_url, "GET", f"/v1/files/{fid}/details", [a]),
        raw_request(server.base_url, "GET", endpoint_path + res["filePath"]),
        raw_request(server.base_url, "HEAD", endpoint_path + res["filePath"]),
        raw_request(server.base_url, "GET", endpoint_path + res["filePath"], [("Range", "bytes=0-1")]),
        raw_request(server.base_url, "GET", endpoint_path + "/nope.png"),
        raw_request(server.base_url, "POST", "/v1/files/purge", [a, js],
                    json.dumps({"url": res["url"]}).encode()),
        raw_request(server.base_url, "DELETE", f"/v1/files/{fid}", [a]),
        raw_request(server.base_url, "DELETE", f"/v1/files/{fid}", [a]),
        raw_request(server.base_url, "GET", f"/v1/files/{fid}/details"),
        raw_request(server.base_url, "GET", f"/v1/files/{fid}/details", [("Authorization", basic("private_x"))]),
        raw_request(server.base_url, "GET", "/unknown/route"),
        raw_request(server.base_url, "POST", "/v1/files/batch/deleteByFileIds", [a, js], b"{bad json"),
        raw_request(server.base_url, "GET", "/v1/files", [a]),
    ]
    for resp in responses:
        rid = resp.header("x-ik-requestId")
        assert rid, f"missing x-ik-requestId: {resp.describe()}"
        seen.append(rid)
    assert len(set(seen)) == len(seen), f"request ids must be unique: {seen}"


def test_request_id_on_sdk_style_upload(server, folder):
    r = requests.post(server.base_url + "/api/v1/files/upload", auth=(server.private_key, "do_not_set"),
                      files={"file": ("x.png", make_png(2, 2), "image/png")},
                      data={"fileName": "x.png", "folder": folder}, timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.headers.get("x-ik-requestId")
    assert "application/json" in r.headers["Content-Type"]
