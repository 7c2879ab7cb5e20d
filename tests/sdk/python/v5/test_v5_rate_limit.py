"""imagekitio 5.x against a spent rate limit (spec §4, §8.2): without retries it raises
RateLimitError with ImageKit's body; with its default retries it waits the `retry-after-ms`
the server sends and then succeeds. Its own backoff (0.5 s, then 1 s) is far shorter than the
3 s budget here, so a client that ignored the header would be refused on both retries."""

from __future__ import annotations

import httpx
import pytest
from imagekitio import ImageKit, RateLimitError

LIMITED = {"HALFTONE_RATE_LIMIT_REQUESTS": "1", "HALFTONE_RATE_LIMIT_INTERVAL": "3s"}


def counting_client(server, max_retries: int, sent: list[httpx.Request]) -> ImageKit:
    http_client = httpx.Client(event_hooks={"request": [sent.append]}, timeout=20)
    return ImageKit(
        private_key=server.private_key,
        base_url=server.base_url,
        max_retries=max_retries,
        http_client=http_client,
    )


def test_429_is_a_rate_limit_error_and_the_sdk_waits_retry_after_ms(server_factory):
    server = server_factory(LIMITED)
    sent: list[httpx.Request] = []
    no_retries = counting_client(server, 0, sent)
    no_retries.assets.list()
    with pytest.raises(RateLimitError) as refused:
        no_retries.assets.list()
    response = refused.value.response
    assert response.status_code == 429
    assert response.json()["help"] == "For support kindly contact us at support@imagekit.io."
    assert int(response.headers["x-ratelimit-limit"]) == 1
    assert int(response.headers["x-ratelimit-interval"]) == 3000
    assert 0 < int(response.headers["retry-after-ms"]) <= 3000
    no_retries.close()

    retried: list[httpx.Request] = []
    with_retries = counting_client(server, 2, retried)
    with_retries.assets.list()
    assert len(retried) == 2, f"expected one refused call and one retry, got {len(retried)} requests"
    assert retried[1].headers.get("x-stainless-retry-count") == "1"
    with_retries.close()
