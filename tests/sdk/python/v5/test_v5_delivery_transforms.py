"""imagekitio 5.x `client.helper.build_url` → real delivery (issue 4, spec §6): every resize/crop
mode, a few focus values, extract/pad, fractions, expressions, dpr, rotation, flip, chaining,
conditionals, named `ik_ml_thumbnail`, output formats, effects and the 400s for unsupported or
unknown parameters. Output is decoded with Pillow (size, format, colours of known regions); the path
form and the query form of the same transformation must give the same pixels."""

from __future__ import annotations

import pytest

from deliverykit import (BLUE, GREEN, RED, YELLOW, build, describe, fetch_image, get, halves, jpeg_bytes,
                         mean_abs_diff, near, pixel, png_bytes, quadrants, upload_image)
from httpkit import assert_json_error

H = "halves"      # 400×200, left half red, right half blue
Q = "quadrants"   # 400×400, TL red, TR green, BL blue, BR yellow
BIG = "big"       # 800×800 quadrants

SOURCES = {H: lambda: halves(400, 200), Q: lambda: quadrants(400, 400), BIG: lambda: quadrants(800, 800)}

# (id, source, transformation list (SDK names), expected size, [(x, y, colour)] checks on the output)
GEOMETRY = [
    ("w-only", H, [{"width": 100}], (100, 50), [(10, 25, RED), (90, 25, BLUE)]),
    ("h-only", H, [{"height": 50}], (100, 50), [(10, 25, RED), (90, 25, BLUE)]),
    ("maintain_ratio-default-cover", H, [{"width": 100, "height": 100}], (100, 100),
     [(10, 50, RED), (90, 50, BLUE)]),
    ("maintain_ratio-explicit", H, [{"width": 100, "height": 100, "crop": "maintain_ratio"}], (100, 100),
     [(10, 50, RED), (90, 50, BLUE)]),
    ("fo-left", H, [{"width": 100, "height": 100, "focus": "left"}], (100, 100), [(10, 50, RED), (90, 50, RED)]),
    ("fo-right", H, [{"width": 100, "height": 100, "focus": "right"}], (100, 100),
     [(10, 50, BLUE), (90, 50, BLUE)]),
    ("fo-top", Q, [{"width": 100, "height": 50, "focus": "top"}], (100, 50), [(10, 25, RED), (90, 25, GREEN)]),
    ("fo-bottom", Q, [{"width": 100, "height": 50, "focus": "bottom"}], (100, 50),
     [(10, 25, BLUE), (90, 25, YELLOW)]),
    ("fo-top_left", Q, [{"width": 50, "height": 50, "focus": "top_left", "crop_mode": "extract"}], (50, 50),
     [(5, 5, RED), (45, 45, RED)]),
    ("force", H, [{"width": 100, "height": 100, "crop": "force"}], (100, 100), [(10, 50, RED), (90, 50, BLUE)]),
    ("at_max", H, [{"width": 100, "height": 100, "crop": "at_max"}], (100, 50), [(10, 25, RED), (90, 25, BLUE)]),
    ("at_max-no-upscale", H, [{"width": 800, "height": 800, "crop": "at_max"}], (400, 200), [(10, 100, RED)]),
    ("at_max_enlarge", H, [{"width": 800, "height": 800, "crop": "at_max_enlarge"}], (800, 400),
     [(10, 200, RED), (790, 200, BLUE)]),
    ("at_least", H, [{"width": 100, "height": 100, "crop": "at_least"}], (200, 100),
     [(10, 50, RED), (190, 50, BLUE)]),
    ("maintain_ratio_no_enlarge-fits", H, [{"width": 200, "height": 200, "crop": "maintain_ratio_no_enlarge"}],
     (200, 200), [(10, 100, RED), (190, 100, BLUE)]),
    ("pad_resize", H, [{"width": 100, "height": 100, "crop_mode": "pad_resize", "background": "00C800"}],
     (100, 100), [(50, 5, GREEN), (50, 95, GREEN), (10, 50, RED), (90, 50, BLUE)]),
    ("pad_resize-fo-top", H,
     [{"width": 100, "height": 100, "crop_mode": "pad_resize", "background": "00C800", "focus": "top"}],
     (100, 100), [(10, 10, RED), (90, 10, BLUE), (50, 90, GREEN)]),
    ("pad_resize_no_enlarge", H,
     [{"width": 800, "height": 800, "crop_mode": "pad_resize_no_enlarge", "background": "00C800"}],
     (800, 800), [(10, 10, GREEN), (300, 400, RED), (500, 400, BLUE), (400, 790, GREEN)]),
    ("extract-center", Q, [{"width": 100, "height": 100, "crop_mode": "extract"}], (100, 100),
     [(10, 10, RED), (90, 10, GREEN), (10, 90, BLUE), (90, 90, YELLOW)]),
    ("extract-fo-bottom_right", Q, [{"width": 100, "height": 100, "crop_mode": "extract", "focus": "bottom_right"}],
     (100, 100), [(5, 5, YELLOW), (95, 95, YELLOW)]),
    ("extract-x-y", Q, [{"width": 100, "height": 100, "crop_mode": "extract", "x": 250, "y": 50}], (100, 100),
     [(5, 5, GREEN), (95, 95, GREEN)]),
    ("extract-xc-yc", Q, [{"width": 100, "height": 100, "crop_mode": "extract", "x_center": 100, "y_center": 300}],
     (100, 100), [(5, 5, BLUE), (95, 95, BLUE)]),
    ("pad_extract", H, [{"width": 600, "height": 300, "crop_mode": "pad_extract", "background": "00C800"}],
     (600, 300), [(5, 5, GREEN), (595, 295, GREEN), (150, 150, RED), (450, 150, BLUE)]),
    ("aspect-ratio", H, [{"width": 100, "aspect_ratio": "1-1"}], (100, 100), [(10, 50, RED), (90, 50, BLUE)]),
    ("fraction-w", H, [{"width": 0.5}], (200, 100), [(10, 50, RED), (190, 50, BLUE)]),
    ("fraction-h", H, [{"height": 0.25}], (100, 50), [(10, 25, RED), (90, 25, BLUE)]),
    ("expression", H, [{"width": "iw_div_4"}], (100, 50), [(10, 25, RED), (90, 25, BLUE)]),
    ("expression-h", H, [{"height": "ih_mul_0.5"}], (200, 100), [(10, 50, RED)]),
    ("dpr", H, [{"width": 100, "dpr": 2}], (200, 100), [(10, 50, RED), (190, 50, BLUE)]),
    ("rotate-90", H, [{"rotation": 90}], (200, 400), [(100, 10, RED), (100, 390, BLUE)]),
    ("rotate-270", H, [{"rotation": 270}], (200, 400), [(100, 10, BLUE), (100, 390, RED)]),
    ("flip-h", H, [{"flip": "h"}], (400, 200), [(10, 100, BLUE), (390, 100, RED)]),
    ("flip-v", Q, [{"flip": "v"}], (400, 400), [(10, 10, BLUE), (390, 390, GREEN)]),
    ("chain-resize-then-rotate", H, [{"width": 200, "height": 100}, {"rotation": 90}], (100, 200),
     [(50, 10, RED), (50, 190, BLUE)]),
    ("chain-extract-then-resize", Q, [{"width": 200, "height": 200, "crop_mode": "extract", "focus": "top_right"},
                                      {"width": 50}], (50, 50), [(25, 25, GREEN)]),
    # in a chain each step works on the previous step's result: iw/ih are that result's size
    ("chain-fraction-uses-previous-result", H, [{"width": 200}, {"height": 0.5}], (100, 50), [(10, 25, RED)]),
    ("chain-expression-uses-previous-result", H, [{"width": 200}, {"width": "iw_div_2"}], (100, 50),
     [(10, 25, RED), (90, 25, BLUE)]),
    ("chain-conditional-uses-previous-result", H,
     [{"width": 100}, {"raw": "if-iw_gt_300,w-20,if-else,w-50,if-end"}], (50, 25), [(5, 12, RED)]),
    ("conditional-true", H, [{"raw": "if-iw_gt_300,w-100,if-else,w-50,if-end"}], (100, 50), [(10, 25, RED)]),
    ("conditional-false", H, [{"raw": "if-iw_lt_300,w-100,if-else,w-50,if-end"}], (50, 25), [(5, 12, RED)]),
    ("n-ik_ml_thumbnail", BIG, [{"named": "ik_ml_thumbnail"}], (400, 400),
     [(10, 10, RED), (390, 10, GREEN), (10, 390, BLUE), (390, 390, YELLOW)]),
    ("n-ik_ml_thumbnail-small-not-enlarged", H, [{"named": "ik_ml_thumbnail"}], (400, 200), [(10, 100, RED)]),
]


