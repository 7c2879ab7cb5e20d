"""imagekitio 5.x: `folders.create / delete / copy / move / rename` and `folders.job.get` (D1–D6)."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from lib5 import UNKNOWN_ID, search, snapshot, upload_png, wait_job


def _get(url):
    return requests.get(url, timeout=TIMEOUT)


def _tree(client, root):
    """{(type, path)} under root, paths relative to root."""
    out = set()
    for it in search(client, f'path : "{root}/"'):
        p = it.folder_path if it.type == "folder" else it.file_path
        out.add((it.type, p[len(root):]))
    return out


def _populate(client, folder):
    src = folder + "/src"
    upload_png(client, src, "one.png", w=2, h=2)
    upload_png(client, src, "one.png", w=3, h=3)  # second version
    upload_png(client, src + "/inner", "two.png")
    return src


def test_create_folder(client, folder):
    raw = client.folders.with_raw_response.create(folder_name="new folder", parent_folder_path=folder + "/")
    assert raw.status_code == 201
    assert raw.parse().to_dict() == {}
    got = client.assets.list(path=folder, type="folder")
    assert [(f.name, f.folder_path) for f in got] == [("new_folder", folder + "/new_folder")], \
        "non letter/digit characters become _"


def test_create_folder_missing_parents(client, folder):
    client.folders.create(folder_name="leaf", parent_folder_path=folder + "/a/b")
    assert [f.folder_path for f in client.assets.list(path=folder + "/a", type="folder")] == [folder + "/a/b"]
    assert [f.folder_path for f in client.assets.list(path=folder + "/a/b", type="folder")] == [folder + "/a/b/leaf"]


@pytest.mark.parametrize("name", [".", ".."])
def test_create_folder_dot_names_400(client, folder, name):
    with pytest.raises(BadRequestError) as ei:
        client.folders.create(folder_name=name, parent_folder_path=folder)
    body = assert_json_error(ei.value.response, 400, "'.' & '..' can not be used as folder-name")
    assert body.get("reason") == "INVALID_FOLDER_PATH"


@pytest.mark.parametrize("body", [
    {"parentFolderPath": "/"},
    {"folderName": 5, "parentFolderPath": "/"},
    {"folderName": "x", "parentFolderPath": ["/"]},
    {"folderName": "", "parentFolderPath": "/"},
])
def test_create_folder_bad_inputs(server, client, folder, body):
    before = snapshot(client, folder)
    resp = requests.post(f"{server.base_url}/v1/folder", json=body, auth=server.auth, timeout=TIMEOUT)
    assert_json_error(resp, 400)
    assert snapshot(client, folder) == before


def test_delete_folder_recursive(client, folder):
    src = _populate(client, folder)
    one = client.assets.list(path=src)[0]
    raw = client.folders.with_raw_response.delete(folder_path=src + "/")
    assert raw.status_code == 204 and raw.parse() is None
    assert _tree(client, src) == set()
    assert client.assets.list(path=folder, type="folder") == []
    with pytest.raises(NotFoundError):
        client.files.get(one.file_id)
    assert _get(one.url).status_code == 404


def test_delete_folder_missing_404(client, folder):
    with pytest.raises(NotFoundError) as ei:
        client.folders.delete(folder_path=folder + "/nothing/")
    body = assert_json_error(ei.value.response, 404)
    assert body.get("reason") == "FOLDER_NOT_FOUND"


def test_copy_folder_job(client, folder):
    src = _populate(client, folder)
    before = _tree(client, src)
    raw = client.folders.with_raw_response.copy(source_folder_path=src, destination_path=folder + "/dst")
    assert raw.status_code == 200
    job_id = raw.parse().job_id
    assert job_id and len(job_id) == 24
    job = wait_job(client, job_id)
    assert job.type == "COPY_FOLDER"
    assert _tree(client, folder + "/dst/src") == before, "the source folder is copied into the destination"
    assert _tree(client, src) == before, "copy leaves the source in place"
    copied = [f for f in client.assets.list(path=folder + "/dst/src") if f.name == "one.png"][0]
    assert len(client.files.versions.list(copied.file_id)) == 1, "includeVersions defaults to false"
    assert (copied.width, copied.height) == (3, 3)
    assert _get(copied.url).status_code == 200


def test_copy_folder_include_versions(client, folder):
    src = _populate(client, folder)
    job = client.folders.copy(source_folder_path=src + "/", destination_path=folder + "/dst/", include_versions=True)
    wait_job(client, job.job_id)
    copied = [f for f in client.assets.list(path=folder + "/dst/src") if f.name == "one.png"][0]
    assert len(client.files.versions.list(copied.file_id)) == 2


def test_move_folder_job(client, folder):
    src = _populate(client, folder)
    before = _tree(client, src)
    ids = {f.file_id for f in search(client, f'path : "{src}/" AND type = "file"')}
    job = client.folders.move(source_folder_path=src, destination_path=folder + "/dst")
    done = wait_job(client, job.job_id)
    assert done.type == "MOVE_FOLDER"
    assert _tree(client, folder + "/dst/src") == before
    assert _tree(client, src) == set()
    assert not any(f.folder_path == src for f in client.assets.list(path=folder, type="folder"))
    assert {f.file_id for f in search(client, f'path : "{folder}/dst/src/" AND type = "file"')} == ids, \
        "moved files keep their ids"


def test_move_folder_into_own_child_400(client, folder):
    src = _populate(client, folder)
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.folders.move(source_folder_path=src, destination_path=src + "/inner")
    body = assert_json_error(ei.value.response, 400)
    assert body.get("reason") == "INVALID_DESTINATION_PATH", body
    assert snapshot(client, folder) == before


def test_rename_folder_job(client, folder):
    src = _populate(client, folder)
    before = _tree(client, src)
    job = client.folders.rename(folder_path=src, new_folder_name="re named")
    done = wait_job(client, job.job_id)
    assert done.type == "RENAME_FOLDER"
    assert done.purge_request_id is None
    assert _tree(client, folder + "/re_named") == before
    assert _tree(client, src) == set()


def test_rename_folder_purge_cache(client, folder):
    src = _populate(client, folder)
    job = client.folders.rename(folder_path=src, new_folder_name="purged", purge_cache=True)
    done = wait_job(client, job.job_id)
    assert done.purge_request_id, "purgeCache=true → the job reports its purgeRequestId"


def test_copy_folder_collision_appends_versions(client, folder):
    src = _populate(client, folder)
    dst_file = upload_png(client, folder + "/dst/src", "one.png", w=9, h=9)
    wait_job(client, client.folders.copy(source_folder_path=src, destination_path=folder + "/dst").job_id)
    d = client.files.get(dst_file.file_id)
    assert (d.width, d.height) == (3, 3)
    assert len(client.files.versions.list(dst_file.file_id)) == 2


def test_copy_folder_missing_source_404(client, folder):
    with pytest.raises(NotFoundError) as ei:
        client.folders.copy(source_folder_path=folder + "/none", destination_path=folder + "/dst")
    body = assert_json_error(ei.value.response, 404)
    assert body.get("reason") == "NO_FILES_FOLDER"


@pytest.mark.parametrize("endpoint,body,reason", [
    ("copyFolder", {"destinationPath": "/x"}, "MISSING_PARAMETER"),
    ("copyFolder", {"sourceFolderPath": "SRC"}, "MISSING_PARAMETER"),
    ("copyFolder", {"sourceFolderPath": "/", "destinationPath": "DST"}, "SOURCE_IS_ROOT"),
    ("copyFolder", {"sourceFolderPath": "SRC", "destinationPath": "SRC"}, "SAME_SOURCE_AND_DESTINATION"),
    ("copyFolder", {"sourceFolderPath": 5, "destinationPath": "DST"}, None),
    ("moveFolder", {"sourceFolderPath": "SRC"}, "MISSING_PARAMETER"),
    ("moveFolder", {"sourceFolderPath": "/", "destinationPath": "DST"}, "SOURCE_IS_ROOT"),
    ("moveFolder", {"sourceFolderPath": "SRC", "destinationPath": "SRC"}, "SAME_SOURCE_AND_DESTINATION"),
    ("renameFolder", {"folderPath": "SRC"}, "MISSING_PARAMETER"),
    ("renameFolder", {"newFolderName": "x"}, "MISSING_PARAMETER"),
    ("renameFolder", {"folderPath": "SRC", "newFolderName": 5}, None),
    ("renameFolder", {"folderPath": "SRC", "newFolderName": "x", "purgeCache": "yes"}, None),
])
def test_bulk_job_bad_inputs(server, client, folder, endpoint, body, reason):
    src = _populate(client, folder)
    sub = {"SRC": src, "DST": folder + "/dst"}
    body = {k: sub.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = snapshot(client, folder)
    resp = requests.post(f"{server.base_url}/v1/bulkJobs/{endpoint}", json=body, auth=server.auth, timeout=TIMEOUT)
    got = assert_json_error(resp, 400)
    if reason:
        assert got.get("reason") == reason, got
    assert snapshot(client, folder) == before


def test_job_unknown_404(client):
    with pytest.raises(NotFoundError) as ei:
        client.folders.job.get(UNKNOWN_ID)
    assert_json_error(ei.value.response, 404, "The requested job does not exist.")
