"""imagekitio 5.x `client.helper.build_url` with overlays (image, solid colour, text) and the
effects that need more than a resize (trim, opacity, blurred padding, shadow-free gradient),
fetched from the real binary in both forms and checked by pixels."""

from __future__ import annotations

import pytest
from PIL import Image

from deliverykit import BLUE, RED, WHITE, build, describe, fetch_image, near, pixel, png_bytes, upload_image

POSITIONS = ("path", "query")


def solid(w: int, h: int, colour) -> Image.Image:
    return Image.new("RGB", (w, h), colour)


@pytest.mark.parametrize("pos", POSITIONS)
def test_image_overlay_lands_where_the_sdk_puts_it(server, client, folder, pos):
    base = upload_image(client, folder, "base.png", png_bytes(solid(200, 100, WHITE)))
    logo = upload_image(client, folder, "logo.png", png_bytes(solid(20, 20, BLUE)))
    tr = [{"overlay": {"type": "image", "input": logo.file_path, "position": {"x": 30, "y": 40}}}]
    url = build(client, server, base.file_path, tr, pos)
    assert "l-image" in url and "lx-30" in url, url
    _, img = fetch_image(url)
    assert img.size == (200, 100)
    assert near(pixel(img, 40, 50), BLUE, 10), f"inside the logo: {pixel(img, 40, 50)}"
    assert near(pixel(img, 25, 50), WHITE, 10) and near(pixel(img, 55, 50), WHITE, 10)


def test_missing_overlay_file_is_404_naming_it(server, client, folder):
    base = upload_image(client, folder, "b.png", png_bytes(solid(50, 50, WHITE)))
    tr = [{"overlay": {"type": "image", "input": folder + "/nope.png"}}]
    resp, _ = None, None
    import requests

    resp = requests.get(build(client, server, base.file_path, tr, "path"), timeout=30)
    assert resp.status_code == 404, describe(resp)
    assert "nope.png" in resp.json()["message"]


def test_solid_colour_overlay(server, client, folder):
    base = upload_image(client, folder, "s.png", png_bytes(solid(100, 100, WHITE)))
    tr = [{"overlay": {"type": "solidColor", "color": "FF0000",
                       "transformation": [{"width": 10, "height": 10}], "position": {"x": 5, "y": 5}}}]
    _, img = fetch_image(build(client, server, base.file_path, tr, "path"))
    assert near(pixel(img, 10, 10), (255, 0, 0), 5)
    assert near(pixel(img, 20, 20), WHITE, 5)


def test_text_overlay_draws_the_text_colour(server, client, folder):
    base = upload_image(client, folder, "t.png", png_bytes(solid(300, 120, WHITE)))
    tr = [{"overlay": {"type": "text", "text": "Halftone",
                       "transformation": [{"font_size": 40, "font_color": "FF0000"}]}}]
    _, img = fetch_image(build(client, server, base.file_path, tr, "query"))
    reds = sum(1 for p in img.convert("RGB").getdata() if p[0] > 200 and p[1] < 60 and p[2] < 60)
    assert reds > 200, f"expected red glyph pixels, found {reds}"


def test_trim_cuts_a_uniform_border(server, client, folder):
    framed = solid(120, 80, WHITE)
    framed.paste(solid(40, 20, RED), (40, 30))
    r = upload_image(client, folder, "framed.png", png_bytes(framed))
    _, img = fetch_image(build(client, server, r.file_path, [{"trim": True}], "path"))
    assert img.size == (40, 20)
    assert near(pixel(img, 20, 10), RED, 10)


def test_opacity_halves_alpha(server, client, folder):
    r = upload_image(client, folder, "o.png", png_bytes(solid(40, 40, RED)))
    _, img = fetch_image(build(client, server, r.file_path, [{"opacity": 50, "format": "png"}], "path"))
    alpha = img.convert("RGBA").getpixel((20, 20))[3]
    assert 110 <= alpha <= 145, f"o-50 alpha {alpha}"


def test_blurred_padding_is_not_black(server, client, folder):
    r = upload_image(client, folder, "p.png", png_bytes(solid(200, 100, RED)))
    tr = [{"width": 200, "height": 200, "crop_mode": "pad_resize", "background": "blurred"}]
    _, img = fetch_image(build(client, server, r.file_path, tr, "path"))
    assert img.size == (200, 200)
    top = pixel(img, 100, 5)
    assert top[0] > 100 and top[0] > top[2], f"padding should echo the red image, got {top}"


def test_page_selects_a_gif_frame(server, client, folder):
    import io

    frames = [solid(30, 20, c).convert("P") for c in (RED, BLUE)]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    r = upload_image(client, folder, "anim.gif", buf.getvalue(), "image/gif")
    _, first = fetch_image(build(client, server, r.file_path, [{"format": "png"}], "path"))
    _, second = fetch_image(build(client, server, r.file_path, [{"page": 2, "format": "png"}], "path"))
    assert near(pixel(first, 10, 10), RED, 30), pixel(first, 10, 10)
    assert near(pixel(second, 10, 10), BLUE, 30), pixel(second, 10, 10)


def test_perspective_distort_moves_the_corners(server, client, folder):
    r = upload_image(client, folder, "d.png", png_bytes(solid(100, 100, RED)))
    tr = [{"distort": "p-20_20_80_20_100_100_0_100", "format": "png"}]
    _, img = fetch_image(build(client, server, r.file_path, tr, "path"))
    rgba = img.convert("RGBA")
    assert img.size == (100, 100)
    assert rgba.getpixel((2, 2))[3] == 0, "the top-left corner moved inwards"
    assert near(pixel(img, 50, 60), RED, 10)
