"""imagekitio 5.x: details, delete (204 → None, then 404), bulk delete both ways."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
from imagekitio import NotFoundError

from httpkit import FILE_ID_RE, ISO_MS_RE, TIMEOUT, assert_json_error
from images import make_png

NOT_FOUND = "The requested file does not exist."
UNKNOWN_ID = "0123456789abcdef01234567"


def _upload(client, folder, name="f.png", **kw):
    png = make_png(3, 2)
    return client.files.upload(file=(name, png, "image/png"), file_name=name, folder=folder, **kw), png


def test_details_file_object(server, client, folder):
    r, png = _upload(client, folder, "details.png")
    raw = client.files.with_raw_response.get(r.file_id)
    assert raw.status_code == 200
    assert "application/json" in raw.headers.get("content-type", "")
    body = json.loads(raw.read())
    d = raw.parse()
    assert d.type == "file"
    assert d.file_id == r.file_id and FILE_ID_RE.match(d.file_id)
    assert d.name == r.name
    assert d.file_path == f"{folder}/{r.name}"
    assert d.url == server.url_endpoint + d.file_path
    assert d.thumbnail and d.thumbnail.startswith(server.url_endpoint)
    assert d.file_type == "image"
    assert d.mime == "image/png"
    assert d.size == len(png)
    assert (d.width, d.height) == (3, 2)
    assert d.has_alpha is False
    assert d.is_private_file is False
    assert d.is_published is True
    assert d.tags is None, "tags are null when none (spec §3.1)"
    assert d.custom_coordinates is None
    assert d.custom_metadata == {}
    assert d.version_info.id == d.file_id and d.version_info.name == "Version 1"
    assert isinstance(d.created_at, dt.datetime) and isinstance(d.updated_at, dt.datetime)
    for key in ("createdAt", "updatedAt"):
        assert ISO_MS_RE.match(body[key]), f"{key} must be ISO 8601 UTC with milliseconds: {body[key]!r}"
    for key in ("fileId", "type", "name", "filePath", "url", "thumbnail", "fileType", "mime", "size", "height",
                "width", "hasAlpha", "tags", "AITags", "versionInfo", "isPrivateFile", "isPublished",
                "customCoordinates", "customMetadata", "createdAt", "updatedAt"):
        assert key in body, f"File object lacks `{key}` (spec §3.1): {body}"


def test_details_unknown_id_is_404(server, client):
    with pytest.raises(NotFoundError) as ei:
        client.files.get(UNKNOWN_ID)
    assert ei.value.status_code == 404
    assert_json_error(ei.value.response, 404, NOT_FOUND)


def test_delete_returns_none_then_404(server, client, folder):
    r, _ = _upload(client, folder, "del.png")
    assert client.files.delete(r.file_id) is None
    with pytest.raises(NotFoundError) as ei:
        client.files.get(r.file_id)
    assert_json_error(ei.value.response, 404, NOT_FOUND)
    with pytest.raises(NotFoundError) as ei:
        client.files.delete(r.file_id)
    assert_json_error(ei.value.response, 404, NOT_FOUND)


def test_delete_is_204_with_empty_body(server, client, folder):
    r, _ = _upload(client, folder, "del204.png")
    raw = client.files.with_raw_response.delete(r.file_id)
    assert raw.status_code == 204
    assert raw.read() == b""
    assert raw.headers.get("x-ik-requestId")
    assert raw.parse() is None


def test_delete_removes_all_versions_and_delivery(server, client, folder):
    r1, _ = _upload(client, folder, "versions.png", use_unique_file_name=False)
    r2, _ = _upload(client, folder, "versions.png", use_unique_file_name=False)
    assert r2.file_id == r1.file_id and r2.version_info.name == "Version 2"
    client.files.delete(r1.file_id)
    with pytest.raises(NotFoundError):
        client.files.get(r1.file_id)
    # never fetched before the delete, so nothing is cached: gone
    got = requests.get(r1.url, timeout=TIMEOUT)
    assert got.status_code == 404
    assert_json_error(got, 404)
    # the path is free again: a new upload there is a new file, Version 1
    r3, _ = _upload(client, folder, "versions.png", use_unique_file_name=False)
    assert r3.file_id != r1.file_id
    assert r3.version_info.name == "Version 1"


def test_bulk_delete_all_found(server, client, folder):
    ids = [_upload(client, folder, f"bulk{i}.png")[0].file_id for i in range(3)]
    raw = client.files.bulk.with_raw_response.delete(file_ids=ids)
    assert raw.status_code == 200
    res = raw.parse()
    assert sorted(res.successfully_deleted_file_ids) == sorted(ids)
    for fid in ids:
        with pytest.raises(NotFoundError):
            client.files.get(fid)


def test_bulk_delete_with_unknown_id_deletes_nothing(server, client, folder):
    uploads = [_upload(client, folder, f"keep{i}.png") for i in range(2)]
    ids = [u[0].file_id for u in uploads]
    with pytest.raises(NotFoundError) as ei:
        client.files.bulk.delete(file_ids=ids + [UNKNOWN_ID])
    assert ei.value.status_code == 404
    body = assert_json_error(ei.value.response, 404, "The requested file(s) does not exist.")
    assert body.get("missingFileIds") == [UNKNOWN_ID], body
    for (r, png), fid in zip(uploads, ids):
        d = client.files.get(fid)
        assert d.file_id == fid
        got = requests.get(r.url, timeout=TIMEOUT)
        assert got.status_code == 200 and got.content == png
