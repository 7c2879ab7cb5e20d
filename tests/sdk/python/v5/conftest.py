"""Fixtures for the imagekitio 5.x suite."""

from __future__ import annotations

import pytest

from ik5 import make_client


@pytest.fixture(scope="module")
def client(server):
    c = make_client(server)
    yield c
    c.close()
