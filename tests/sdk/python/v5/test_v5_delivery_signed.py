"""imagekitio 5.x signed delivery URLs (spec §1.5, §1.6): `build_url(signed=True)` and
`expires_in` for private files → 200; a changed signature character, path, transformation or expiry
→ 401; expired → 401; unsigned private → 401, also after a signed fetch filled the cache; the
signature is not part of the cache key; named transformations created through the API."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from deliverykit import (BLUE, RED, build, describe, fetch_image, flip_sig_char, get, halves, near, pixel,
                         png_bytes, query_param, rgb_pixels, sign_by_hand, upload_image)
from httpkit import assert_json_error


def _private(client, folder, name="secret.png", img=None):
    data = png_bytes(img or halves(400, 200))
    r = upload_image(client, folder, name, data, is_private_file=True)
    return r, data


def _refused(resp):
    assert_json_error(resp, 401)
    assert not resp.headers.get("content-type", "").startswith("image/"), describe(resp)


def test_private_original_signed_and_unsigned(server, client, folder):
    r, data = _private(client, folder)
    assert client.files.get(r.file_id).is_private_file is True
    _refused(get(r.url))
    url = build(client, server, r.file_path, signed=True)
    assert query_param(url, "ik-s") and query_param(url, "ik-t") is None, url
    ok = get(url)
    assert ok.status_code == 200, describe(ok)
    assert ok.content == data
    assert ok.headers["Content-Type"].startswith("image/png")


def test_private_signed_with_expiry(server, client, folder):
    r, data = _private(client, folder)
    url = build(client, server, r.file_path, expires_in=300)
    t = query_param(url, "ik-t")
    assert t and abs(int(t) - (time.time() + 300)) < 10, url
    ok = get(url)
    assert ok.status_code == 200, describe(ok)
    assert ok.content == data


@pytest.mark.parametrize("pos", ["path", "query"])
@pytest.mark.parametrize("expiring", [False, True], ids=["signed", "expires_in"])
def test_private_signed_transformation(server, client, folder, pos, expiring):
    r, _ = _private(client, folder)
    tr = [{"width": 100, "height": 100, "crop": "force", "format": "png"}]
    extra = {"expires_in": 600} if expiring else {"signed": True}
    url = build(client, server, r.file_path, tr, pos, **extra)
    _, img = fetch_image(url, expect_format="PNG")
    assert img.size == (100, 100)
    assert near(pixel(img, 10, 50), RED) and near(pixel(img, 90, 50), BLUE)
    # the same transformation unsigned is refused
    _refused(get(build(client, server, r.file_path, tr, pos)))


def test_sdk_signature_matches_spec_algorithm(server, client, folder):
    """The SDK's URL equals the one built by hand from spec §1.5, and both are accepted."""
    r, data = _private(client, folder)
    tr = [{"width": 50, "format": "png"}]
    sdk = build(client, server, r.file_path, tr, "path", signed=True)
    unsigned = build(client, server, r.file_path, tr, "path")
    assert sdk == sign_by_hand(server.private_key, server.url_endpoint, unsigned, 9999999999)
    fetch_image(sdk, expect_format="PNG")
    future = int(time.time()) + 120
    by_hand = sign_by_hand(server.private_key, server.url_endpoint, unsigned, future)
    _, img = fetch_image(by_hand, expect_format="PNG")
    assert img.size == (50, 25)


@pytest.mark.parametrize("pos", ["path", "query"])
def test_tampered_signature_char(server, client, folder, pos):
    r, _ = _private(client, folder)
    for extra in ({"signed": True}, {"expires_in": 600}):
        url = build(client, server, r.file_path, [{"width": 100}], pos, **extra)
        assert get(url).status_code == 200
        _refused(get(flip_sig_char(url)))
        _refused(get(url.replace("ik-s=", "ik-s=0", 1)))           # 41 hex characters
        _refused(get(url.rsplit("ik-s=", 1)[0] + "ik-s=" + "0" * 40))
        _refused(get(url.rsplit("ik-s=", 1)[0] + "ik-s="))
        _refused(get(url.rsplit("ik-s=", 1)[0] + "ik-s=" + "z" * 40))


def test_tampered_path(server, client, folder):
    a, _ = _private(client, folder, "a.png")
    b, _ = _private(client, folder, "b.png", halves(400, 200, left=BLUE, right=RED))
    for pos in ("path", "query"):
        url_a = build(client, server, a.file_path, [{"width": 100}], pos, signed=True)
        assert get(url_a).status_code == 200
        swapped = url_a.replace("/a.png", "/b.png")
        assert swapped != url_a
        _refused(get(swapped))
    plain = build(client, server, a.file_path, signed=True)
    _refused(get(plain.replace("/a.png", "/b.png")))
    _refused(get(plain.replace(folder, folder + "x")))


def test_tampered_transformation(server, client, folder):
    r, _ = _private(client, folder)
    for pos in ("path", "query"):
        url = build(client, server, r.file_path, [{"width": 100, "height": 100}], pos, expires_in=600)
        assert get(url).status_code == 200, describe(get(url))
        changed = url.replace("w-100", "w-101")
        assert changed != url
        _refused(get(changed))
        _refused(get(url.replace("h-100", "h-100,rt-90")))
        if pos == "query":
            # dropping the tr parameter entirely changes the signed string too
            _refused(get(url.replace("tr=w-100,h-100&", "")))
        else:
            _refused(get(url.replace("/tr:w-100,h-100", "")))


