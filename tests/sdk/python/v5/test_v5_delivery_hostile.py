"""Hostile sources (issue 4): truncated JPEG/PNG, decompression bombs and huge claimed dimensions,
garbage named .jpg, an SVG with external references, an entity and a script — uploaded, then
delivered with a transformation → 4xx JSON (or refused at upload with 4xx JSON); nothing is fetched
from the SVG's references; afterwards /healthz is 200 and a normal file still renders."""

from __future__ import annotations

import http.server
import io
import os
import struct
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from PIL import Image

from deliverykit import RED, BLUE, build, describe, fetch_image, get, halves, jpeg_bytes, near, pixel, png_bytes
from halftone_server import HalftoneServer
from httpkit import TIMEOUT, assert_json_error
from ik5 import make_client


MEMORY_HEADROOM = 3 * 1024 ** 3  # address space the server may add on top of what it has after start-up


@pytest.fixture
def server():
    """Each test here gets its own halftone (one crash must not hide the other cases), run under
    RLIMIT_AS = (size after start-up + 3 GiB): a source or an output that escapes the limits checker
    then makes the server fail (and this suite report it) instead of eating the machine's memory
    (an uncapped b-30000 once took 23 GiB and the OOM killer)."""
    import resource

    with HalftoneServer() as srv:
        pid = srv.proc.pid
        with open(f"/proc/{pid}/status") as f:
            vm = int(f.read().split("VmSize:")[1].split()[0]) * 1024
        resource.prlimit(pid, resource.RLIMIT_AS, (vm + MEMORY_HEADROOM, vm + MEMORY_HEADROOM))
        yield srv


