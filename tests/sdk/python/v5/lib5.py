"""Helpers shared by the v5 media-library tests (issue 3): uploads, listing, job polling, library
snapshots for "nothing changed" checks, unique custom-metadata field names, a JPEG carrying EXIF."""

from __future__ import annotations

import struct
import time
import uuid

import httpx
from imagekitio import ImageKit

from images import make_jpeg, make_png

UNKNOWN_ID = "0123456789abcdef01234567"


def uniq(prefix: str = "f") -> str:
    """A custom-metadata field name / label unique across the whole (account-global) run."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def upload_png(client, folder: str, name: str, *, w: int = 3, h: int = 2, unique: bool = False, **kw):
    png = make_png(w, h)
    r = client.files.upload(file=(name, png, "image/png"), file_name=name, folder=folder,
                            use_unique_file_name=unique, **kw)
    return r


def list_all(client, **kw) -> list:
    """Every page of assets.list (limit 1000)."""
    out: list = []
    skip = 0
    while True:
        page = client.assets.list(skip=skip, limit=1000, **kw)
        out.extend(page)
        if len(page) < 1000:
            return out
        skip += 1000


def names(items) -> list[str]:
    return sorted(i.name for i in items)


def search(client, query: str, **kw) -> list:
    return list_all(client, search_query=query, **kw)


def wait_job(client, job_id: str, timeout: float = 20.0):
    """Poll folders.job.get until Completed; returns the last job object."""
    deadline = time.monotonic() + timeout
    job = None
    while time.monotonic() < deadline:
        job = client.folders.job.get(job_id)
        assert job.job_id == job_id
        assert job.status in ("Pending", "Completed"), job
        if job.status == "Completed":
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not Completed after {timeout}s: {job}")


def snapshot(client, folder: str) -> list:
    """Everything under `folder` (files, folders, versions), as plain dicts, in a stable order."""
    items = []
    for it in search(client, f'path : "{folder}/"'):
        items.append(it.model_dump(mode="json"))
    for it in search(client, f'path : "{folder}/" AND type = "file-version"'):
        items.append(it.model_dump(mode="json"))
    return sorted(items, key=lambda d: (d.get("type") or "", d.get("filePath") or d.get("folderPath") or "",
                                        (d.get("versionInfo") or {}).get("id") or ""))


def counting_client(server, **kw) -> tuple[ImageKit, list[httpx.Request]]:
    """An SDK client with its default retry policy that records every request it sends."""
    sent: list[httpx.Request] = []
    http_client = httpx.Client(event_hooks={"request": [sent.append]}, timeout=20)
    return ImageKit(private_key=server.private_key, base_url=server.base_url, http_client=http_client, **kw), sent


# ---- a JPEG with an EXIF (APP1) segment ----------------------------------------------------------

_TYPES = {"BYTE": 1, "ASCII": 2, "SHORT": 3, "LONG": 4, "RATIONAL": 5, "UNDEFINED": 7}
_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1}


def _ifd(entries: list[tuple[int, str, object]], base: int, next_ifd: int = 0) -> tuple[bytes, int]:
    """Little-endian IFD at offset `base` (from TIFF header). Returns (bytes, length)."""
    n = len(entries)
    head_len = 2 + 12 * n + 4
    data = bytearray()
    table = bytearray(struct.pack("<H", n))
    for tag, typ, val in sorted(entries, key=lambda e: e[0]):
        t = _TYPES[typ]
        if typ == "ASCII":
            raw = val.encode() + b"\x00"
            count = len(raw)
        elif typ in ("BYTE", "UNDEFINED"):
            raw = bytes(val)
            count = len(raw)
        elif typ == "SHORT":
            vals = val if isinstance(val, list) else [val]
            raw = b"".join(struct.pack("<H", v) for v in vals)
            count = len(vals)
        elif typ == "LONG":
            vals = val if isinstance(val, list) else [val]
            raw = b"".join(struct.pack("<I", v) for v in vals)
            count = len(vals)
        else:  # RATIONAL
            vals = val if isinstance(val, list) else [val]
            raw = b"".join(struct.pack("<II", a, b) for a, b in vals)
            count = len(vals)
        if len(raw) <= 4:
            table += struct.pack("<HHI", tag, t, count) + raw.ljust(4, b"\x00")
        else:
            off = base + head_len + len(data)
            table += struct.pack("<HHII", tag, t, count, off)
            data += raw
            if len(data) % 2:
                data += b"\x00"
    table += struct.pack("<I", next_ifd)
    out = bytes(table) + bytes(data)
    return out, len(out)


def exif_segment() -> bytes:
    """APP1 Exif: IFD0 (Make, Model, Orientation, X/YResolution, ResolutionUnit, ExifOffset, GPSInfo),
    Exif IFD (ExposureTime 1/200, FNumber 2.8, ISO 400, DateTimeOriginal), GPS IFD."""
    ifd0_off = 8
    ifd0_entries_fixed = [
        (0x010F, "ASCII", "HalftoneCam"),
        (0x0110, "ASCII", "HT-1000"),
        (0x0112, "SHORT", 1),
        (0x011A, "RATIONAL", (72, 1)),
        (0x011B, "RATIONAL", (72, 1)),
        (0x0128, "SHORT", 2),
    ]
    # two passes: compute IFD0 size with placeholder pointers, then real offsets
    placeholder = ifd0_entries_fixed + [(0x8769, "LONG", 0), (0x8825, "LONG", 0)]
    _, ifd0_len = _ifd(placeholder, ifd0_off)
    exif_off = ifd0_off + ifd0_len
    exif_entries = [
        (0x829A, "RATIONAL", (1, 200)),
        (0x829D, "RATIONAL", (28, 10)),
        (0x8827, "SHORT", 400),
        (0x9003, "ASCII", "2021:06:15 12:34:56"),
        (0x9000, "UNDEFINED", b"0230"),
    ]
    exif_bytes, exif_len = _ifd(exif_entries, exif_off)
    gps_off = exif_off + exif_len
    gps_entries = [
        (0x0000, "BYTE", [2, 3, 0, 0]),
        (0x0001, "ASCII", "N"),
        (0x0002, "RATIONAL", [(48, 1), (51, 1), (30, 1)]),
        (0x0003, "ASCII", "E"),
        (0x0004, "RATIONAL", [(2, 1), (21, 1), (0, 1)]),
    ]
    gps_bytes, _ = _ifd(gps_entries, gps_off)
    ifd0_bytes, _ = _ifd(ifd0_entries_fixed + [(0x8769, "LONG", exif_off), (0x8825, "LONG", gps_off)], ifd0_off)
    tiff = b"II*\x00" + struct.pack("<I", ifd0_off) + ifd0_bytes + exif_bytes + gps_bytes
    payload = b"Exif\x00\x00" + tiff
    return struct.pack(">BBH", 0xFF, 0xE1, len(payload) + 2) + payload


def make_exif_jpeg(width: int = 16, height: int = 8) -> bytes:
    jpg = make_jpeg(width, height, 100)
    assert jpg[:2] == b"\xff\xd8"
    return jpg[:2] + exif_segment() + jpg[2:]
