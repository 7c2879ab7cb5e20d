"""imagekitio 5.x: transformed delivery URLs are cached (spec §7): delete → the cached transformed URL
still 200 → purge (exact URL, `prefix*`) → 404; HALFTONE_PURGE_ON_DELETE=true purges the
transformed variants on delete; private cached variants stay behind the signature."""

from __future__ import annotations

import pytest

from deliverykit import (BLUE, RED, build, describe, fetch_image, get, halves, near, pixel, png_bytes, rgb_pixels,
                         upload_image, wait_purged)
from httpkit import assert_json_error
from ik5 import make_client

TR = [{"width": 100, "height": 50, "format": "png"}]


def _upload_and_warm(server, client, folder, name="c.png", **kw):
    r = upload_image(client, folder, name, png_bytes(halves(400, 200)), **kw)
    signed = bool(kw.get("is_private_file"))
    urls = {pos: build(client, server, r.file_path, TR, pos, **({"signed": True} if signed else {}))
            for pos in ("path", "query")}
    first = {}
    for pos, url in urls.items():
        _, img = fetch_image(url, expect_format="PNG")
        assert img.size == (100, 50)
        first[pos] = rgb_pixels(img)
    return r, urls, first


def _purge(client, url):
    raw = client.cache.invalidation.with_raw_response.create(url=url)
    assert raw.status_code == 201
    created = raw.parse()
    assert created.request_id
    assert wait_purged(client, created.request_id) == "Completed"


def test_delete_keeps_transformed_url_then_exact_purge(server, client, folder):
    r, urls, first = _upload_and_warm(server, client, folder)
    client.files.delete(r.file_id)
    for pos, url in urls.items():
        _, img = fetch_image(url, expect_format="PNG")
        assert rgb_pixels(img) == first[pos], "the cached variant keeps its pixels after delete"
    # a variant never rendered before the delete is not in the cache → 404
    fresh = build(client, server, r.file_path, [{"width": 77}], "path")
    assert_json_error(get(fresh), 404)

    _purge(client, urls["path"])
    assert_json_error(get(urls["path"]), 404)
    query_still = get(urls["query"])
    assert query_still.status_code == 200, "purging the path-form URL leaves the query-form URL: " + describe(query_still)
    _purge(client, urls["query"])
    assert_json_error(get(urls["query"]), 404)


def test_delete_then_prefix_purge_of_query_form(server, client, folder):
    """`<original URL>*` covers query-form transformations (spec §7)."""
    r, urls, _ = _upload_and_warm(server, client, folder)
    original = get(r.url)
    assert original.status_code == 200
    client.files.delete(r.file_id)
    assert get(urls["query"]).status_code == 200
    assert get(r.url).status_code == 200
    _purge(client, r.url + "*")
    assert_json_error(get(urls["query"]), 404)
    assert_json_error(get(r.url), 404)


def test_delete_then_folder_prefix_purge_of_path_form(server, client, folder):
    """A path-form `tr:` URL is purged by a prefix that includes the `tr:` segment."""
    r, urls, _ = _upload_and_warm(server, client, folder)
    client.files.delete(r.file_id)
    assert get(urls["path"]).status_code == 200
    prefix = urls["path"].rsplit("/", 1)[0] + "/*"
    assert "/tr:" in prefix
    _purge(client, prefix)
    assert_json_error(get(urls["path"]), 404)


def test_delete_then_folder_prefix_purge(server, client, folder):
    sub = folder + "/many"
    a, ua, _ = _upload_and_warm(server, client, sub, "a.png")
    b, ub, _ = _upload_and_warm(server, client, sub, "b.png")
    client.files.bulk.delete(file_ids=[a.file_id, b.file_id])
    for u in (*ua.values(), *ub.values()):
        assert get(u).status_code == 200
    _purge(client, server.url_endpoint + sub + "/*")
    for u in (ua["query"], ub["query"]):
        assert_json_error(get(u), 404)


def test_private_cached_variant_delete_and_purge(server, client, folder):
    r, urls, _ = _upload_and_warm(server, client, folder, "p.png", is_private_file=True)
    client.files.delete(r.file_id)
    for pos, url in urls.items():
        assert get(url).status_code == 200, describe(get(url))
        unsigned = build(client, server, r.file_path, TR, pos)
        assert_json_error(get(unsigned), 401)
    _purge(client, urls["path"].split("?ik-s=")[0])  # purge URL without the signature
    assert_json_error(get(urls["path"]), 404)


def test_purge_live_file_rerenders(server, client, folder):
    r, urls, first = _upload_and_warm(server, client, folder)
    _purge(client, urls["path"])
    _, img = fetch_image(urls["path"], expect_format="PNG")
    assert rgb_pixels(img) == first["path"]
    assert near(pixel(img, 10, 25), RED) and near(pixel(img, 90, 25), BLUE)


def test_new_version_needs_purge_for_transformed_url(server, client, folder):
    r, urls, first = _upload_and_warm(server, client, folder)
    upload_image(client, folder, "c.png", png_bytes(halves(400, 200, left=BLUE, right=RED)))
    _, stale = fetch_image(urls["path"])
    assert rgb_pixels(stale) == first["path"], "without a purge the cached variant is served (spec §7)"
    _purge(client, urls["path"])
    _, new = fetch_image(urls["path"])
    assert near(pixel(new, 10, 25), BLUE) and near(pixel(new, 90, 25), RED)


def test_purge_on_delete_setting_purges_variants(server_factory, folder):
    srv = server_factory({"HALFTONE_PURGE_ON_DELETE": "true"})
    with make_client(srv) as c:
        r, urls, _ = _upload_and_warm(srv, c, folder)
        c.files.delete(r.file_id)
        statuses = {name: get(url).status_code for name, url in (*urls.items(), ("original", r.url))}
        assert statuses == {"path": 404, "query": 404, "original": 404}, \
            f"HALFTONE_PURGE_ON_DELETE=true must purge every cached variant of the deleted file: {statuses}"
        for url in (*urls.values(), r.url):
            assert_json_error(get(url), 404)
