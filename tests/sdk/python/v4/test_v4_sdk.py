"""imagekitio 4.x (the client on ImageKit's "Delete file" page), hosts patched to halftone.

What 4.2 needs (read from its source, imagekitio/file.py + utils/utils.py):
* upload: exactly 200, and the answer must carry `AITags` (null or array) and `versionInfo`
  or UploadFileResult(**body) raises TypeError;
* delete_file: exactly 204 → ResponseMetadataResult, anything else → general_api_throw_exception
  (404 → UnknownException);
* get_file_details: 200, 404 → UnknownException;
* bulk_file_delete: 200; 404 → throw_other_exception → NotFoundException, reading body["help"]
  with no fallback;
* purge_file_cache: exactly 201; get_purge_file_cache_status: 200.
"""

from __future__ import annotations

import base64
import time

import pytest
import requests
from imagekitio.exceptions.ForbiddenException import ForbiddenException
from imagekitio.exceptions.NotFoundException import NotFoundException
from imagekitio.exceptions.UnknownException import UnknownException
from imagekitio.models.UploadFileRequestOptions import UploadFileRequestOptions
from imagekitio.models.results.UploadFileResult import UploadFileResult

from httpkit import FILE_ID_RE, HELP_TEXTS, TIMEOUT
from images import make_jpeg, make_png

NOT_FOUND = "The requested file does not exist."
UNKNOWN_ID = "0123456789abcdef01234567"


def _upload(ik4, tmp_path, folder, name="v4.png", data=None, **opts) -> tuple[UploadFileResult, bytes]:
    data = data if data is not None else make_png(5, 3)
    path = tmp_path / name
    path.write_bytes(data)
    with open(path, "rb") as fh:
        r = ik4.upload_file(file=fh, file_name=name, options=UploadFileRequestOptions(folder=folder, **opts))
    return r, data


def test_upload_file_answer_parses(server, ik4, tmp_path, folder):
    r, png = _upload(
        ik4, tmp_path, folder, "up4.png",
        use_unique_file_name=False,
        tags=["red", "green"],
        is_private_file=False,
        custom_coordinates="1,1,2,2",
        response_fields=["tags", "custom_coordinates", "is_private_file"],
    )
    assert isinstance(r, UploadFileResult)
    meta = r.response_metadata
    assert meta.http_status_code == 200
    raw = meta.raw
    assert "AITags" in raw and (raw["AITags"] is None or isinstance(raw["AITags"], list)), raw
    assert isinstance(raw.get("versionInfo"), dict), raw
    assert FILE_ID_RE.match(r.file_id)
    assert r.name == "up4.png"
    assert r.file_path == f"{folder}/up4.png"
    assert r.url == server.url_endpoint + r.file_path
    assert r.version_info.id == r.file_id and r.version_info.name == "Version 1"
    assert (r.width, r.height, r.size) == (5, 3, len(png))
    assert r.tags == ["red", "green"]
    assert r.custom_coordinates == "1,1,2,2"
    assert r.is_private_file is False
    got = requests.get(r.url, timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == png


def test_upload_base64_string(server, ik4, folder):
    jpg = make_jpeg(24, 16, 60)
    r = ik4.upload_file(file=base64.b64encode(jpg).decode(), file_name="b64.jpg",
                        options=UploadFileRequestOptions(folder=folder))
    assert r.response_metadata.http_status_code == 200
    assert (r.width, r.height, r.size) == (24, 16, len(jpg))
    got = requests.get(r.url, timeout=TIMEOUT)
    assert got.status_code == 200 and got.content == jpg


def test_get_file_details(server, ik4, tmp_path, folder):
    r, png = _upload(ik4, tmp_path, folder, "det4.png")
    d = ik4.get_file_details(r.file_id)
    assert d.response_metadata.http_status_code == 200
    assert d.file_id == r.file_id
    assert d.type == "file"
    assert d.name == r.name and d.file_path == r.file_path
    assert d.version_info.name == "Version 1"
    assert d.mime == "image/png"
    assert (d.width, d.height, d.size) == (5, 3, len(png))


def test_delete_file_204_then_unknown_exception(server, ik4, tmp_path, folder):
    r, _ = _upload(ik4, tmp_path, folder, "del4.png")
    res = ik4.delete_file(file_id=r.file_id)
    assert res.response_metadata.http_status_code == 204
    assert res.response_metadata.raw is None
    assert res.response_metadata.headers.get("x-ik-requestId")

    with pytest.raises(UnknownException) as ei:
        ik4.get_file_details(r.file_id)
    assert ei.value.message == NOT_FOUND
    assert ei.value.response_metadata.http_status_code == 404

    with pytest.raises(UnknownException) as ei:
        ik4.delete_file(file_id=r.file_id)
    assert ei.value.message == NOT_FOUND
    assert ei.value.response_help in HELP_TEXTS
    assert ei.value.response_metadata.http_status_code == 404


def test_bulk_file_delete_success(server, ik4, tmp_path, folder):
    ids = [_upload(ik4, tmp_path, folder, f"b{i}.png")[0].file_id for i in range(3)]
    res = ik4.bulk_file_delete(ids)
    assert res.response_metadata.http_status_code == 200
    assert sorted(res.successfully_deleted_file_ids) == sorted(ids)
    for fid in ids:
        with pytest.raises(UnknownException):
            ik4.get_file_details(fid)


def test_bulk_file_delete_unknown_id(server, ik4, tmp_path, folder):
    ids = [_upload(ik4, tmp_path, folder, f"k{i}.png")[0].file_id for i in range(2)]
    # A KeyError here would mean the 404 body has no `help` (4.x reads it without a fallback).
    with pytest.raises(NotFoundException) as ei:
        ik4.bulk_file_delete(ids + [UNKNOWN_ID])
    e = ei.value
    assert e.message == "The requested file(s) does not exist."
    assert e.response_help in HELP_TEXTS
    assert e.response_metadata.http_status_code == 404
    assert e.response_metadata.raw["missingFileIds"] == [UNKNOWN_ID]
    for fid in ids:
        assert ik4.get_file_details(fid).file_id == fid


def test_purge_file_cache_flow(server, ik4, tmp_path, folder):
    r, png = _upload(ik4, tmp_path, folder, "purge4.png")
    assert requests.get(r.url, timeout=TIMEOUT).content == png
    ik4.delete_file(file_id=r.file_id)
    cached = requests.get(r.url, timeout=TIMEOUT)
    assert cached.status_code == 200 and cached.content == png

    res = ik4.purge_file_cache(file_url=r.url)
    assert res.response_metadata.http_status_code == 201
    assert res.request_id

    status = None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        st = ik4.get_purge_file_cache_status(res.request_id)
        assert st.response_metadata.http_status_code == 200
        status = st.status
        if status == "Completed":
            break
        assert status == "Pending"
        time.sleep(0.2)
    assert status == "Completed"
    assert requests.get(r.url, timeout=TIMEOUT).status_code == 404


def test_wrong_key_is_forbidden(server, ik4):
    from imagekitio import ImageKit

    bad = ImageKit(public_key=server.public_key, private_key="private_wrong_key",
                   url_endpoint=server.url_endpoint)
    with pytest.raises(ForbiddenException) as ei:
        bad.get_file_details(UNKNOWN_ID)
    assert ei.value.message == "Your account cannot be authenticated."
    assert ei.value.response_metadata.http_status_code == 403