@pytest.fixture
def sources(client, folder):
    """Upload the generated PNG sources into this test's own folder: {kind: filePath}."""
    out = {}
    for kind, make in SOURCES.items():
        r = upload_image(client, folder, f"{kind}.png", png_bytes(make()))
        out[kind] = r.file_path
    return out


@pytest.mark.parametrize("case", GEOMETRY, ids=[c[0] for c in GEOMETRY])
def test_geometry_path_and_query(server, client, sources, case):
    _, kind, tr, size, checks = case
    tr_png = [dict(step) for step in tr]
    # lossless output so colours can be checked exactly (an if-block must be alone in its step)
    if "raw" in tr_png[-1]:
        tr_png.append({"format": "png"})
    else:
        tr_png[-1] = {**tr_png[-1], "format": "png"}
    images = {}
    for pos in ("path", "query"):
        url = build(client, server, sources[kind], tr_png, pos)
        if pos == "path":
            assert "/tr:" in url and "?tr=" not in url, url
        else:
            assert "?tr=" in url and "/tr:" not in url, url
        _, img = fetch_image(url, expect_format="PNG")
        assert img.size == size, f"{url}: got {img.size}, expected {size}"
        for x, y, colour in checks:
            got = pixel(img, x, y)
            assert near(got, colour), f"{url}: pixel ({x},{y}) is {got}, expected ~{colour}"
        images[pos] = img
    # Equal up to resampling: one form may render from the original and the other from a
    # working copy made in the background after the upload.
    diff = mean_abs_diff(images["path"], images["query"])
    assert diff <= 2.0, f"path and query form differ in pixels (mean abs diff {diff:.2f})"


