"""Shared fixtures for v5/, v4/ and wire/ (this file must not import imagekitio)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from halftone_server import HalftoneServer  # noqa: E402


@pytest.fixture(scope="module")
def server():
    """One halftone per test module, default settings."""
    with HalftoneServer() as srv:
        yield srv


@pytest.fixture
def server_factory():
    """Start extra servers with special settings: ``server_factory({"HALFTONE_X": "true"})``."""
    started: list[HalftoneServer] = []

    def start(extra_env: dict[str, str] | None = None, **kwargs) -> HalftoneServer:
        srv = HalftoneServer(extra_env=extra_env, **kwargs)
        srv.start()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


@pytest.fixture
def folder() -> str:
    """A random folder of this test's own, e.g. ``/t-1a2b3c4d5e6f`` (no trailing slash)."""
    return f"/t-{uuid.uuid4().hex[:12]}"
