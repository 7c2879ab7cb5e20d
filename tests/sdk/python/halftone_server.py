"""Start and stop the real `halftone` binary for black-box tests (see tests/sdk/CONTRACT.md).

    with HalftoneServer(extra_env={"HALFTONE_PURGE_ON_DELETE": "true"}) as srv:
        srv.base_url, srv.url_endpoint, srv.private_key, srv.public_key

The binary comes from $HALFTONE_BIN (default <repo>/target/release/halftone). It is started as
`halftone serve --listen 127.0.0.1:0 --data-dir <fresh temp dir>` with known keys; the banner it
prints on stdout gives the address; `GET /healthz` must answer 200 before the server is handed out.

HALFTONE_TEST_MODE=distributed gives each data dir its own PostgreSQL database (from
HALFTONE_TEST_PG_URL) and its own prefix of the S3 test bucket (HALFTONE_TEST_S3_*);
HALFTONE_TEST_MODE=s3 gives the S3 prefix only (SQLite stays in the data dir). The names are
kept in the data dir, so a restart on the same data dir finds the same database and prefix.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_BIN = REPO / "target" / "release" / "halftone"

STARTUP_TIMEOUT = float(os.environ.get("HALFTONE_STARTUP_TIMEOUT", "30"))

_LISTEN_RE = re.compile(r"listening on (http://\S+)")
_ENDPOINT_RE = re.compile(r"URL endpoint:\s+(\S+)")
_PRIVATE_RE = re.compile(r"Private key:\s+(\S+)")
_PUBLIC_RE = re.compile(r"Public key:\s+(\S+)")


class HalftoneStartError(RuntimeError):
    pass


_STORE_NAME_FILE = "test-store-name"


def mode_env(data_dir: str) -> dict[str, str]:
    """The HALFTONE_* settings HALFTONE_TEST_MODE asks for, for a server on ``data_dir``."""
    mode = os.environ.get("HALFTONE_TEST_MODE", "")
    if mode in ("", "embedded"):
        return {}
    if mode not in ("distributed", "s3"):
        raise HalftoneStartError(f"HALFTONE_TEST_MODE={mode!r}: use embedded, s3 or distributed")
    endpoint = os.environ.get("HALFTONE_TEST_S3_ENDPOINT")
    if not endpoint:
        raise HalftoneStartError(f"HALFTONE_TEST_MODE={mode} needs HALFTONE_TEST_S3_ENDPOINT (scripts/services start)")
    name_file = Path(data_dir) / _STORE_NAME_FILE
    if name_file.exists():
        name = name_file.read_text().strip()
    else:
        name = f"t_{secrets.token_hex(8)}"
        name_file.write_text(name)
    bucket = os.environ.get("HALFTONE_TEST_S3_BUCKET", "halftone-test")
    env = {"HALFTONE_STORE": f"s3://{bucket}/{name}", "HALFTONE_S3_ENDPOINT": endpoint}
    if mode == "distributed":
        pg = os.environ.get("HALFTONE_TEST_PG_URL")
        if not pg:
            raise HalftoneStartError("HALFTONE_TEST_MODE=distributed needs HALFTONE_TEST_PG_URL (scripts/services start)")
        env["HALFTONE_DATABASE_URL"] = with_database(pg, name)
    return env


def with_database(url: str, name: str) -> str:
    """``postgres://u:p@h:1/halftone?x=y`` with the database ``name`` instead."""
    base, sep, query = url.partition("?")
    head = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    return f"{head}/{name}{sep}{query}"


def halftone_bin() -> Path:
    return Path(os.environ.get("HALFTONE_BIN") or DEFAULT_BIN)


