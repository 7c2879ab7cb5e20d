"""AVIF sources (issue 4) through imagekitio 5.x: files encoded by Pillow's libavif (another
encoder than the server's own rav1e) are uploaded, reported with their size, and delivered
resized through `client.helper.build_url` — as JPEG for an opaque source, PNG with its alpha for
a transparent one; a truncated AVIF is a 4xx JSON error."""

from __future__ import annotations

import io

import pytest
from PIL import Image, features

from deliverykit import BLUE, RED, build, fetch_image, get, halves, near, pixel, upload_image
from httpkit import assert_json_error

pytestmark = pytest.mark.skipif(not features.check("avif"), reason="this Pillow build cannot write AVIF")


def avif_bytes(img: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "AVIF", quality=quality)
    data = buf.getvalue()
    assert data[4:12] == b"ftypavif", data[:16]
    return data


def test_avif_upload_reports_size_and_resizes_to_jpeg(server, client, folder):
    r = upload_image(client, folder, "halves.avif", avif_bytes(halves(400, 200)), "image/avif")
    assert r.file_type == "image"
    assert (r.width, r.height) == (400, 200)
    for position in ("path", "query"):
        url = build(client, server, r.file_path, [{"width": 100}], position)
        assert "tr:w-100" in url or "tr=w-100" in url, url
        resp, img = fetch_image(url, expect_format="JPEG")
        assert img.size == (100, 50), (position, img.size)
        assert near(pixel(img, 10, 25), RED), pixel(img, 10, 25)
        assert near(pixel(img, 90, 25), BLUE), pixel(img, 90, 25)
        assert resp.headers["Content-Type"].startswith("image/jpeg")


def test_avif_with_alpha_becomes_png_with_alpha(server, client, folder):
    img = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    img.paste((220, 20, 20, 255), (0, 0, 100, 100))
    r = upload_image(client, folder, "half-clear.avif", avif_bytes(img), "image/avif")
    assert (r.width, r.height) == (200, 100)
    url = build(client, server, r.file_path, [{"width": 100}], "path")
    _, out = fetch_image(url, expect_format="PNG")
    assert out.size == (100, 50)
    rgba = out.convert("RGBA")
    assert rgba.getpixel((20, 25))[3] > 240 and near(rgba.getpixel((20, 25)), RED), rgba.getpixel((20, 25))
    assert rgba.getpixel((80, 25))[3] < 10, rgba.getpixel((80, 25))


def test_truncated_avif_is_a_json_4xx(server, client, folder):
    data = avif_bytes(halves(300, 300))
    r = upload_image(client, folder, "cut.avif", data[: len(data) * 2 // 3], "image/avif")
    url = build(client, server, r.file_path, [{"width": 100}], "path")
    assert_json_error(get(url), (400, 415, 422))
    # The server still renders a good file afterwards.
    good = upload_image(client, folder, "good.avif", data, "image/avif")
    _, img = fetch_image(build(client, server, good.file_path, [{"width": 100}], "path"), expect_format="JPEG")
    assert img.size == (100, 100)
