"""imagekitio 5.x client factory shared by the v5 tests."""

from __future__ import annotations

from imagekitio import ImageKit


def make_client(server, private_key: str | None = None) -> ImageKit:
    """The documented way to point the 5.x SDK at another host: `base_url` (retries off)."""
    return ImageKit(
        private_key=server.private_key if private_key is None else private_key,
        base_url=server.base_url,
        max_retries=0,
        timeout=20,
    )