def test_tampered_expiry(server, client, folder):
    r, _ = _private(client, folder)
    url = build(client, server, r.file_path, [{"width": 100}], "query", expires_in=60)
    t = query_param(url, "ik-t")
    assert get(url).status_code == 200
    _refused(get(url.replace(f"ik-t={t}", f"ik-t={int(t) + 3600}")))
    # removing ik-t makes the server check against 9999999999 → a different string
    _refused(get(url.replace(f"ik-t={t}&", "")))


def test_expired_built_by_sdk(server, client, folder):
    r, _ = _private(client, folder)
    url = build(client, server, r.file_path, [{"width": 100}], "path", expires_in=1)
    t = int(query_param(url, "ik-t"))
    while time.time() <= t + 1.2:
        time.sleep(0.25)
    _refused(get(url))


def test_expired_by_hand(server, client, folder):
    r, _ = _private(client, folder)
    for tr, pos in (([{"width": 100}], "path"), ([{"width": 100}], "query"), (None, "query")):
        unsigned = build(client, server, r.file_path, tr, pos)
        past = sign_by_hand(server.private_key, server.url_endpoint, unsigned, int(time.time()) - 30)
        _refused(get(past))
        future = sign_by_hand(server.private_key, server.url_endpoint, unsigned, int(time.time()) + 300)
        assert get(future).status_code == 200, describe(get(future))


def test_signed_with_wrong_key(server, client, folder):
    r, _ = _private(client, folder)
    unsigned = build(client, server, r.file_path, [{"width": 100}], "path")
    _refused(get(sign_by_hand("private_not_the_key", server.url_endpoint, unsigned, 9999999999)))


def test_unsigned_private_refused_even_when_cached(server, client, folder):
    r, data = _private(client, folder)
    tr = [{"width": 100, "format": "png"}]
    for pos in ("path", "query"):
        signed = build(client, server, r.file_path, tr, pos, signed=True)
        for _ in range(2):  # second one is a cache hit
            fetch_image(signed, expect_format="PNG")
        _refused(get(build(client, server, r.file_path, tr, pos)))
        _refused(get(flip_sig_char(signed)))
    orig_signed = build(client, server, r.file_path, signed=True)
    assert get(orig_signed).content == data
    assert get(orig_signed).content == data
    _refused(get(r.url))
    head = requests.head(r.url, timeout=20)
    assert head.status_code == 401, head.status_code


def test_signature_is_not_part_of_cache_key(server, client, folder):
    r, _ = _private(client, folder)
    tr = [{"width": 120, "format": "png"}]
    a = build(client, server, r.file_path, tr, "query", signed=True)
    b = build(client, server, r.file_path, tr, "query", expires_in=900)
    ra, ia = fetch_image(a)
    rb, ib = fetch_image(b)
    assert rgb_pixels(ia) == rgb_pixels(ib)
    assert ra.content == rb.content
    if ra.headers.get("ETag") and rb.headers.get("ETag"):
        assert ra.headers["ETag"] == rb.headers["ETag"], "same cache entry → same ETag"


def test_public_file_signed_and_badly_signed(server, client, folder):
    r = upload_image(client, folder, "public.png", png_bytes(halves(40, 20)))
    tr = [{"width": 20}]
    assert get(build(client, server, r.file_path, tr, "path")).status_code == 200
    signed = build(client, server, r.file_path, tr, "path", expires_in=300)
    assert get(signed).status_code == 200
    _refused(get(flip_sig_char(signed)))
    past = sign_by_hand(server.private_key, server.url_endpoint, build(client, server, r.file_path, tr, "path"),
                        int(time.time()) - 5)
    _refused(get(past))


# ---- named transformations -----------------------------------------------------------------------

def _named(client, transformation: str) -> str:
    name = "ht_" + uuid.uuid4().hex[:10]
    created = client.named_transformations.create(name=name, transformation=transformation)
    assert created.name == name
    return name


def test_named_transformation_created_via_api(server, client, folder):
    name = _named(client, "w-100,h-50,c-force,f-png")
    r = upload_image(client, folder, "n.png", png_bytes(halves(400, 200)))
    for pos in ("path", "query"):
        url = build(client, server, r.file_path, [{"named": name}], pos)
        assert f"n-{name}" in url
        _, img = fetch_image(url, expect_format="PNG")
        assert img.size == (100, 50)
        assert near(pixel(img, 10, 25), RED) and near(pixel(img, 90, 25), BLUE)
    # chained after another step
    _, img = fetch_image(build(client, server, r.file_path, [{"named": name}, {"rotation": 90}], "path"))
    assert img.size == (50, 100)


def test_named_transformation_on_private_file_unsigned(server, client, folder):
    """Spec §1.6: named transformations (`tr:n-<name>`) still work unsigned on private files."""
    name = _named(client, "w-60,h-30,c-force,f-png")
    r, _ = _private(client, folder)
    url = build(client, server, r.file_path, [{"named": name}], "path")
    resp = get(url)
    assert resp.status_code == 200, describe(resp)
    _, img = fetch_image(url, expect_format="PNG")
    assert img.size == (60, 30)
    # ...but not mixed with ad-hoc parameters
    _refused(get(build(client, server, r.file_path, [{"named": name}, {"rotation": 90}], "path")))


def test_named_transformation_disabled_fails(server, client, folder):
    name = "ht_" + uuid.uuid4().hex[:10]
    client.named_transformations.create(name=name, transformation="w-10", enabled=False)
    r = upload_image(client, folder, "d.png", png_bytes(halves(40, 20)))
    resp = get(build(client, server, r.file_path, [{"named": name}], "path"))
    assert 400 <= resp.status_code < 500, describe(resp)
    assert_json_error(resp)
