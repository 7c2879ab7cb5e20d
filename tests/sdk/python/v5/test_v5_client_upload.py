"""imagekitio 5.x `helper.get_authentication_parameters` + a raw browser-style multipart upload
with `requests` and no Basic auth (spec §1.3): accepted once, then every rule refuses with JSON."""

from __future__ import annotations

import time
import uuid

import requests

from httpkit import TIMEOUT, assert_json_error
from ik5 import make_client
from images import make_png

EXPIRE_TEXT = (
    "Your request contains invalid expire parameter. "
    "Expire parameter should be a Unix time in less than 1 hour into the future."
)


def client_upload(server, fields: dict, png: bytes | None = None, headers: dict | None = None):
    files = {"file": ("pixel.png", png if png is not None else make_png(3, 2), "image/png")}
    return requests.post(
        f"{server.base_url}/api/v1/files/upload",
        data=fields,
        files=files,
        headers=headers or {},
        timeout=TIMEOUT,
    )


def signed_fields(server, params: dict, folder: str) -> dict:
    return {
        "fileName": "pixel.png",
        "folder": folder,
        "publicKey": server.public_key,
        "token": params["token"],
        "expire": str(params["expire"]),
        "signature": params["signature"],
    }


def test_helper_parameters_upload_once_without_basic_auth(server, client, folder):
    params = client.helper.get_authentication_parameters()
    png = make_png(4, 3)
    first = client_upload(server, signed_fields(server, params, folder), png)
    assert first.status_code == 200, first.text
    result = first.json()
    assert result["filePath"].startswith(f"{folder}/")
    assert (result["width"], result["height"]) == (4, 3)
    # The file is in the library like any other.
    details = client.files.get(result["fileId"])
    assert details.file_path == result["filePath"]
    assert requests.get(result["url"], timeout=TIMEOUT).content == png

    again = client_upload(server, signed_fields(server, params, folder))
    body = assert_json_error(again, 400)
    assert "has been used before" in body["message"], body
    assert params["token"] in body["message"]


def test_custom_token_and_expire_are_honoured(server, client, folder):
    token = f"tok-{uuid.uuid4()}"
    params = client.helper.get_authentication_parameters(token=token, expire=int(time.time()) + 600)
    assert params["token"] == token
    resp = client_upload(server, signed_fields(server, params, folder))
    assert resp.status_code == 200, resp.text


def test_expire_rules(server, client, folder):
    for expire in (int(time.time()) - 10, int(time.time()) + 3700):
        params = client.helper.get_authentication_parameters(expire=expire)
        assert_json_error(client_upload(server, signed_fields(server, params, folder)), 400, EXPIRE_TEXT)


def test_signature_from_another_key_is_refused(server, folder):
    with make_client(server, private_key="private_not_this_account") as other:
        params = other.helper.get_authentication_parameters()
    resp = client_upload(server, signed_fields(server, params, folder))
    assert_json_error(resp, 400, "Your request contains invalid signature parameter.")


def test_wrong_public_key_is_403(server, client, folder):
    fields = signed_fields(server, client.helper.get_authentication_parameters(), folder)
    fields["publicKey"] = "public_someone_else"
    assert_json_error(client_upload(server, fields), 403, "Your account cannot be authenticated.")


def test_missing_field_is_named(server, client, folder):
    fields = signed_fields(server, client.helper.get_authentication_parameters(), folder)
    del fields["signature"]
    assert_json_error(client_upload(server, fields), 400, "Your request is missing signature parameter.")


def test_basic_auth_and_signature_together_are_refused(server, client, folder):
    fields = signed_fields(server, client.helper.get_authentication_parameters(), folder)
    resp = requests.post(
        f"{server.base_url}/api/v1/files/upload",
        data=fields,
        files={"file": ("pixel.png", make_png(2, 2), "image/png")},
        auth=server.auth,
        timeout=TIMEOUT,
    )
    body = assert_json_error(resp, 400)
    assert body["message"].startswith("Your request contains both signature and basic auth parameter."), body


def test_browser_preflight_and_error_answer_carry_cors(server, client, folder):
    pre = requests.options(
        f"{server.base_url}/api/v1/files/upload",
        headers={"Origin": "https://shop.example", "Access-Control-Request-Method": "POST"},
        timeout=TIMEOUT,
    )
    assert pre.status_code in (200, 204), pre.text
    assert pre.headers.get("access-control-allow-origin") == "*"
    assert "POST" in pre.headers.get("access-control-allow-methods", "")
    fields = signed_fields(server, client.helper.get_authentication_parameters(), folder)
    fields["signature"] = "0" * 40
    resp = client_upload(server, fields, headers={"Origin": "https://shop.example"})
    assert_json_error(resp, 400)
    assert resp.headers.get("access-control-allow-origin") == "*"
