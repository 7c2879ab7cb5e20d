"""Small, real image files made in memory (nothing is downloaded).

* ``make_png(w, h, alpha=False, seed=...)`` — a valid PNG (RGB or RGBA), pixel data derived from
  ``seed`` so two calls with different seeds give different bytes.
* ``make_jpeg(w, h, level=128, comment=...)`` — a valid baseline greyscale JPEG (JFIF) of a solid
  grey level; ``comment`` goes into a COM segment so bytes can be made unique.
"""

from __future__ import annotations

import os
import struct
import zlib


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def make_png(width: int = 3, height: int = 2, alpha: bool = False, seed: bytes | None = None) -> bytes:
    if seed is None:
        seed = os.urandom(8)
    channels = 4 if alpha else 3
    raw = bytearray()
    i = 0
    for y in range(height):
        raw.append(0)  # filter type None
        for x in range(width):
            for c in range(channels):
                if alpha and c == 3:
                    raw.append(128 if (x + y) % 2 else 255)
                else:
                    raw.append((seed[i % len(seed)] + 37 * x + 91 * y + 13 * c) & 0xFF)
                    i += 1
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _png_chunk(b"IEND", b"")
    )


# ---- tiny baseline JPEG encoder (solid grey, 1 component, quant table of 1s) ----

# Standard luminance DC table (ITU T.81 Annex K.3).
_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
_DC_VALS = list(range(12))
# AC table with only EOB (0x00).
_AC_BITS = [1] + [0] * 15
_AC_VALS = [0x00]


def _canonical_codes(bits: list[int], vals: list[int]) -> dict[int, tuple[int, int]]:
    codes: dict[int, tuple[int, int]] = {}
    code = 0
    k = 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def write(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self._emit(self.acc)
                self.acc = 0
                self.n = 0

    def _emit(self, byte: int) -> None:
        self.out.append(byte)
        if byte == 0xFF:
            self.out.append(0x00)  # byte stuffing

    def flush(self) -> bytes:
        if self.n:
            pad = 8 - self.n
            self._emit(((self.acc << pad) | ((1 << pad) - 1)) & 0xFF)
            self.acc = 0
            self.n = 0
        return bytes(self.out)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def make_jpeg(width: int = 16, height: int = 8, level: int = 128, comment: bytes | None = None) -> bytes:
    if comment is None:
        comment = os.urandom(8).hex().encode()
    dc_codes = _canonical_codes(_DC_BITS, _DC_VALS)
    ac_codes = _canonical_codes(_AC_BITS, _AC_VALS)
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bw = _BitWriter()
    prev = 0
    for _ in range(blocks):
        dc = 8 * (level - 128)
        diff = dc - prev
        prev = dc
        size = abs(diff).bit_length()
        code, length = dc_codes[size]
        bw.write(code, length)
        if size:
            bw.write(diff if diff > 0 else diff + (1 << size) - 1, size)
        code, length = ac_codes[0x00]  # EOB
        bw.write(code, length)
    scan = bw.flush()

    out = b"\xff\xd8"
    out += _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += _segment(0xFE, comment)
    out += _segment(0xDB, b"\x00" + b"\x01" * 64)
    out += _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    out += _segment(0xC4, b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALS))
    out += _segment(0xC4, b"\x10" + bytes(_AC_BITS) + bytes(_AC_VALS))
    out += _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    out += scan
    out += b"\xff\xd9"
    return out
