"""Server settings seen from outside: generated keys kept in the data dir, durability across a
SIGKILL, HALFTONE_URL_ENDPOINT (path prefix and root) — issue 2 "The server and its settings"."""

from __future__ import annotations

import time

import requests

from httpkit import TIMEOUT, upload
from images import make_png


def _details(srv, fid):
    return requests.get(f"{srv.base_url}/v1/files/{fid}/details", auth=srv.auth, timeout=TIMEOUT)


def test_generated_keys_are_printed_and_kept(server_factory, tmp_path):
    data = str(tmp_path / "data")
    first = server_factory(data_dir=data, set_keys=False)
    assert first.private_key.startswith("private_") and len(first.private_key) > len("private_") + 8
    assert first.public_key.startswith("public_") and len(first.public_key) > len("public_") + 8
    assert first.private_key != first.env_private_key
    r = _details(first, "0123456789abcdef01234567")
    assert r.status_code == 404, "the printed private key must authenticate"
    keys = (first.private_key, first.public_key)
    first.stop()
    second = server_factory(data_dir=data, set_keys=False)
    assert (second.private_key, second.public_key) == keys, "generated keys are kept in the data dir"


def test_acknowledged_upload_survives_sigkill(server_factory, tmp_path, folder):
    data = str(tmp_path / "data")
    keys = ("private_durable_" + folder[3:], "public_durable_" + folder[3:])
    first = server_factory(data_dir=data, keys=keys)
    v1, v2 = make_png(3, 3), make_png(5, 5)
    a = upload(first, v1, "durable.png", folder=folder, useUniqueFileName="false")
    b = upload(first, v2, "durable.png", folder=folder, useUniqueFileName="false")
    assert b["fileId"] == a["fileId"] and b["versionInfo"]["name"] == "Version 2"
    first.kill()

    second = server_factory(data_dir=data, keys=keys)
    d = _details(second, a["fileId"])
    assert d.status_code == 200, d.text[:300]
    body = d.json()
    assert body["versionInfo"]["name"] == "Version 2" and body["size"] == len(v2)
    got = requests.get(second.url_endpoint + body["filePath"], timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == v2


def test_url_endpoint_with_path_prefix(server_factory, folder):
    srv = server_factory({"HALFTONE_URL_ENDPOINT": "http://cdn.example.test/assets"})
    assert srv.url_endpoint == "http://cdn.example.test/assets"
    png = make_png(2, 3)
    res = upload(srv, png, "ep.png", folder=folder, useUniqueFileName="false")
    assert res["url"] == "http://cdn.example.test/assets" + res["filePath"]
    got = requests.get(srv.base_url + "/assets" + res["filePath"], timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == png
    assert requests.get(srv.base_url + "/media" + res["filePath"], timeout=TIMEOUT).status_code == 404

    requests.delete(f"{srv.base_url}/v1/files/{res['fileId']}", auth=srv.auth, timeout=TIMEOUT)
    assert requests.get(srv.base_url + "/assets" + res["filePath"], timeout=TIMEOUT).status_code == 200
    p = requests.post(srv.base_url + "/v1/files/purge", auth=srv.auth, json={"url": res["url"]}, timeout=TIMEOUT)
    assert p.status_code == 201, p.text[:300]
    deadline = time.monotonic() + 10
    while requests.get(f"{srv.base_url}/v1/files/purge/{p.json()['requestId']}", auth=srv.auth,
                       timeout=TIMEOUT).json()["status"] != "Completed":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert requests.get(srv.base_url + "/assets" + res["filePath"], timeout=TIMEOUT).status_code == 404


def test_url_endpoint_at_root(server_factory, folder):
    srv = server_factory({"HALFTONE_URL_ENDPOINT": "http://cdn.example.test/"})
    png = make_png(3, 2)
    res = upload(srv, png, "root.png", folder=folder, useUniqueFileName="false")
    assert res["url"] == "http://cdn.example.test" + res["filePath"]
    got = requests.get(srv.base_url + res["filePath"], timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == png
    # the API still answers on the same origin
    assert requests.get(srv.base_url + "/healthz", timeout=TIMEOUT).status_code == 200
    assert _details(srv, res["fileId"]).status_code == 200
