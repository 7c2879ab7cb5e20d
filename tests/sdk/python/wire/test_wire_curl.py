"""The README flow with the real `curl` binary (issue 2, "What a user can do")."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from images import make_jpeg

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl binary not installed")


def curl(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-sS", "--max-time", "20", *args], capture_output=True, cwd=cwd, timeout=30)


def test_curl_upload_then_delete_204_empty_then_404(server, tmp_path):
    jpg = make_jpeg(32, 16, 100)
    (tmp_path / "cat.jpg").write_bytes(jpg)
    key = server.private_key

    up = curl("-u", f"{key}:", "-F", "file=@cat.jpg", "-F", "fileName=cat.jpg",
              f"{server.base_url}/api/v1/files/upload", cwd=tmp_path)
    assert up.returncode == 0, up.stderr
    res = json.loads(up.stdout)
    file_id = res["fileId"]
    assert res["name"].startswith("cat") and res["name"].endswith(".jpg")
    assert res["size"] == len(jpg)
    assert (res["width"], res["height"]) == (32, 16)
    assert res["versionInfo"]["name"] == "Version 1"

    body = tmp_path / "delete-body"
    headers = tmp_path / "delete-headers"
    rm = curl("-X", "DELETE", f"{server.base_url}/v1/files/{file_id}", "-u", f"{key}:",
              "-o", str(body), "-D", str(headers), "-w", "%{http_code}")
    assert rm.returncode == 0, rm.stderr
    assert rm.stdout.decode() == "204"
    assert body.exists() and body.stat().st_size == 0, f"204 must have an EMPTY body: {body.read_bytes()!r}"
    assert "x-ik-requestid:" in headers.read_text().lower()

    again = curl("-X", "DELETE", f"{server.base_url}/v1/files/{file_id}", "-u", f"{key}:",
                 "-o", str(body), "-D", str(headers), "-w", "%{http_code}")
    assert again.stdout.decode() == "404"
    err = json.loads(body.read_bytes())
    assert err["message"] == "The requested file does not exist."
    assert isinstance(err.get("help"), str)
    assert "application/json" in headers.read_text().lower()

    det = curl(f"{server.base_url}/v1/files/{file_id}/details", "-u", f"{key}:", "-w", "\n%{http_code}")
    text, code = det.stdout.decode().rsplit("\n", 1)
    assert code == "404"
    assert json.loads(text)["message"] == "The requested file does not exist."


def test_curl_details_and_delivery(server, tmp_path, folder):
    jpg = make_jpeg(8, 8, 140)
    (tmp_path / "dog.jpg").write_bytes(jpg)
    up = curl("-u", f"{server.private_key}:", "-F", "file=@dog.jpg", "-F", "fileName=dog.jpg",
              "-F", "useUniqueFileName=false", "-F", f"folder={folder}",
              f"{server.base_url}/api/v1/files/upload", cwd=tmp_path)
    res = json.loads(up.stdout)
    assert res["filePath"] == f"{folder}/dog.jpg"
    det = curl("-u", f"{server.private_key}:", f"{server.base_url}/v1/files/{res['fileId']}/details")
    d = json.loads(det.stdout)
    assert d["mime"] == "image/jpeg" and d["fileType"] == "image"
    out = tmp_path / "fetched"
    got = curl("-o", str(out), "-w", "%{http_code} %{content_type}", res["url"])
    code, ctype = got.stdout.decode().split(" ", 1)
    assert code == "200" and ctype.startswith("image/jpeg")
    assert out.read_bytes() == jpg