class HalftoneServer:
    def __init__(
        self,
        extra_env: dict[str, str] | None = None,
        *,
        data_dir: str | None = None,
        set_keys: bool = True,
        keys: tuple[str, str] | None = None,
    ) -> None:
        """``data_dir``: reuse this data dir (it is then left in place at stop); otherwise a fresh
        temp dir is made and removed at stop. ``set_keys=False`` leaves HALFTONE_PRIVATE_KEY /
        HALFTONE_PUBLIC_KEY unset (the server generates and keeps its own); ``keys`` fixes them."""
        self.extra_env = dict(extra_env or {})
        token = secrets.token_hex(8)
        self.set_keys = set_keys
        self.env_private_key, self.env_public_key = keys or (f"private_test_{token}", f"public_test_{token}")
        self.base_url = ""
        self.url_endpoint = ""
        self.private_key = ""
        self.public_key = ""
        self.banner: list[str] = []
        self.proc: subprocess.Popen[bytes] | None = None
        self._tmp = tempfile.mkdtemp(prefix="halftone-pytest-")
        self.data_dir = data_dir or os.path.join(self._tmp, "data")
        self.log_path = os.path.join(self._tmp, "server.log")
        self._lines: list[str] = []
        self._cond = threading.Condition()
        self._eof = False

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> "HalftoneServer":
        binary = halftone_bin()
        if not binary.exists():
            raise HalftoneStartError(f"halftone binary not found at {binary} (set HALFTONE_BIN)")
        os.makedirs(self.data_dir, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("HALFTONE_") or k == "HALFTONE_BIN"}
        env["RUST_LOG"] = os.environ.get("HALFTONE_TEST_RUST_LOG", "warn")
        env.update(mode_env(self.data_dir))
        if self.set_keys:
            env["HALFTONE_PRIVATE_KEY"] = self.env_private_key
            env["HALFTONE_PUBLIC_KEY"] = self.env_public_key
        env.update(self.extra_env)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(binary), "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            cwd=self._tmp,
        )
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        try:
            self._wait_banner()
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _pump_stdout(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            with self._cond:
                self._lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def _wait_banner(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        with self._cond:
            while True:
                text = "\n".join(self._lines)
                base = _LISTEN_RE.search(text)
                endpoint = _ENDPOINT_RE.search(text)
                priv = _PRIVATE_RE.search(text)
                pub = _PUBLIC_RE.search(text)
                if base and endpoint and priv and pub:
                    break
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    raise HalftoneStartError(
                        "halftone did not print its full banner "
                        f"(eof={self._eof}, exit={self.proc.poll() if self.proc else None}).\n"
                        f"stdout so far:\n{text}\nstderr tail:\n{self.log_tail()}"
                    )
                self._cond.wait(min(remaining, 0.2))
        self.banner = list(self._lines)
        self.base_url = base.group(1).rstrip("/")
        self.url_endpoint = endpoint.group(1).rstrip("/")
        self.private_key = priv.group(1)
        self.public_key = pub.group(1)

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        last = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise HalftoneStartError(f"halftone exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
                    last = r.status
            except urllib.error.HTTPError as e:
                last = e.code
            except OSError as e:
                last = e
            time.sleep(0.1)
        raise HalftoneStartError(f"GET /healthz never answered 200 (last: {last}):\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL, no chance to clean up (durability tests); the temp dirs stay until stop()."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            try:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self.exit_code = proc.returncode if proc is not None else getattr(self, "exit_code", None)
        if proc is not None and proc.stdout is not None:
            proc.stdout.close()
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
        self.proc = None
        shutil.rmtree(self._tmp, ignore_errors=True)

    def log_tail(self, n: int = 40) -> str:
        try:
            with open(self.log_path, "rb") as f:
                return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> "HalftoneServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- conveniences ----------------------------------------------------------------------------
    @property
    def auth(self) -> tuple[str, str]:
        """(user, password) for HTTP Basic the way curl sends it."""
        return (self.private_key, "")

    def delivery_url(self, file_path: str) -> str:
        return self.url_endpoint + file_path

    def __repr__(self) -> str:
        return f"HalftoneServer(base_url={self.base_url!r}, url_endpoint={self.url_endpoint!r})"
