"""imagekitio 5.x: `accounts.usage.get` and the stored-configuration endpoints (spec §2.13):
`named_transformations`, `saved_extensions`, `accounts.url_endpoints` create/list/get/update/delete."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
from imagekitio import APIStatusError, BadRequestError, NotFoundError

from httpkit import ISO_MS_RE, TIMEOUT, assert_json_error
from lib5 import UNKNOWN_ID, uniq, upload_png


# ---- usage ---------------------------------------------------------------------------------------

def test_usage(client, folder):
    upload_png(client, folder, "u.png")
    today = dt.date.today()
    raw = client.accounts.usage.with_raw_response.get(start_date=today - dt.timedelta(days=10),
                                                      end_date=today + dt.timedelta(days=1))
    assert raw.status_code == 200
    body = raw.http_response.json()
    for k in ("bandwidthBytes", "mediaLibraryStorageBytes", "videoProcessingUnitsCount", "extensionUnitsCount",
              "originalCacheStorageBytes"):
        assert isinstance(body.get(k), int), (k, body)
    u = raw.parse()
    assert u.media_library_storage_bytes > 0


@pytest.mark.parametrize("params,message", [
    ({}, "startDate and endDate are required in query parameters."),
    ({"startDate": "2024-01-01"}, "startDate and endDate are required in query parameters."),
    ({"startDate": "2024/01/01", "endDate": "2024-01-05"}, "startDate and endDate should be in format YYYY-MM-DD."),
    ({"startDate": "2024-01-01", "endDate": "2024-06-01"}, "startDate and endDate should be within 90 days."),
    ({"startDate": "2024-01-05", "endDate": "2024-01-01"}, "startDate should be before endDate."),
])
def test_usage_bad_params(server, params, message):
    resp = requests.get(f"{server.base_url}/v1/accounts/usage", params=params, auth=server.auth, timeout=TIMEOUT)
    assert_json_error(resp, 400, message)


def test_usage_bad_params_through_sdk(client):
    with pytest.raises(BadRequestError) as ei:
        client.accounts.usage.get(start_date="2024-01-05", end_date="2024-01-01")
    assert_json_error(ei.value.response, 400, "startDate should be before endDate.")


# ---- named transformations -------------------------------------------------------------------------

def test_named_transformations_crud(client):
    name = uniq("nt_")
    created = client.named_transformations.create(name=name, transformation="w-100,h-100")
    assert created.name == name and created.transformation == "w-100,h-100"
    assert created.id and created.enabled is True
    assert isinstance(created.created_at, dt.datetime)
    got = client.named_transformations.get(created.id)
    assert (got.id, got.name, got.transformation) == (created.id, name, "w-100,h-100")
    assert created.id in {n.id for n in client.named_transformations.list()}
    upd = client.named_transformations.update(created.id, transformation="w-50", enabled=False)
    assert upd.id == created.id and upd.transformation == "w-50" and upd.enabled is False and upd.name == name
    got = client.named_transformations.get(created.id)
    assert got.transformation == "w-50" and got.enabled is False
    assert client.named_transformations.delete(created.id) is None
    with pytest.raises(NotFoundError) as ei:
        client.named_transformations.get(created.id)
    assert_json_error(ei.value.response, 404)
    assert created.id not in {n.id for n in client.named_transformations.list()}


NT_BAD = [
    {"name": "NEW"},
    {"transformation": "w-1"},
    {"name": 5, "transformation": "w-1"},
    {"name": "NEW", "transformation": 5},
    {"name": "NEW", "transformation": "w-1", "enabled": "yes"},
    {"name": "bad name!", "transformation": "w-1"},
]


@pytest.mark.parametrize("body", NT_BAD, ids=[str(i) for i in range(len(NT_BAD))])
def test_named_transformations_bad_create(server, client, body):
    body = {k: (uniq("nt_") if v == "NEW" else v) for k, v in body.items()}
    before = sorted(n.id for n in client.named_transformations.list())
    resp = requests.post(f"{server.base_url}/v1/named-transformations", json=body, auth=server.auth,
                         timeout=TIMEOUT)
    assert_json_error(resp, 400)
    assert sorted(n.id for n in client.named_transformations.list()) == before


def test_named_transformations_errors(server, client):
    name = uniq("nt_")
    nt = client.named_transformations.create(name=name, transformation="w-10")
    before = sorted(n.id for n in client.named_transformations.list())
    with pytest.raises(BadRequestError) as ei:
        client.named_transformations.create(name=name, transformation="w-20")
    assert_json_error(ei.value.response, 400)
    with pytest.raises(BadRequestError) as ei:
        client.named_transformations.update(nt.id, extra_body={"enabled": "no"})
    assert_json_error(ei.value.response, 400)
    for call in (lambda: client.named_transformations.get(UNKNOWN_ID),
                 lambda: client.named_transformations.update(UNKNOWN_ID, enabled=True),
                 lambda: client.named_transformations.delete(UNKNOWN_ID)):
        with pytest.raises(NotFoundError) as ei:
            call()
        assert_json_error(ei.value.response, 404)
    assert sorted(n.id for n in client.named_transformations.list()) == before
    got = client.named_transformations.get(nt.id)
    assert (got.transformation, got.enabled) == ("w-10", True)


# ---- saved extensions --------------------------------------------------------------------------------

def test_saved_extensions_crud(server, client):
    name = uniq("se ")
    config = {"name": "google-auto-tagging", "max_tags": 5, "min_confidence": 80}
    created = client.saved_extensions.create(name=name, description="tagging", config=config)
    assert created.id and created.name == name and created.description == "tagging"
    assert created.config.model_dump(by_alias=True, exclude_none=True) == \
        {"name": "google-auto-tagging", "maxTags": 5, "minConfidence": 80}
    raw = requests.get(f"{server.base_url}/v1/saved-extensions/{created.id}", auth=server.auth, timeout=TIMEOUT)
    body = raw.json()
    assert ISO_MS_RE.match(body["createdAt"]) and ISO_MS_RE.match(body["updatedAt"])
    got = client.saved_extensions.get(created.id)
    assert (got.id, got.name) == (created.id, name)
    assert created.id in {s.id for s in client.saved_extensions.list()}
    upd = client.saved_extensions.update(created.id, description="changed",
                                         config={"name": "remove-bg", "options": {"add_shadow": True}})
    assert upd.description == "changed" and upd.name == name
    assert upd.config.model_dump(by_alias=True, exclude_none=True) == {"name": "remove-bg",
                                                                        "options": {"add_shadow": True}}
    assert upd.updated_at >= created.updated_at
    assert client.saved_extensions.delete(created.id) is None
    with pytest.raises(NotFoundError):
        client.saved_extensions.get(created.id)
    assert created.id not in {s.id for s in client.saved_extensions.list()}


SE_BAD = [
    {"name": "x", "description": "d"},
    {"description": "d", "config": {"name": "remove-bg"}},
    {"name": "x", "description": "d", "config": {"name": "no-such-extension"}},
    {"name": 5, "description": "d", "config": {"name": "remove-bg"}},
    {"name": "x", "description": "d", "config": "remove-bg"},
    {"name": "x", "description": "d", "config": {"name": "google-auto-tagging"}},
]


@pytest.mark.parametrize("body", SE_BAD, ids=[str(i) for i in range(len(SE_BAD))])
def test_saved_extensions_bad_create(server, client, body):
    before = sorted(s.id for s in client.saved_extensions.list())
    resp = requests.post(f"{server.base_url}/v1/saved-extensions", json=body, auth=server.auth, timeout=TIMEOUT)
    assert_json_error(resp, 400)
    assert sorted(s.id for s in client.saved_extensions.list()) == before


def test_saved_extensions_errors(server, client):
    before = sorted(s.id for s in client.saved_extensions.list())
    for call in (lambda: client.saved_extensions.get(UNKNOWN_ID),
                 lambda: client.saved_extensions.update(UNKNOWN_ID, description="x"),
                 lambda: client.saved_extensions.delete(UNKNOWN_ID)):
        with pytest.raises(NotFoundError) as ei:
            call()
        assert_json_error(ei.value.response, 404)
    assert sorted(s.id for s in client.saved_extensions.list()) == before


# ---- URL endpoints --------------------------------------------------------------------------------------

def test_url_endpoints_crud(client):
    prefix = uniq("p")
    created = client.accounts.url_endpoints.create(description="mine", url_prefix=prefix)
    assert created.id and created.description == "mine" and created.url_prefix == prefix
    assert isinstance(created.origins, list)
    got = client.accounts.url_endpoints.get(created.id)
    assert (got.id, got.description, got.url_prefix) == (created.id, "mine", prefix)
    listed = client.accounts.url_endpoints.list()
    assert created.id in {e.id for e in listed}
    upd = client.accounts.url_endpoints.update(created.id, description="renamed", url_prefix=prefix + "x")
    assert upd.id == created.id and upd.description == "renamed" and upd.url_prefix == prefix + "x"
    assert client.accounts.url_endpoints.get(created.id).description == "renamed"
    assert client.accounts.url_endpoints.delete(created.id) is None
    with pytest.raises(NotFoundError):
        client.accounts.url_endpoints.get(created.id)
    assert created.id not in {e.id for e in client.accounts.url_endpoints.list()}


UE_BAD = [
    {},
    {"description": 5},
    {"description": "d", "urlPrefix": 7},
    {"description": "d", "origins": "x"},
    {"description": "d", "urlRewriter": {"type": "NOPE"}},
]


@pytest.mark.parametrize("body", UE_BAD, ids=[str(i) for i in range(len(UE_BAD))])
def test_url_endpoints_bad_create(server, client, body):
    before = sorted(e.id for e in client.accounts.url_endpoints.list())
    resp = requests.post(f"{server.base_url}/v1/accounts/url-endpoints", json=body, auth=server.auth,
                         timeout=TIMEOUT)
    assert_json_error(resp, 400)
    assert sorted(e.id for e in client.accounts.url_endpoints.list()) == before


def test_url_endpoints_errors(server, client):
    before = sorted(e.id for e in client.accounts.url_endpoints.list())
    for call in (lambda: client.accounts.url_endpoints.get(UNKNOWN_ID),
                 lambda: client.accounts.url_endpoints.update(UNKNOWN_ID, description="x"),
                 lambda: client.accounts.url_endpoints.delete(UNKNOWN_ID)):
        with pytest.raises(NotFoundError) as ei:
            call()
        assert_json_error(ei.value.response, 404)
    assert sorted(e.id for e in client.accounts.url_endpoints.list()) == before


# ---- not offered on a self-hosted server -------------------------------------------------------------

@pytest.mark.parametrize("call", ["origins", "webhooks"])
def test_unoffered_config_is_clear_json_error(client, call):
    with pytest.raises(APIStatusError) as ei:
        getattr(client.accounts, call).list()
    assert ei.value.response.headers.get("x-should-retry") == "false"
    assert_json_error(ei.value.response)
