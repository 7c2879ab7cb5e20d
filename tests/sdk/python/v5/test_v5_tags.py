"""imagekitio 5.x: `files.bulk.add_tags / remove_tags / remove_ai_tags` (T1–T3)."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from lib5 import UNKNOWN_ID, snapshot, upload_png


def _two(client, folder):
    a = upload_png(client, folder, "a.png", tags=["keep"])
    b = upload_png(client, folder, "b.png")
    return a, b


def test_add_tags(client, folder):
    a, b = _two(client, folder)
    raw = client.files.bulk.with_raw_response.add_tags(file_ids=[a.file_id, b.file_id], tags=["x", "y"])
    assert raw.status_code == 200
    res = raw.parse()
    assert sorted(res.successfully_updated_file_ids) == sorted([a.file_id, b.file_id])
    assert sorted(client.files.get(a.file_id).tags) == ["keep", "x", "y"]
    assert sorted(client.files.get(b.file_id).tags) == ["x", "y"]
    # adding again does not duplicate
    client.files.bulk.add_tags(file_ids=[a.file_id], tags=["x"])
    assert sorted(client.files.get(a.file_id).tags) == ["keep", "x", "y"]


def test_remove_tags(client, folder):
    a, b = _two(client, folder)
    client.files.bulk.add_tags(file_ids=[a.file_id, b.file_id], tags=["x", "y"])
    res = client.files.bulk.remove_tags(file_ids=[a.file_id, b.file_id], tags=["x", "keep", "absent"])
    assert sorted(res.successfully_updated_file_ids) == sorted([a.file_id, b.file_id])
    assert client.files.get(a.file_id).tags == ["y"]
    assert client.files.get(b.file_id).tags == ["y"]
    client.files.bulk.remove_tags(file_ids=[b.file_id], tags=["y"])
    assert client.files.get(b.file_id).tags is None, "no tags left → null"


def test_remove_ai_tags(client, folder):
    a, b = _two(client, folder)
    res = client.files.bulk.remove_ai_tags(file_ids=[a.file_id, b.file_id], ai_tags=["car"])
    assert sorted(res.successfully_updated_file_ids) == sorted([a.file_id, b.file_id])
    d = client.files.get(a.file_id)
    assert d.tags == ["keep"] and d.ai_tags in (None, [])


@pytest.mark.parametrize("call", ["add_tags", "remove_tags", "remove_ai_tags"])
def test_unknown_id_is_404_and_changes_nothing(client, folder, call):
    a, b = _two(client, folder)
    client.files.bulk.add_tags(file_ids=[a.file_id], tags=["rm"])
    before = snapshot(client, folder)
    kw = {"ai_tags": ["rm"]} if call == "remove_ai_tags" else {"tags": ["rm", "new"]}
    with pytest.raises(NotFoundError) as ei:
        getattr(client.files.bulk, call)(file_ids=[a.file_id, UNKNOWN_ID, b.file_id], **kw)
    body = assert_json_error(ei.value.response, 404, "The requested file(s) does not exist.")
    assert body.get("missingFileIds") == [UNKNOWN_ID], body
    assert snapshot(client, folder) == before


BAD = [
    ("addTags", {"tags": ["a"]}, "fileIds parameter is missing."),
    ("addTags", {"fileIds": [], "tags": ["a"]}, "fileIds is empty."),
    ("addTags", {"fileIds": "ID", "tags": ["a"]}, "fileIds should be an Array."),
    ("addTags", {"fileIds": ["ID"]}, "tags parameter is missing."),
    ("addTags", {"fileIds": ["ID"], "tags": []}, "tags array cannot be empty."),
    ("addTags", {"fileIds": ["ID"] * 51, "tags": ["a"]}, "A maximum of 50 files can be edited at a time."),
    ("addTags", {"fileIds": ["ID"], "tags": ["x" * 501]}, None),
    ("addTags", {"fileIds": ["ID"], "tags": [5]}, None),
    ("addTags", {"fileIds": ["ID"], "tags": "a"}, None),
    ("removeTags", {"tags": ["a"]}, "fileIds parameter is missing."),
    ("removeTags", {"fileIds": ["ID"]}, "tags parameter is missing."),
    ("removeTags", {"fileIds": ["ID"], "tags": []}, "tags array cannot be empty."),
    ("removeTags", {"fileIds": ["ID"] * 51, "tags": ["a"]}, "A maximum of 50 files can be edited at a time."),
    ("removeAITags", {"AITags": ["a"]}, "fileIds parameter is missing."),
    ("removeAITags", {"fileIds": ["ID"]}, "AITags parameter is missing."),
    ("removeAITags", {"fileIds": ["ID"], "AITags": []}, "AITags array cannot be empty."),
    ("removeAITags", {"fileIds": ["ID"] * 51, "AITags": ["a"]}, "A maximum of 50 files can be edited at a time."),
]


@pytest.mark.parametrize("endpoint,body,message", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_inputs(server, client, folder, endpoint, body, message):
    a = upload_png(client, folder, "bad.png", tags=["t"])
    body = {k: ([a.file_id if x == "ID" else x for x in v] if isinstance(v, list) else (a.file_id if v == "ID" else v))
            for k, v in body.items()}
    before = snapshot(client, folder)
    resp = requests.post(f"{server.base_url}/v1/files/{endpoint}", json=body, auth=server.auth, timeout=TIMEOUT)
    assert_json_error(resp, 400, message)
    assert snapshot(client, folder) == before


def test_bad_input_through_sdk(client, folder):
    a = upload_png(client, folder, "sdk.png")
    with pytest.raises(BadRequestError) as ei:
        client.files.bulk.add_tags(file_ids=[], tags=["a"])
    assert_json_error(ei.value.response, 400, "fileIds is empty.")
    with pytest.raises(BadRequestError) as ei:
        client.files.bulk.remove_tags(file_ids=[a.file_id], tags=[])
    assert_json_error(ei.value.response, 400, "tags array cannot be empty.")


def test_malformed_id_in_bulk_changes_nothing(server, client, folder):
    """Spec §2.0: malformed ids → 400 (format check unverified); §2.8: unknown ids → 404 + missingFileIds.
    Either way it is a JSON 4xx and nothing changes."""
    a = upload_png(client, folder, "m.png", tags=["t"])
    before = snapshot(client, folder)
    resp = requests.post(f"{server.base_url}/v1/files/addTags", json={"fileIds": [a.file_id, "not-an-id"],
                         "tags": ["new"]}, auth=server.auth, timeout=TIMEOUT)
    body = assert_json_error(resp, (400, 404))
    if resp.status_code == 404:
        assert body.get("missingFileIds") == ["not-an-id"], body
    assert snapshot(client, folder) == before
