"""Helpers for the delivery tests (issue 4): generated source images with known colour regions,
SDK-built URLs (`client.helper.build_url`), fetching + decoding with Pillow, colour checks, purge
polling, tampering a signed URL."""

from __future__ import annotations

import hashlib
import hmac
import io
import time
import urllib.parse

import requests
from PIL import Image

from httpkit import TIMEOUT

RED = (220, 20, 20)
GREEN = (20, 200, 20)
BLUE = (20, 20, 220)
YELLOW = (230, 220, 20)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def jpeg_bytes(img: Image.Image, quality: int = 92) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def halves(w: int = 400, h: int = 200, left=RED, right=BLUE) -> Image.Image:
    """Left half `left`, right half `right`."""
    img = Image.new("RGB", (w, h), left)
    img.paste(right, (w // 2, 0, w, h))
    return img


def quadrants(w: int = 400, h: int = 400) -> Image.Image:
    """Top-left RED, top-right GREEN, bottom-left BLUE, bottom-right YELLOW."""
    img = Image.new("RGB", (w, h), RED)
    img.paste(GREEN, (w // 2, 0, w, h // 2))
    img.paste(BLUE, (0, h // 2, w // 2, h))
    img.paste(YELLOW, (w // 2, h // 2, w, h))
    return img


def upload_image(client, folder: str, name: str, data: bytes, ctype: str = "image/png", **kw):
    return client.files.upload(file=(name, data, ctype), file_name=name, folder=folder,
                               use_unique_file_name=False, **kw)


def build(client, server, src: str, transformation=None, position: str = "query", **kw) -> str:
    opts = {"url_endpoint": server.url_endpoint, "src": src}
    if transformation is not None:
        opts["transformation"] = transformation
        opts["transformation_position"] = position
    opts.update(kw)
    return client.helper.build_url(**opts)


def get(url: str, **kw) -> requests.Response:
    return requests.get(url, timeout=TIMEOUT, **kw)


def describe(r: requests.Response) -> str:
    ct = r.headers.get("content-type", "")
    body = r.text[:300] if ("json" in ct or "text" in ct or not r.content) else f"<{len(r.content)} bytes {ct}>"
    return f"GET {r.request.url} -> {r.status_code} {ct} {body}"


def fetch_image(url: str, *, expect_format: str | None = None, **kw) -> tuple[requests.Response, Image.Image]:
    """GET `url`, assert 200 + an image Content-Type, decode it with Pillow (fully loaded)."""
    r = get(url, **kw)
    assert r.status_code == 200, describe(r)
    ct = r.headers.get("content-type", "")
    assert ct.startswith("image/"), describe(r)
    img = Image.open(io.BytesIO(r.content))
    img.load()
    if expect_format is not None:
        assert img.format == expect_format, (img.format, describe(r))
        mime = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}[expect_format]
        assert ct.split(";")[0].strip() == mime, (ct, img.format)
    else:
        assert Image.MIME.get(img.format) == ct.split(";")[0].strip(), (ct, img.format)
    return r, img


def pixel(img: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    return img.convert("RGB").getpixel((x, y))


def near(c1, c2, tol: int = 45) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1[:3], c2[:3]))


def assert_colour(img: Image.Image, x: int, y: int, want, tol: int = 45, what: str = "") -> None:
    got = pixel(img, x, y)
    assert near(got, want, tol), f"{what} pixel ({x},{y}) of {img.size} is {got}, expected ~{want}"


def rgb_pixels(img: Image.Image) -> bytes:
    return img.convert("RGBA").tobytes()


def mean_abs_diff(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size, (a.size, b.size)
    pa, pb = a.convert("RGB").tobytes(), b.convert("RGB").tobytes()
    return sum(abs(x - y) for x, y in zip(pa, pb)) / len(pa)


def wait_purged(client, request_id: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        status = client.cache.invalidation.get(request_id).status
        assert status in ("Pending", "Completed"), status
        if status == "Completed":
            return status
        time.sleep(0.2)
    return status


# ---- signatures ---------------------------------------------------------------------------------

def sign_by_hand(private_key: str, url_endpoint: str, url: str, expiry: int) -> str:
    """Spec §1.5, independently of the SDK: append ik-t (unless 9999999999) and ik-s."""
    to_sign = url.replace(url_endpoint.rstrip("/") + "/", "", 1) + str(expiry)
    sig = hmac.new(private_key.encode(), to_sign.encode(), hashlib.sha1).hexdigest()
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    if expiry != 9999999999:
        return f"{url}{sep}ik-t={expiry}&ik-s={sig}"
    return f"{url}{sep}ik-s={sig}"


def flip_sig_char(url: str) -> str:
    """Change one hex character of the ik-s value."""
    head, sig = url.rsplit("ik-s=", 1)
    assert len(sig) == 40, url
    c = sig[7]
    repl = "0" if c != "0" else "1"
    return head + "ik-s=" + sig[:7] + repl + sig[8:]


def query_param(url: str, name: str) -> str | None:
    vals = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get(name)
    return vals[0] if vals else None
