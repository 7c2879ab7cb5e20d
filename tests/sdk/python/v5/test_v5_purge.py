"""imagekitio 5.x: the delivery cache survives a delete until `cache.invalidation.create` purges it
(spec §7, §2.10); with HALFTONE_PURGE_ON_DELETE=true the delete purges at once."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError

from deliverykit import wait_purged
from httpkit import TIMEOUT, assert_json_error
from ik5 import make_client
from images import make_png


def _get(url):
    return requests.get(url, timeout=TIMEOUT)


def _upload_and_fetch(client, folder, name):
    png = make_png(4, 4)
    r = client.files.upload(file=(name, png, "image/png"), file_name=name, folder=folder)
    got = _get(r.url)
    assert got.status_code == 200 and got.content == png
    return r, png


def test_delete_keeps_cached_url_until_purged(server, client, folder):
    r, png = _upload_and_fetch(client, folder, "cached.png")
    client.files.delete(r.file_id)

    again = _get(r.url)
    assert again.status_code == 200, "deleting a file does not purge its cached URL (spec §7)"
    assert again.content == png

    raw = client.cache.invalidation.with_raw_response.create(url=r.url)
    assert raw.status_code == 201, "purge answers 201 (spec §2.1 P1)"
    created = raw.parse()
    assert created.request_id, "purge must return a requestId"

    assert wait_purged(client, created.request_id) == "Completed"
    gone = _get(r.url)
    assert gone.status_code == 404
    assert_json_error(gone, 404)


def test_purge_on_delete_setting(server_factory, folder):
    srv = server_factory({"HALFTONE_PURGE_ON_DELETE": "true"})
    with make_client(srv) as c:
        r, _ = _upload_and_fetch(c, folder, "purgeondelete.png")
        c.files.delete(r.file_id)
        gone = _get(r.url)
        assert gone.status_code == 404, "with HALFTONE_PURGE_ON_DELETE=true the delete purges the cached URL"
        assert_json_error(gone, 404)


def test_bulk_delete_does_not_purge_either(server, client, folder):
    r, png = _upload_and_fetch(client, folder, "bulkcached.png")
    res = client.files.bulk.delete(file_ids=[r.file_id])
    assert res.successfully_deleted_file_ids == [r.file_id]
    again = _get(r.url)
    assert again.status_code == 200 and again.content == png


def test_purge_wildcard_prefix(server, client, folder):
    sub = folder + "/wild"
    a, _ = _upload_and_fetch(client, sub, "a.png")
    b, _ = _upload_and_fetch(client, sub, "b.png")
    client.files.bulk.delete(file_ids=[a.file_id, b.file_id])
    assert _get(a.url).status_code == 200 and _get(b.url).status_code == 200
    created = client.cache.invalidation.create(url=server.url_endpoint + sub + "/*")
    assert created.request_id
    assert wait_purged(client, created.request_id) == "Completed"
    assert _get(a.url).status_code == 404
    assert _get(b.url).status_code == 404


def test_purge_of_live_file_keeps_serving_it(server, client, folder):
    r, png = _upload_and_fetch(client, folder, "live.png")
    created = client.cache.invalidation.create(url=r.url)
    assert wait_purged(client, created.request_id) == "Completed"
    again = _get(r.url)
    assert again.status_code == 200 and again.content == png


def test_purge_status_unknown_request_is_400(server, client):
    with pytest.raises(BadRequestError) as ei:
        client.cache.invalidation.get("0123456789abcdef01234567")
    assert_json_error(ei.value.response, 400, "No request found for this requestId.")


def test_purge_mid_path_wildcard_is_400(server, client, folder):
    with pytest.raises(BadRequestError) as ei:
        client.cache.invalidation.create(url=server.url_endpoint + folder + "/*/x.png")
    assert_json_error(ei.value.response, 400, "The URL is not valid for cache purging.")
