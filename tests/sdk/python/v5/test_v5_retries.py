"""imagekitio 5.x retries 5xx/408/409/429 unless told `x-should-retry: false` (spec §8.2): an endpoint
halftone does not implement yet must not be hammered by the SDK's default 2 retries."""

from __future__ import annotations

import httpx
import pytest
from imagekitio import APIStatusError, ImageKit


def test_not_implemented_is_not_retried(server):
    sent: list[httpx.Request] = []
    http_client = httpx.Client(event_hooks={"request": [sent.append]}, timeout=20)
    client = ImageKit(private_key=server.private_key, base_url=server.base_url, http_client=http_client)
    with pytest.raises(APIStatusError) as ei:
        client.accounts.origins.list()
    assert ei.value.response.headers.get("x-should-retry") == "false"
    assert len(sent) == 1, f"the SDK retried {len(sent) - 1} times"
    client.close()