def test_maintain_ratio_no_enlarge_does_not_upscale(server, client, sources):
    """`c-maintain_ratio_no_enlarge`: like maintain_ratio, but never larger than the source."""
    for tr in ([{"width": 800, "crop": "maintain_ratio_no_enlarge"}],
               [{"width": 800, "height": 800, "crop": "maintain_ratio_no_enlarge"}]):
        url = build(client, server, sources[H], tr, "path")
        _, img = fetch_image(url)
        assert img.size[0] <= 400 and img.size[1] <= 200, f"{url}: enlarged a 400×200 source to {img.size}"


def test_jpeg_source_resize_defaults(server, client, folder):
    """No `f`: a JPEG source with f-auto default and no Accept header stays JPEG."""
    r = upload_image(client, folder, "photo.jpg", jpeg_bytes(halves(640, 480)), "image/jpeg")
    url = build(client, server, r.file_path, [{"width": 320}], "path")
    resp, img = fetch_image(url, expect_format="JPEG")
    assert img.size == (320, 240)
    assert_near_region(img, 20, 120, RED)
    assert_near_region(img, 300, 120, BLUE)
    assert "accept" in resp.headers.get("Vary", "").lower(), f"f-auto (default) must answer Vary: Accept: {resp.headers}"


def assert_near_region(img, x, y, colour, tol=50):
    got = pixel(img, x, y)
    assert near(got, colour, tol), f"pixel ({x},{y}) is {got}, expected ~{colour}"


@pytest.mark.parametrize("fmt,pil,mime", [("jpg", "JPEG", "image/jpeg"), ("png", "PNG", "image/png"),
                                          ("webp", "WEBP", "image/webp"), ("gif", "GIF", "image/gif")])
def test_output_formats(server, client, folder, fmt, pil, mime):
    r = upload_image(client, folder, "src.png", png_bytes(halves(400, 200)))
    for pos in ("path", "query"):
        url = build(client, server, r.file_path, [{"width": 200, "format": fmt}], pos)
        resp, img = fetch_image(url, expect_format=pil)
        assert img.size == (200, 100)
        assert resp.headers["Content-Type"].startswith(mime)
        assert_near_region(img, 10, 50, RED)
        assert_near_region(img, 190, 50, BLUE)


def test_f_orig_keeps_source_format(server, client, folder):
    r = upload_image(client, folder, "src.jpg", jpeg_bytes(halves(400, 200)), "image/jpeg")
    url = build(client, server, r.file_path, [{"width": 100, "format": "orig"}], "path")
    _, img = fetch_image(url, expect_format="JPEG", headers={"Accept": "image/webp,image/*"})
    assert img.size == (100, 50)


def test_f_avif_encodes_avif(server, client, folder):
    r = upload_image(client, folder, "a.png", png_bytes(halves(400, 200)))
    resp = get(build(client, server, r.file_path, [{"width": 100, "format": "avif"}], "path"))
    assert resp.status_code == 200, describe(resp)
    assert resp.headers["Content-Type"].startswith("image/avif"), describe(resp)
    assert resp.content[4:12] == b"ftypavif", resp.content[:16]


def test_f_auto_negotiates_with_accept(server, client, folder):
    r = upload_image(client, folder, "src.png", png_bytes(halves(400, 200)))
    url = build(client, server, r.file_path, [{"width": 100}], "query")
    webp, img = fetch_image(url, headers={"Accept": "image/webp,image/png,*/*"})
    assert img.format == "WEBP", f"f-auto with Accept image/webp should give WebP, got {img.format}"
    assert "accept" in webp.headers.get("Vary", "").lower(), webp.headers
    plain, img2 = fetch_image(url, headers={"Accept": "image/png"})
    assert img2.format == "PNG", img2.format
    assert "accept" in plain.headers.get("Vary", "").lower(), plain.headers
    assert img.size == img2.size == (100, 50)
    explicit, _ = fetch_image(build(client, server, r.file_path, [{"width": 100, "format": "png"}], "query"))
    assert "accept" not in explicit.headers.get("Vary", "").lower(), "an explicit f-png does not vary on Accept"


