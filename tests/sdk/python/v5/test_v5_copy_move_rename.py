"""imagekitio 5.x: `files.copy`, `files.move`, `files.rename` (F5–F7), incl. version handling, the
409 on a rename clash (which the SDK must not retry) and bad inputs."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError, ConflictError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from lib5 import counting_client, snapshot, upload_png


def _get(url):
    return requests.get(url, timeout=TIMEOUT)


def _by_path(client, path):
    folder, name = path.rsplit("/", 1)
    hits = [f for f in client.assets.list(path=folder or "/") if f.name == name]
    assert len(hits) <= 1
    return hits[0] if hits else None


# ---- copy --------------------------------------------------------------------------------------

def test_copy_current_version_only(client, folder):
    v1 = upload_png(client, folder, "c.png", w=2, h=2, tags=["t"])
    v2 = upload_png(client, folder, "c.png", w=5, h=3)
    raw = client.files.with_raw_response.copy(source_file_path=v1.file_path, destination_path=folder + "/dst/")
    assert raw.status_code == 204
    assert raw.parse() is None
    copy = _by_path(client, f"{folder}/dst/c.png")
    assert copy is not None
    assert copy.file_id != v1.file_id
    assert (copy.width, copy.height) == (5, 3)
    assert len(client.files.versions.list(copy.file_id)) == 1
    assert _get(copy.url).content == _get(v2.url).content
    # the source is untouched
    assert len(client.files.versions.list(v1.file_id)) == 2
    assert client.files.get(v1.file_id).file_path == v1.file_path


def test_copy_include_file_versions(client, folder):
    upload_png(client, folder, "cv.png", w=2, h=2)
    src = upload_png(client, folder, "cv.png", w=3, h=3)
    client.files.copy(source_file_path=src.file_path, destination_path=folder + "/dst", include_file_versions=True)
    copy = _by_path(client, f"{folder}/dst/cv.png")
    vs = client.files.versions.list(copy.file_id)
    assert sorted((v.width, v.height) for v in vs) == [(2, 2), (3, 3)]
    assert (copy.width, copy.height) == (3, 3)


def test_copy_name_collision_appends_versions(client, folder):
    src = upload_png(client, folder, "same.png", w=7, h=7)
    dst = upload_png(client, folder + "/dst", "same.png", w=2, h=2)
    client.files.copy(source_file_path=src.file_path, destination_path=folder + "/dst/")
    d = client.files.get(dst.file_id)
    assert d.file_path == f"{folder}/dst/same.png", "the destination file keeps its id"
    assert (d.width, d.height) == (7, 7), "the copied version becomes current"
    assert d.version_info.name == "Version 2"
    assert len(client.files.versions.list(dst.file_id)) == 2


def test_copy_source_missing_404(client, folder):
    before = snapshot(client, folder)
    with pytest.raises(NotFoundError) as ei:
        client.files.copy(source_file_path=f"{folder}/nope.png", destination_path=folder + "/dst/")
    body = assert_json_error(ei.value.response, 404, f"No file found with filePath `{folder}/nope.png`.")
    assert body.get("reason") == "SOURCE_FILE_MISSING"
    assert snapshot(client, folder) == before


@pytest.mark.parametrize("op", ["copy", "move"])
@pytest.mark.parametrize("body,reason", [
    ({"destinationPath": "/x/"}, "MISSING_PARAMETER"),
    ({"sourceFilePath": "SRC"}, "MISSING_PARAMETER"),
    ({"sourceFilePath": 5, "destinationPath": "/x/"}, None),
    ({"sourceFilePath": "SRC", "destinationPath": ["x"]}, None),
    ({"sourceFilePath": "SRC", "destinationPath": "DIR"}, "SAME_SOURCE_AND_DESTINATION"),
    ({"sourceFilePath": "SRC", "destinationPath": "/a/../b/"}, "INVALID_FOLDER_PATH"),
])
def test_copy_move_bad_inputs(server, client, folder, op, body, reason):
    r = upload_png(client, folder, "bad.png")
    body = {k: (r.file_path if v == "SRC" else folder + "/" if v == "DIR" else v) for k, v in body.items()}
    before = snapshot(client, folder)
    resp = requests.post(f"{server.base_url}/v1/files/{op}", json=body, auth=server.auth, timeout=TIMEOUT)
    got = assert_json_error(resp, 400)
    if reason:
        assert got.get("reason") == reason, got
    assert snapshot(client, folder) == before


# ---- move --------------------------------------------------------------------------------------

def test_move_file_with_versions(client, folder):
    upload_png(client, folder, "m.png", w=2, h=2)
    src = upload_png(client, folder, "m.png", w=4, h=4)
    raw = client.files.with_raw_response.move(source_file_path=src.file_path, destination_path=folder + "/moved/")
    assert raw.status_code == 204 and raw.parse() is None
    d = client.files.get(src.file_id)
    assert d.file_path == f"{folder}/moved/m.png", "move keeps the fileId"
    assert d.url.endswith(f"{folder}/moved/m.png")
    assert len(client.files.versions.list(src.file_id)) == 2
    assert _by_path(client, f"{folder}/m.png") is None
    assert _get(d.url).status_code == 200


def test_move_name_collision_appends_versions(client, folder):
    src = upload_png(client, folder, "mc.png", w=6, h=6)
    dst = upload_png(client, folder + "/dst", "mc.png", w=2, h=2)
    client.files.move(source_file_path=src.file_path, destination_path=folder + "/dst/")
    d = client.files.get(dst.file_id)
    assert d.file_path == f"{folder}/dst/mc.png"
    assert (d.width, d.height) == (6, 6)
    assert len(client.files.versions.list(dst.file_id)) == 2
    assert _by_path(client, f"{folder}/mc.png") is None


def test_move_source_missing_404(client, folder):
    with pytest.raises(NotFoundError) as ei:
        client.files.move(source_file_path=f"{folder}/gone.png", destination_path="/")
    body = assert_json_error(ei.value.response, 404)
    assert body.get("reason") == "SOURCE_FILE_MISSING"


# ---- rename ------------------------------------------------------------------------------------

def test_rename_plain(client, folder):
    upload_png(client, folder, "old.png", w=2, h=2)
    r = upload_png(client, folder, "old.png", w=3, h=3)
    raw = client.files.with_raw_response.rename(file_path=r.file_path, new_file_name="new name.png")
    assert raw.status_code == 200
    res = raw.parse()
    assert res.purge_request_id is None
    d = client.files.get(r.file_id)
    assert d.name == "new_name.png", "newFileName is sanitised"
    assert d.file_path == f"{folder}/new_name.png"
    vs = client.files.versions.list(r.file_id)
    assert {v.file_path for v in vs} == {f"{folder}/new_name.png"}, "rename renames all versions"
    assert _get(d.url).status_code == 200


def test_rename_purge_cache(client, folder):
    r = upload_png(client, folder, "p.png")
    assert _get(r.url).status_code == 200  # now cached
    res = client.files.rename(file_path=r.file_path, new_file_name="q.png", purge_cache=True)
    assert res.purge_request_id and len(res.purge_request_id) == 24
    status = client.cache.invalidation.get(res.purge_request_id)
    assert status.status in ("Pending", "Completed")


def test_rename_clash_is_409_not_retried(server, folder):
    c, sent = counting_client(server)
    try:
        a = upload_png(c, folder, "a.png")
        upload_png(c, folder, "b.png")
        before = snapshot(c, folder)
        sent.clear()
        with pytest.raises(ConflictError) as ei:
            c.files.rename(file_path=a.file_path, new_file_name="b.png")
        assert len(sent) == 1, f"the SDK retried the 409 {len(sent) - 1} times"
        assert ei.value.status_code == 409
        assert ei.value.response.headers.get("x-should-retry") == "false"
        body = assert_json_error(ei.value.response, 409)
        assert body.get("reason") == "FILE_ALREADY_EXISTS"
        assert snapshot(c, folder) == before
    finally:
        c.close()


def test_rename_missing_file_404(client, folder):
    with pytest.raises(NotFoundError) as ei:
        client.files.rename(file_path=f"{folder}/none.png", new_file_name="x.png")
    body = assert_json_error(ei.value.response, 404)
    assert body.get("reason") == "FILE_MISSING"


@pytest.mark.parametrize("body,reason", [
    ({"newFileName": "x.png"}, "MISSING_PARAMETER"),
    ({"filePath": "SRC"}, "MISSING_PARAMETER"),
    ({"filePath": "SRC", "newFileName": 7}, "INVALID_PARAMETER"),
    ({"filePath": "SRC", "newFileName": "r.png"}, "SAME_OLD_AND_NEW_NAME"),
    ({"filePath": "SRC", "newFileName": "x.png", "purgeCache": "yes"}, None),
])
def test_rename_bad_inputs(server, client, folder, body, reason):
    r = upload_png(client, folder, "r.png")
    body = {k: (r.file_path if v == "SRC" else v) for k, v in body.items()}
    before = snapshot(client, folder)
    resp = requests.put(f"{server.base_url}/v1/files/rename", json=body, auth=server.auth, timeout=TIMEOUT)
    got = assert_json_error(resp, 400)
    if reason:
        assert got.get("reason") == reason, got
    assert snapshot(client, folder) == before
