"""Two halftone instances behind one (imagined) load balancer: the same PostgreSQL database and the
same S3 bucket prefix, driven with imagekitio 5.x. What one instance accepts, the other serves;
purges, single-use tokens and bulk jobs hold across both; killing one loses nothing acknowledged.

Needs the real services (scripts/services start): HALFTONE_TEST_PG_URL, HALFTONE_TEST_S3_ENDPOINT,
HALFTONE_TEST_S3_BUCKET and AWS_*. Without them the module is skipped, unless
HALFTONE_REQUIRE_SERVICES=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
import urllib.parse

import pytest
import requests

from deliverykit import wait_purged
from halftone_server import HalftoneServer
from httpkit import TIMEOUT, assert_json_error
from ik5 import make_client
from images import make_png
from lib5 import wait_job

SERVICES = ("HALFTONE_TEST_PG_URL", "HALFTONE_TEST_S3_ENDPOINT", "HALFTONE_TEST_S3_BUCKET")
ENDPOINT = "http://media.halftone.test/media"


def _require_services() -> None:
    missing = [name for name in SERVICES if not os.environ.get(name)]
    if not missing:
        return
    if os.environ.get("HALFTONE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"HALFTONE_REQUIRE_SERVICES=1 but {', '.join(missing)} unset (scripts/services start)")
    pytest.skip(f"no services ({', '.join(missing)} unset; run scripts/services start)")


def _shared_env() -> dict[str, str]:
    """A fresh database and bucket prefix, shared by the instances of one test."""
    name = f"t_pair_{secrets.token_hex(6)}"
    pg = urllib.parse.urlsplit(os.environ["HALFTONE_TEST_PG_URL"])
    return {
        "HALFTONE_DATABASE_URL": urllib.parse.urlunsplit(pg._replace(path=f"/{name}")),
        "HALFTONE_STORE": f"s3://{os.environ['HALFTONE_TEST_S3_BUCKET']}/{name}",
        "HALFTONE_S3_ENDPOINT": os.environ["HALFTONE_TEST_S3_ENDPOINT"],
        "HALFTONE_URL_ENDPOINT": ENDPOINT,
    }


@pytest.fixture
def pair():
    _require_services()
    if os.environ.get("HALFTONE_TEST_MODE"):
        pytest.skip("starts its own instances; runs in the embedded pass only")
    env = _shared_env()
    keys = (f"private_pair_{secrets.token_hex(6)}", f"public_pair_{secrets.token_hex(6)}")
    a = HalftoneServer(extra_env=env, keys=keys).start()
    try:
        b = HalftoneServer(extra_env=env, keys=keys).start()
    except BaseException:
        a.stop()
        raise
    yield a, b
    a.stop()
    b.stop()


def _deliver(server, path: str, query: str = "") -> requests.Response:
    """What the load balancer would send to this instance for the public URL ENDPOINT + path."""
    url = f"{server.base_url}/media{path}" + (f"?{query}" if query else "")
    return requests.get(url, timeout=TIMEOUT)


def _upload(client, folder: str, name: str, png: bytes):
    return client.files.upload(
        file=(name, png, "image/png"), file_name=name, folder=folder, use_unique_file_name=False
    )


def test_upload_on_a_is_served_by_b(pair):
    a, b = pair
    ca, cb = make_client(a), make_client(b)
    png = make_png(32, 24)
    up = _upload(ca, "/pair", "one.png", png)
    assert up.url == f"{ENDPOINT}{up.file_path}"
    details = cb.files.get(up.file_id)
    assert (details.file_path, details.width, details.height) == (up.file_path, 32, 24)
    got = _deliver(b, up.file_path)
    assert got.status_code == 200 and got.content == png
    thumb = _deliver(b, up.file_path, "tr=w-16")
    assert thumb.status_code == 200 and thumb.headers["content-type"].startswith("image/")
    listed = cb.assets.list(path="/pair")
    assert [f.name for f in listed] == [up.name]


def test_cached_delivery_stays_on_both_until_a_purge_sent_to_a(pair):
    a, b = pair
    ca, cb = make_client(a), make_client(b)
    png = make_png(20, 20)
    up = _upload(ca, "/purge", "cached.png", png)
    for server in (a, b):
        for query in ("", "tr=w-10"):
            assert _deliver(server, "/purge/cached.png", query).status_code == 200

    cb.files.delete(up.file_id)
    for server in (a, b):
        again = _deliver(server, "/purge/cached.png")
        assert again.status_code == 200 and again.content == png, "a delete does not purge (spec §7)"
        assert _deliver(server, "/purge/cached.png", "tr=w-10").status_code == 200

    created = ca.cache.invalidation.create(url=f"{ENDPOINT}/purge/cached.png*")
    # Completed only once both instances have applied it; asked of B, which did not take it.
    assert wait_purged(cb, created.request_id, timeout=30) == "Completed"
    for server in (a, b):
        for query in ("", "tr=w-10"):
            gone = _deliver(server, "/purge/cached.png", query)
            assert gone.status_code == 404, (server, query, gone.status_code)


def test_client_upload_token_used_on_a_is_refused_on_b(pair):
    a, b = pair
    params = make_client(a).helper.get_authentication_parameters()
    fields = {
        "fileName": "token.png",
        "folder": "/tokens",
        "publicKey": a.public_key,
        "token": params["token"],
        "expire": str(params["expire"]),
        "signature": params["signature"],
    }

    def post(server):
        return requests.post(
            f"{server.base_url}/api/v1/files/upload",
            data=fields,
            files={"file": ("token.png", make_png(3, 3), "image/png")},
            timeout=TIMEOUT,
        )

    assert post(a).status_code == 200
    body = assert_json_error(post(b), 400)
    assert "has been used before" in body["message"], body


def test_folder_copy_started_on_a_runs_exactly_once(pair):
    a, b = pair
    ca, cb = make_client(a), make_client(b)
    names = [f"f{i}.png" for i in range(6)]
    for i, name in enumerate(names):
        _upload(ca, "/jobs/src", name, make_png(4 + i, 4))
    job = ca.folders.copy(source_folder_path="/jobs/src", destination_path="/jobs/dst")
    done = wait_job(cb, job.job_id, timeout=60)
    assert done.status == "Completed"
    copied = [f for f in cb.assets.list(path="/jobs/dst/src") if f.type == "file"]
    assert sorted(f.name for f in copied) == names
    for f in copied:
        versions = cb.files.versions.list(f.file_id)
        assert len(versions) == 1, f"{f.name} was copied more than once: {len(versions)} versions"


def test_killing_a_during_uploads_loses_nothing_acknowledged(pair):
    a, b = pair
    ca, cb = make_client(a), make_client(b)
    acknowledged: list[tuple[str, bytes]] = []
    stop = threading.Event()

    def upload_until_killed():
        i = 0
        while not stop.is_set():
            png = make_png(8 + i % 50, 8)
            try:
                up = _upload(ca, "/crash", f"u{i}.png", png)
            except Exception:  # the instance died under this request: not acknowledged
                return
            acknowledged.append((up.file_id, png))
            i += 1

    worker = threading.Thread(target=upload_until_killed)
    worker.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 5 and time.monotonic() < deadline and worker.is_alive():
        time.sleep(0.05)
    a.kill()
    stop.set()
    worker.join(timeout=30)
    assert len(acknowledged) >= 5, "uploads to A did not get going"

    for file_id, png in acknowledged:
        details = cb.files.get(file_id)
        got = _deliver(b, details.file_path)
        assert got.status_code == 200 and got.content == png, details.file_path
    # B keeps taking writes with A gone.
    after = _upload(cb, "/crash", "after.png", make_png(5, 5))
    assert _deliver(b, after.file_path).status_code == 200


def _renders(server) -> float:
    text = requests.get(f"{server.base_url}/metrics", timeout=TIMEOUT).text
    for line in text.splitlines():
        if line.startswith("halftone_render_seconds_count"):
            return float(line.split()[-1])
    return 0.0


def test_identical_misses_on_both_instances_render_once(pair):
    a, b = pair
    up = _upload(make_client(a), "/once", "big.png", make_png(1600, 1200))
    before = _renders(a) + _renders(b)
    answers: list[requests.Response] = []

    def ask(server):
        answers.append(_deliver(server, up.file_path, "tr=w-123,h-77"))

    threads = [threading.Thread(target=ask, args=(s,)) for s in (a, b, a, b, a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(answers) == 6 and all(r.status_code == 200 for r in answers)
    assert len({r.content for r in answers}) == 1, "every instance served the same render"
    assert _renders(a) + _renders(b) - before == 1, "rendered once across both instances"
