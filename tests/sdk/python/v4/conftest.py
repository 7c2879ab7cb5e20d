"""Fixtures for the imagekitio 4.x suite: the old client hard-codes ImageKit's hosts as class
attributes of `imagekitio.constants.url.URL`, read at call time; point them at halftone."""

from __future__ import annotations

import pytest
from imagekitio import ImageKit
from imagekitio.constants.url import URL


@pytest.fixture(scope="module")
def ik4(server):
    saved = (URL.API_BASE_URL, URL.UPLOAD_BASE_URL)
    URL.API_BASE_URL = server.base_url
    URL.UPLOAD_BASE_URL = server.base_url
    try:
        yield ImageKit(
            public_key=server.public_key,
            private_key=server.private_key,
            url_endpoint=server.url_endpoint,
        )
    finally:
        URL.API_BASE_URL, URL.UPLOAD_BASE_URL = saved