@pytest.fixture
def client(server):
    c = make_client(server)
    yield c
    c.close()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int, height: int, *, bit_depth=8, colour_type=6, full_stream=False) -> bytes:
    """A PNG whose IHDR claims width×height. ``full_stream``: the IDAT really inflates to the whole
    image (all zeros: a decompression bomb of a few hundred KB); otherwise a few rows only."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row = 1 + (width * channels * bit_depth + 7) // 8
    if not full_stream:  # a few KB of the first row(s) only
        idat = zlib.compress(b"\x00" * min(row * 4, 4096), 9)
        return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    comp = zlib.compressobj(9)
    out = bytearray()
    rows = height
    block = b"\x00" * (row * 256)
    done = 0
    while done < rows:
        n = min(256, rows - done)
        out += comp.compress(block[: row * n])
        done += n
    out += comp.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", bytes(out)) + _chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    """A real small JPEG whose SOF0 frame header is patched to claim width×height."""
    data = bytearray(jpeg_bytes(halves(64, 32)))
    i = 2
    while i < len(data):
        assert data[i] == 0xFF
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            struct.pack_into(">HH", data, i + 5, height, width)
            return bytes(data)
        i += 2 + length
    raise AssertionError("no SOF marker")


def noisy_jpeg() -> bytes:
    return jpeg_bytes(Image.effect_noise((800, 600), 80).convert("RGB"), quality=90)


def noisy_png() -> bytes:
    return png_bytes(Image.effect_noise((600, 400), 80).convert("RGB"))


HOSTILE = {
    "truncated-jpeg": ("cut.jpg", "image/jpeg", lambda: noisy_jpeg()[: len(noisy_jpeg()) // 2]),
    "truncated-jpeg-header-only": ("head.jpg", "image/jpeg", lambda: noisy_jpeg()[:400]),
    "truncated-png": ("cut.png", "image/png", lambda: noisy_png()[: len(noisy_png()) // 2]),
    "truncated-png-in-ihdr": ("ihdr.png", "image/png", lambda: noisy_png()[:20]),
    "png-header-50000x50000": ("claims.png", "image/png", lambda: png_claiming(50000, 50000)),
    "png-bomb-50000x50000-real-stream": ("bomb.png", "image/png",
                                         lambda: png_claiming(50000, 50000, bit_depth=1, colour_type=0,
                                                              full_stream=True)),
    "png-65535x65535": ("max.png", "image/png", lambda: png_claiming(65535, 65535, colour_type=2)),
    "png-wide-1x-huge": ("wide.png", "image/png", lambda: png_claiming(2_000_000_000, 1, colour_type=0)),
    "jpeg-sof-60000x60000": ("huge.jpg", "image/jpeg", lambda: jpeg_claiming(60000, 60000)),
    "garbage-named-jpg": ("garbage.jpg", "image/jpeg", lambda: os.urandom(4096)),
    "empty-named-png": ("empty.png", "image/png", lambda: b"\x89PNG\r\n\x1a\n"),
    "html-named-jpg": ("page.jpg", "image/jpeg", lambda: b"<html><script>alert(1)</script></html>"),
}


def _upload_raw(server, data: bytes, name: str, ctype: str, folder: str) -> requests.Response:
    return requests.post(server.base_url + "/api/v1/files/upload", auth=(server.private_key, ""),
                         files={"file": (name, data, ctype)},
                         data={"fileName": name, "folder": folder, "useUniqueFileName": "false"}, timeout=60)


def _log_summary(server) -> str:
    lines = server.log_tail(200).splitlines()
    keep = [ln for ln in lines if any(w in ln.lower() for w in ("panic", "alloc", "memory", "error"))]
    return "\n".join(keep[-6:] or lines[-6:])


def _still_serving(server, client, folder):
    assert server.proc is not None and server.proc.poll() is None, "the server process died:\n" + _log_summary(server)
    h = requests.get(server.base_url + "/healthz", timeout=TIMEOUT)
    assert h.status_code == 200, h.status_code
    r = client.files.upload(file=("ok.png", png_bytes(halves(200, 100)), "image/png"), file_name="ok.png",
                            folder=folder + "/after", use_unique_file_name=True)
    _, img = fetch_image(build(client, server, r.file_path, [{"width": 50, "format": "png"}], "path"),
                         expect_format="PNG")
    assert img.size == (50, 25)
    assert near(pixel(img, 5, 12), RED) and near(pixel(img, 45, 12), BLUE)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_source_transformation_is_4xx(server, client, folder, kind):
    name, ctype, make = HOSTILE[kind]
    up = _upload_raw(server, make(), name, ctype, folder)
    if up.status_code != 200:
        assert_json_error(up, tuple(range(400, 500)))
    else:
        file_path = up.json()["filePath"]
        for tr in ([{"width": 100}], [{"width": 100, "height": 100, "format": "png"}], [{"rotation": 90}],
                   [{"named": "ik_ml_thumbnail"}]):
            for pos in ("path", "query"):
                url = build(client, server, file_path, tr, pos)
                resp = get(url)
                assert 400 <= resp.status_code < 500, describe(resp)
                assert_json_error(resp)
    _still_serving(server, client, folder)


def test_concurrent_bombs_do_not_take_the_server_down(server, client, folder):
    ups = []
    for i in range(4):
        up = _upload_raw(server, png_claiming(50000, 50000, bit_depth=1, colour_type=0, full_stream=True),
                         f"b{i}.png", "image/png", folder)
        if up.status_code == 200:
            ups.append(up.json()["filePath"])
        else:
            assert_json_error(up, tuple(range(400, 500)))
    urls = [build(client, server, p, [{"width": 100 + i}], "path") for i, p in enumerate(ups) for _ in range(2)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(get, urls))
    for resp in results:
        assert 400 <= resp.status_code < 500, describe(resp)
    _still_serving(server, client, folder)


@pytest.mark.parametrize("tr", [
    [{"width": 20000, "height": 20000, "crop": "force"}],
    [{"width": 60000, "height": 30000, "crop": "at_max_enlarge"}],
    [{"width": 5000, "dpr": 5}],
    [{"width": 1000, "height": 1000, "crop_mode": "pad_resize", "border": "30000_FF0000"}],
    [{"border": "30000_FF0000"}],
    [{"width": 9000, "height": 9000, "crop": "force"}, {"width": 9000, "height": 9000, "crop_mode": "pad_resize",
                                                        "border": "4000_FF0000"}],
], ids=["force-20000x20000", "enlarge-60000", "dpr-25000", "pad-then-border-30000", "border-30000",
        "81MP-then-border-4000"])
def test_huge_output_is_4xx(server, client, folder, tr):
    r = client.files.upload(file=("s.png", png_bytes(halves(400, 200)), "image/png"), file_name="s.png",
                            folder=folder, use_unique_file_name=False)
    url = build(client, server, r.file_path, tr, "path")
    try:
        resp = get(url)
    except requests.RequestException as e:
        raise AssertionError(f"GET {url} got no answer ({type(e).__name__}); server alive: "
                             f"{server.proc.poll() is None}; log:\n{_log_summary(server)}") from None
    if resp.status_code == 200:  # a server may clamp instead of refusing — then it must stay ≤ 100 MP
        limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            size = Image.open(io.BytesIO(resp.content)).size  # header only
        finally:
            Image.MAX_IMAGE_PIXELS = limit
        assert size[0] * size[1] <= 100_000_000, f"output of {size[0]}×{size[1]} exceeds 100 MP: {describe(resp)}"
    else:
        assert_json_error(resp, tuple(range(400, 500)))
    _still_serving(server, client, folder)


# ---- SVG with external references ---------------------------------------------------------------

class _Origin:
    """A tiny HTTP server recording every hit (the SVG's references point here)."""

    def __init__(self):
        hits = self.hits = []

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                body = png_bytes(halves(4, 4))
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, p):
        return f"http://127.0.0.1:{self.port}{p}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def hostile_svg(origin: _Origin) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "{origin.url('/entity.txt')}">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">
  <script type="text/javascript">fetch("{origin.url('/script')}"); alert(document.cookie);</script>
  <rect width="200" height="100" fill="#DC1414"/>
  <image href="{origin.url('/image.png')}" x="0" y="0" width="100" height="100"/>
  <image xlink:href="{origin.url('/xlink.png')}" x="100" y="0" width="100" height="100"/>
  <use href="{origin.url('/use.svg#a')}"/>
  <style>@import url("{origin.url('/style.css')}"); rect {{ fill: url("{origin.url('/fill.svg#g')}"); }}</style>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="{origin.url('/iframe')}"/></foreignObject>
  <text x="10" y="50">&xxe;&remote;</text>
