"""Plain-HTTP helpers shared by the suites: exact-bytes requests (http.client), hand-built multipart
bodies, a `requests` upload for setting up state, and error-shape assertions."""

from __future__ import annotations

import base64
import gzip
import http.client
import io
import json
import re
import socket
import urllib.parse
import zlib
from dataclasses import dataclass, field

import requests

TIMEOUT = 20

HELP_TEXTS = (
    "For support kindly contact us at support@imagekit.io.",
    "For support kindly contact us at support@imagekit.io .",
)
FILE_ID_RE = re.compile(r"^[0-9a-f]{24}$")
ISO_MS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def basic(user: str, password: str = "") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class RawResponse:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    request_line: str = ""
    _lower: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for k, v in self.headers:
            self._lower.setdefault(k.lower(), []).append(v)

    def header(self, name: str) -> str | None:
        vals = self._lower.get(name.lower())
        return vals[0] if vals else None

    def has_header(self, name: str) -> bool:
        return name.lower() in self._lower

    def decoded_body(self) -> bytes:
        enc = (self.header("content-encoding") or "").lower().strip()
        if enc == "gzip":
            return gzip.decompress(self.body)
        if enc == "deflate":
            try:
                return zlib.decompress(self.body)
            except zlib.error:
                return zlib.decompress(self.body, -zlib.MAX_WBITS)
        return self.body

    def json(self):
        return json.loads(self.decoded_body())

    def describe(self) -> str:
        text = self.body[:500].decode("utf-8", "replace")
        return f"{self.request_line} -> {self.status} {self.reason} headers={self.headers} body={text!r}"


def raw_request(
    base_url: str,
    method: str,
    target: str,
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    *,
    content_length: bool = True,
    timeout: float = TIMEOUT,
) -> RawResponse:
    """Send exactly this request line + headers (+ Host, + Content-Length when a body is given).

    ``target`` is put on the request line verbatim (no normalisation, no re-encoding).
    No Accept-Encoding, User-Agent or Accept header is added unless given.
    """
    u = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        for k, v in headers or []:
            conn.putheader(k, v)
        if body is not None and content_length:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body if body else None)
        resp = conn.getresponse()
        data = resp.read()
        return RawResponse(
            status=resp.status,
            reason=resp.reason,
            headers=list(resp.getheaders()),
            body=data,
            request_line=f"{method} {target}",
        )
    finally:
        conn.close()


class _PrefixedSocketReader(io.RawIOBase):
    """Raw reader that first yields bytes already received, then reads the socket."""

    def __init__(self, pre: bytes, sock: socket.socket) -> None:
        self.pre, self.sock = pre, sock

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.pre:
            n = min(len(b), len(self.pre))
            b[:n] = self.pre[:n]
            self.pre = self.pre[n:]
            return n
        data = self.sock.recv(len(b))
        b[: len(data)] = data
        return len(data)


class _FakeSock:
    def __init__(self, reader: io.BufferedReader) -> None:
        self.reader = reader

    def makefile(self, *args, **kwargs):
        return self.reader


def send_expect_continue(base_url: str, target: str, headers: list[tuple[str, str]], body: bytes,
                         timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """POST a big body the way curl does: `Expect: 100-continue`, wait up to 2 s for an early final
    answer (e.g. 413), otherwise send the body; then read the answer. Returns (status, headers, body)."""
    u = urllib.parse.urlsplit(base_url)
    sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
    try:
        head = f"POST {target} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
        for k, v in headers + [("Content-Length", str(len(body))), ("Expect", "100-continue")]:
            head += f"{k}: {v}\r\n"
        sock.sendall(head.encode() + b"\r\n")
        sock.settimeout(2)
        early = b""
        try:
            early = sock.recv(65536)
        except socket.timeout:
            pass
        sock.settimeout(timeout)
        if early.startswith(b"HTTP/1.1 100"):
            while b"\r\n\r\n" not in early:
                early += sock.recv(65536)
            early = early.split(b"\r\n\r\n", 1)[1]
            go = True
        else:
            go = not early
        if go:
            try:
                sock.sendall(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        resp = http.client.HTTPResponse(_FakeSock(io.BufferedReader(_PrefixedSocketReader(early, sock))),
                                        method="POST")
        resp.begin()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        sock.close()


# ---- multipart by hand -------------------------------------------------------------------------

@dataclass
class Part:
    name: str
    value: bytes
    filename: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


def build_multipart(parts: list[Part], boundary: str, *, quote_names: bool = True) -> bytes:
    out = bytearray()
    for p in parts:
        out += f"--{boundary}\r\n".encode()
        name = f'"{p.name}"' if quote_names else p.name
        disp = f"Content-Disposition: form-data; name={name}"
        if p.filename is not None:
            fname = f'"{p.filename}"' if quote_names else p.filename
            disp += f"; filename={fname}"
        out += disp.encode() + b"\r\n"
        for k, v in p.headers:
            out += f"{k}: {v}\r\n".encode()
        out += b"\r\n" + p.value + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


# ---- state set-up through plain requests ---------------------------------------------------------

def upload(server, data: bytes, file_name: str, *, folder: str | None = None, filename: str | None = None,
           content_type: str = "application/octet-stream", **fields: str) -> dict:
    """Upload with `requests` (curl-like multipart, Basic auth with empty password); assert 200."""
    form: dict[str, str] = {"fileName": file_name}
    if folder is not None:
        form["folder"] = folder
    form.update(fields)
    r = requests.post(
        server.base_url + "/api/v1/files/upload",
        auth=(server.private_key, ""),
        files={"file": (filename or file_name, data, content_type)},
        data=form,
        timeout=TIMEOUT,
    )
    assert r.status_code == 200, f"upload failed: {r.status_code} {r.text[:500]}"
    return r.json()


def details(server, file_id: str) -> requests.Response:
    return requests.get(f"{server.base_url}/v1/files/{file_id}/details", auth=server.auth, timeout=TIMEOUT)


# ---- assertions ----------------------------------------------------------------------------------

def assert_json_error(resp, status: int | tuple[int, ...] | None = None, message: str | None = None) -> dict:
    """`resp` is a requests.Response or RawResponse. Checks: status, JSON object with string
    `message` and `help`, Content-Type application/json. Returns the parsed body."""
    if isinstance(resp, RawResponse):
        code, ctype, raw, desc = resp.status, resp.header("content-type") or "", resp.decoded_body(), resp.describe()
    else:
        code = resp.status_code
        ctype = resp.headers.get("content-type", "")
        raw = resp.content
        desc = f"{resp.request.method} {resp.request.url} -> {code} {resp.headers} {resp.text[:500]!r}"
    if status is not None:
        expected = status if isinstance(status, tuple) else (status,)
        assert code in expected, f"expected status {expected}: {desc}"
    assert "application/json" in ctype.lower(), f"error Content-Type is not JSON: {desc}"
    try:
        body = json.loads(raw)
    except ValueError as e:  # pragma: no cover - failure path
        raise AssertionError(f"error body is not JSON ({e}): {desc}") from None
    assert isinstance(body, dict), f"error body is not a JSON object: {desc}"
    assert isinstance(body.get("message"), str) and body["message"], f"no string `message`: {desc}"
    assert isinstance(body.get("help"), str) and body["help"], f"no string `help`: {desc}"
    if message is not None:
        assert body["message"] == message, f"expected message {message!r}: {desc}"
    return body
