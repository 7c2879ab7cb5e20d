"""imagekitio 5.x: `files.update` (F2) and `files.versions` list/get/delete/restore (V1–V4)."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from lib5 import UNKNOWN_ID, snapshot, uniq, upload_png


def _get(url):
    return requests.get(url, timeout=TIMEOUT)


# ---- update ------------------------------------------------------------------------------------

def test_update_tags_and_clear_with_null(client, folder):
    r = upload_png(client, folder, "tags.png", tags=["old"])
    u = client.files.update(r.file_id, tags=["a", "b"])
    assert u.file_id == r.file_id and u.tags == ["a", "b"]
    assert client.files.get(r.file_id).tags == ["a", "b"]
    u = client.files.update(r.file_id, tags=None)
    assert u.tags is None, "tags: null clears them (spec §2.4)"
    assert client.files.get(r.file_id).tags is None


def test_update_custom_coordinates_and_description(client, folder):
    r = upload_png(client, folder, "coords.png")
    u = client.files.update(r.file_id, custom_coordinates="1,2,3,4", description="hello there")
    assert u.custom_coordinates == "1,2,3,4" and u.description == "hello there"
    d = client.files.get(r.file_id)
    assert d.custom_coordinates == "1,2,3,4" and d.description == "hello there"
    u = client.files.update(r.file_id, custom_coordinates=None)
    assert u.custom_coordinates is None
    assert client.files.get(r.file_id).description == "hello there", "fields not sent are kept"


def test_update_leaves_other_fields_alone(client, folder):
    r = upload_png(client, folder, "keep.png", tags=["x"], custom_coordinates="0,0,1,1")
    client.files.update(r.file_id, description="only this")
    d = client.files.get(r.file_id)
    assert d.tags == ["x"] and d.custom_coordinates == "0,0,1,1" and d.description == "only this"


def test_update_custom_metadata_merge_and_null_unsets(client, folder):
    f1, f2 = uniq("color"), uniq("count")
    client.custom_metadata_fields.create(name=f1, label=uniq("L"), schema={"type": "Text"})
    client.custom_metadata_fields.create(name=f2, label=uniq("L"), schema={"type": "Number"})
    r = upload_png(client, folder, "cm.png")
    u = client.files.update(r.file_id, custom_metadata={f1: "red"})
    assert u.custom_metadata == {f1: "red"}
    u = client.files.update(r.file_id, custom_metadata={f2: 5})
    assert u.custom_metadata == {f1: "red", f2: 5}, "customMetadata merges"
    u = client.files.update(r.file_id, custom_metadata={f1: None})
    assert u.custom_metadata == {f2: 5}, "a key set to null is unset"
    assert client.files.get(r.file_id).custom_metadata == {f2: 5}


def test_update_remove_ai_tags(client, folder):
    r = upload_png(client, folder, "ai.png", tags=["t"])
    u = client.files.update(r.file_id, remove_ai_tags="all")
    assert u.ai_tags in (None, [])
    u = client.files.update(r.file_id, remove_ai_tags=["car", "tree"])
    assert u.ai_tags in (None, []) and u.tags == ["t"]


def test_update_publish(client, folder):
    r = upload_png(client, folder, "pub.png")
    u = client.files.update(r.file_id, publish={"is_published": False})
    assert u.is_published is False
    assert client.files.get(r.file_id).is_published is False
    u = client.files.update(r.file_id, publish={"is_published": True, "include_file_versions": True})
    assert u.is_published is True
    assert client.files.get(r.file_id).is_published is True


def test_update_response_is_file(client, folder):
    r = upload_png(client, folder, "resp.png")
    raw = client.files.with_raw_response.update(r.file_id, description="x")
    assert raw.status_code == 200
    u = raw.parse()
    assert u.type == "file" and u.file_path == f"{folder}/resp.png" and u.url == r.url


@pytest.mark.parametrize("kwargs,wire", [
    ({"extensions": [{"name": "google-auto-tagging", "max_tags": 5, "min_confidence": 90}]}, "extensions"),
    ({"webhook_url": "https://example.com/hook"}, "webhookUrl"),
])
def test_update_extensions_webhook_refused(client, folder, kwargs, wire):
    r = upload_png(client, folder, "ext.png", tags=["keep"])
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.files.update(r.file_id, description="changed?", **kwargs)
    body = assert_json_error(ei.value.response, 400)
    assert wire.lower() in body["message"].lower(), body
    assert snapshot(client, folder) == before
    assert client.files.get(r.file_id).description in (None, "")


def test_update_unknown_file_404(client):
    with pytest.raises(NotFoundError) as ei:
        client.files.update(UNKNOWN_ID, tags=["a"])
    assert_json_error(ei.value.response, 404, "The requested file does not exist.")


def test_update_malformed_id_400(client):
    with pytest.raises(BadRequestError) as ei:
        client.files.update("not-an-id", tags=["a"])
    assert_json_error(ei.value.response, 400, "Your request contains invalid fileId parameter.")


@pytest.mark.parametrize("body", [
    {"tags": "notalist"},
    {"tags": [1, 2]},
    {"customCoordinates": 5},
    {"customCoordinates": "1,2,3"},
    {"description": ["x"]},
    {"customMetadata": "str"},
    {"removeAITags": 5},
    {"publish": {"includeFileVersions": True}},
    {"publish": {"isPublished": "yes"}},
    {"tags": ["x" * 501]},
])
def test_update_bad_inputs_change_nothing(client, folder, body):
    r = upload_png(client, folder, "bad.png", tags=["orig"])
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.files.update(r.file_id, extra_body=body)
    assert_json_error(ei.value.response, 400)
    assert snapshot(client, folder) == before


def test_update_unknown_custom_metadata_key_400(client, folder):
    r = upload_png(client, folder, "cmbad.png")
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.files.update(r.file_id, custom_metadata={uniq("nosuch"): "x"})
    body = assert_json_error(ei.value.response, 400, "Invalid custom metadata.")
    assert body.get("errors"), body
    assert snapshot(client, folder) == before


# ---- versions ----------------------------------------------------------------------------------

def _three_versions(client, folder, name="v.png"):
    rs = [upload_png(client, folder, name, w=i + 2, h=2) for i in range(3)]
    assert len({r.file_id for r in rs}) == 1
    assert [r.version_info.name for r in rs] == ["Version 1", "Version 2", "Version 3"]
    return rs


def test_versions_list(client, folder):
    rs = _three_versions(client, folder)
    fid = rs[0].file_id
    vs = client.files.versions.list(fid)
    assert len(vs) == 3
    assert all(v.type == "file-version" and v.file_id == fid for v in vs)
    by_id = {v.version_info.id: v for v in vs}
    assert set(by_id) == {r.version_info.id for r in rs}
    assert rs[0].version_info.id == fid, "Version 1's id equals the fileId"
    for r in rs[:2]:
        v = by_id[r.version_info.id]
        assert v.url == r.url + f"?ik-obj-version={r.version_info.id}", v.url
        assert (v.width, v.height) == (r.width, r.height)
    cur = by_id[rs[2].version_info.id]
    assert "ik-obj-version" not in cur.url
    old = _get(by_id[rs[0].version_info.id].url)
    assert old.status_code == 200


def test_versions_get(client, folder):
    rs = _three_versions(client, folder)
    fid = rs[0].file_id
    v1 = client.files.versions.get(rs[0].version_info.id, file_id=fid)
    assert v1.version_info.id == rs[0].version_info.id and v1.version_info.name == "Version 1"
    assert v1.type == "file-version"
    assert (v1.width, v1.height) == (2, 2)
    cur = client.files.versions.get(rs[2].version_info.id, file_id=fid)
    assert cur.version_info.name == "Version 3" and cur.width == 4


def test_versions_get_unknown(client, folder):
    r = upload_png(client, folder, "vg.png")
    with pytest.raises(NotFoundError) as ei:
        client.files.versions.get(UNKNOWN_ID, file_id=r.file_id)
    assert_json_error(ei.value.response, 404, "The requested file version does not exist.")
    with pytest.raises(BadRequestError) as ei:
        client.files.versions.get("zz", file_id=r.file_id)
    assert_json_error(ei.value.response, 400)
    with pytest.raises(NotFoundError) as ei:
        client.files.versions.list(UNKNOWN_ID)
    assert_json_error(ei.value.response, 404, "The requested file does not exist.")


def test_versions_delete_non_current(client, folder):
    rs = _three_versions(client, folder)
    fid = rs[0].file_id
    raw = client.files.versions.with_raw_response.delete(rs[1].version_info.id, file_id=fid)
    assert raw.status_code == 204
    assert raw.parse() is None
    left = {v.version_info.id for v in client.files.versions.list(fid)}
    assert left == {rs[0].version_info.id, rs[2].version_info.id}
    with pytest.raises(NotFoundError) as ei:
        client.files.versions.get(rs[1].version_info.id, file_id=fid)
    assert_json_error(ei.value.response, 404)
    with pytest.raises(NotFoundError) as ei:
        client.files.versions.delete(rs[1].version_info.id, file_id=fid)
    assert_json_error(ei.value.response, 404, "The requested asset does not exist.")


def test_versions_delete_current_is_400(client, folder):
    rs = _three_versions(client, folder)
    fid = rs[0].file_id
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.files.versions.delete(rs[2].version_info.id, file_id=fid)
    assert_json_error(ei.value.response, 400, "You cannot delete current version of a file.")
    assert snapshot(client, folder) == before
    assert len(client.files.versions.list(fid)) == 3


def test_versions_restore(client, folder):
    rs = _three_versions(client, folder)
    fid = rs[0].file_id
    raw = client.files.versions.with_raw_response.restore(rs[0].version_info.id, file_id=fid)
    assert raw.status_code == 200
    restored = raw.parse()
    assert restored.file_id == fid
    assert (restored.width, restored.height) == (2, 2)
    d = client.files.get(fid)
    assert (d.width, d.height) == (2, 2)
    got = _get(d.url)
    assert got.status_code == 200
    with pytest.raises(NotFoundError):
        client.files.versions.restore(UNKNOWN_ID, file_id=fid)
    with pytest.raises(NotFoundError):
        client.files.versions.restore(rs[0].version_info.id, file_id=UNKNOWN_ID)