</svg>""".encode()


def test_svg_with_external_references_and_script(server, client, folder):
    origin = _Origin()
    try:
        svg = hostile_svg(origin)
        up = _upload_raw(server, svg, "evil.svg", "image/svg+xml", folder)
        if up.status_code != 200:
            assert_json_error(up, tuple(range(400, 500)))
            return
        res = up.json()

        original = get(res["url"])
        assert original.status_code == 200, describe(original)
        ctype = original.headers.get("Content-Type", "")
        assert ctype.split(";")[0].strip() == "image/svg+xml", f"original SVG must be served as image/svg+xml: {ctype}"
        assert "html" not in ctype.lower()

        # Spec §6.2: an SVG is rasterised only when a raster format is asked for; otherwise the
        # stored SVG is the answer (with the same content type as the original).
        for tr, rasterised in (([{"width": 100}], False), ([{"width": 100, "format": "png"}], True),
                               ([{"format": "jpg"}], True), ([{"named": "ik_ml_thumbnail"}], False)):
            for pos in ("path", "query"):
                resp = get(build(client, server, res["filePath"], tr, pos))
                assert b"root:" not in resp.content, "the XXE entity was expanded: " + describe(resp)
                ctype = resp.headers.get("Content-Type", "").split(";")[0].strip()
                if rasterised:
                    # Drawn without its references, or refused (this one declares entities).
                    if resp.status_code != 200:
                        assert 400 <= resp.status_code < 500, describe(resp)
                        assert_json_error(resp)
                    else:
                        assert ctype in ("image/png", "image/jpeg"), describe(resp)
                else:
                    assert resp.status_code == 200, describe(resp)
                    assert ctype == "image/svg+xml" and resp.content == svg, describe(resp)
        assert origin.hits == [], f"the server fetched the SVG's external references: {origin.hits}"
    finally:
        origin.close()
    _still_serving(server, client, folder)