def test_quality_changes_jpeg_size(server, client, folder):
    from PIL import Image
    noisy = Image.effect_noise((300, 300), 60).convert("RGB")
    r = upload_image(client, folder, "noise.png", png_bytes(noisy))
    hi = get(build(client, server, r.file_path, [{"format": "jpg", "quality": 95}], "path"))
    lo = get(build(client, server, r.file_path, [{"format": "jpg", "quality": 10}], "path"))
    assert hi.status_code == lo.status_code == 200, (describe(hi), describe(lo))
    assert len(lo.content) < len(hi.content), (len(lo.content), len(hi.content))


def test_effects_render(server, client, folder):
    r = upload_image(client, folder, "fx.png", png_bytes(quadrants(200, 200)))
    cases = [
        ([{"grayscale": True, "format": "png"}], None),
        ([{"contrast_stretch": True, "format": "png"}], None),
        ([{"sharpen": True, "format": "png"}], None),
        ([{"sharpen": 10, "format": "png"}], None),
        ([{"unsharp_mask": "2-2-0.8-0.024", "format": "png"}], None),
        ([{"blur": 10, "format": "png"}], None),
        ([{"radius": 20, "format": "png"}], None),
        ([{"border": "5_FF00FF", "format": "png"}], None),
        ([{"width": 100, "height": 100, "crop_mode": "pad_resize", "background": "FF00FF", "format": "png"}],
         (100, 100)),
    ]
    for tr, size in cases:
        for pos in ("path", "query"):
            url = build(client, server, r.file_path, tr, pos)
            _, img = fetch_image(url, expect_format="PNG")
            if size:
                assert img.size == size, (url, img.size)
    gray = fetch_image(build(client, server, r.file_path, [{"grayscale": True, "format": "png"}], "path"))[1]
    for x, y in ((50, 50), (150, 50), (50, 150), (150, 150)):
        rr, gg, bb = pixel(gray, x, y)
        assert abs(rr - gg) <= 3 and abs(gg - bb) <= 3, f"e-grayscale pixel ({x},{y}) = {(rr, gg, bb)}"
    border = fetch_image(build(client, server, r.file_path, [{"border": "5_FF00FF", "format": "png"}], "path"))[1]
    w, h = border.size
    assert near(pixel(border, w - 1, h // 2), (255, 0, 255), 10), f"b-5_FF00FF edge pixel {pixel(border, w - 1, h // 2)}"
    rounded = fetch_image(build(client, server, r.file_path, [{"radius": 40, "format": "png"}], "path"))[1]
    corner = rounded.convert("RGBA").getpixel((0, 0))
    assert corner[3] < 128 or not near(corner, RED), f"r-40 corner pixel should be cut away, got {corner}"
    blurred = fetch_image(build(client, server, r.file_path, [{"blur": 20, "format": "png"}], "path"))[1]
    mid = pixel(blurred, 100, 50)  # on the red/green edge: a mix after a blur
    assert not near(mid, RED, 20) and not near(mid, GREEN, 20), f"bl-20 left the edge sharp: {mid}"


UNSUPPORTED = [
    ("overlay-video", [{"overlay": {"type": "video", "input": "clip.mp4"}}], "l-video"),
    ("page-of-a-png", [{"page": 2}], "pg"),
    ("ai-bgremove", [{"ai_remove_background": True}], "e-bgremove"),
    ("ai-upscale", [{"ai_upscale": True}], "e-upscale"),
    ("video-codec", [{"video_codec": "h264"}], "vc"),
    ("unknown-param", [{"raw": "zz-1"}], "zz"),
    ("bad-width", [{"raw": "w-abc"}], "w"),
]


@pytest.mark.parametrize("case", UNSUPPORTED, ids=[c[0] for c in UNSUPPORTED])
def test_unsupported_or_unknown_is_400_naming_it(server, client, folder, case):
    _, tr, name = case
    r = upload_image(client, folder, "u.png", png_bytes(halves(40, 20)))
    for pos in ("path", "query"):
        url = build(client, server, r.file_path, tr, pos)
        resp = get(url)
        body = assert_json_error(resp, 400)
        assert name in body["message"], f"400 message should name {name!r}: {describe(resp)}"


def test_unknown_named_transformation_is_400(server, client, folder):
    r = upload_image(client, folder, "n.png", png_bytes(halves(40, 20)))
    resp = get(build(client, server, r.file_path, [{"named": "no_such_named_tr"}], "path"))
    assert_json_error(resp, 400)


def test_transformation_of_missing_file_is_404(server, client, folder):
    resp = get(build(client, server, folder + "/missing.png", [{"width": 100}], "path"))
    assert_json_error(resp, 404)
