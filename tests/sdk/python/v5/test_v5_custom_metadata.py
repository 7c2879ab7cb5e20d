"""imagekitio 5.x: `custom_metadata_fields` create/list/update/delete for every schema type and its
rules; values on upload and update (validated, 400 naming the field); searchQuery on them."""

from __future__ import annotations

import pytest
import requests
from imagekitio import BadRequestError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from images import make_png
from lib5 import UNKNOWN_ID, search, snapshot, uniq, upload_png

SCHEMAS = {
    "Text": {"type": "Text", "min_length": 2, "max_length": 5},
    "Textarea": {"type": "Textarea", "max_length": 20},
    "Number": {"type": "Number", "min_value": 1, "max_value": 10},
    "Date": {"type": "Date", "min_value": "2020-01-01T00:00:00.000Z", "max_value": "2030-01-01T00:00:00.000Z"},
    "Boolean": {"type": "Boolean"},
    "SingleSelect": {"type": "SingleSelect", "select_options": ["small", "large", 3, True]},
    "MultiSelect": {"type": "MultiSelect", "select_options": ["red", "green", "blue"]},
}
WIRE_KEYS = {"min_length": "minLength", "max_length": "maxLength", "min_value": "minValue",
             "max_value": "maxValue", "select_options": "selectOptions", "default_value": "defaultValue",
             "is_value_required": "isValueRequired"}

GOOD = {"Text": "abc", "Textarea": "some longer text", "Number": 7, "Date": "2024-05-06T00:00:00.000Z",
        "Boolean": True, "SingleSelect": "large", "MultiSelect": ["red", "blue"]}
BAD = {"Text": "a", "Textarea": "x" * 21, "Number": 11, "Date": "2031-01-01T00:00:00.000Z",
       "Boolean": "yes", "SingleSelect": "medium", "MultiSelect": ["purple"]}
BAD2 = {"Text": "toolong", "Textarea": 5, "Number": "seven", "Date": "not a date",
        "Boolean": 1, "SingleSelect": ["small"], "MultiSelect": "red"}


def _create(client, typ, **extra):
    name = uniq(typ.lower()[:4])
    schema = dict(SCHEMAS[typ], **extra)
    f = client.custom_metadata_fields.create(name=name, label=uniq("Label "), schema=schema, description=f"{typ} field")
    return f


@pytest.mark.parametrize("typ", list(SCHEMAS))
def test_create_every_type(client, typ):
    name, label = uniq(typ.lower()[:4]), uniq("Label ")
    raw = client.custom_metadata_fields.with_raw_response.create(name=name, label=label, schema=SCHEMAS[typ],
                                                                 description="desc")
    assert raw.status_code == 201
    f = raw.parse()
    assert f.id and len(f.id) == 24
    assert (f.name, f.label, f.description) == (name, label, "desc")
    assert f.schema_.type == typ
    wire = f.schema_.model_dump(by_alias=True, exclude_none=True)
    for k, v in SCHEMAS[typ].items():
        if k == "type":
            continue
        assert wire.get(WIRE_KEYS[k]) == v, (k, wire)
    listed = {x.id: x for x in client.custom_metadata_fields.list()}
    assert f.id in listed and listed[f.id].name == name and listed[f.id].schema_.type == typ


def test_create_required_with_default(client):
    f = _create(client, "Number", is_value_required=True, default_value=5)
    try:
        assert f.schema_.is_value_required is True and f.schema_.default_value == 5
    finally:
        # A required field applies to every later upload of the account: remove it.
        client.custom_metadata_fields.delete(f.id)


@pytest.mark.parametrize("schema", [
    {"type": "Number", "isValueRequired": True},  # required without default
    {"type": "Number", "minValue": "one"},
    {"type": "Number", "minValue": 1, "maxValue": 5, "isValueRequired": True, "defaultValue": 9},
    {"type": "Text", "minLength": -1},
    {"type": "SingleSelect"},  # options required
    {"type": "MultiSelect", "selectOptions": []},
    {"type": "SingleSelect", "selectOptions": ["a"], "isValueRequired": True, "defaultValue": "b"},
    {"type": "Colour"},
    {},
    {"type": "Boolean", "isValueRequired": True, "defaultValue": "true"},
    {"type": "Date", "minValue": "yesterday"},
])
def test_create_invalid_schema_400(server, client, schema):
    name = uniq("bad")
    before = [x.id for x in client.custom_metadata_fields.list(include_deleted=True)]
    resp = requests.post(f"{server.base_url}/v1/customMetadataFields", auth=server.auth, timeout=TIMEOUT,
                         json={"name": name, "label": uniq("L"), "schema": schema})
    assert_json_error(resp, 400)
    after = [x.id for x in client.custom_metadata_fields.list(include_deleted=True)]
    assert after == before, "nothing created"


@pytest.mark.parametrize("body", [
    {"label": "L"},
    {"name": "N"},
    {"name": "N", "label": "L"},
    {"name": 5, "label": "L", "schema": {"type": "Text"}},
    {"name": "N", "label": "L", "schema": {"type": "Text"}, "description": "d" * 501},
    {"name": "has space", "label": "L", "schema": {"type": "Text"}},
    {"name": "n" * 1000, "label": "L", "schema": {"type": "Text"}},
])
def test_create_bad_body_400(server, client, body):
    body = {k: (uniq("n") if v == "N" else uniq("L") if v == "L" else v) for k, v in body.items()}
    before = [x.id for x in client.custom_metadata_fields.list(include_deleted=True)]
    resp = requests.post(f"{server.base_url}/v1/customMetadataFields", auth=server.auth, timeout=TIMEOUT, json=body)
    assert_json_error(resp, 400)
    assert [x.id for x in client.custom_metadata_fields.list(include_deleted=True)] == before


def test_create_duplicate_name_and_label(client):
    f = _create(client, "Text")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.create(name=f.name, label=uniq("Other "), schema={"type": "Text"})
    assert_json_error(ei.value.response, 400, "A custom metadata field with this name already exists.")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.create(name=uniq("n"), label=f.label, schema={"type": "Text"})
    assert_json_error(ei.value.response, 400)


def test_update_field(client):
    f = _create(client, "Number")
    new_label = uniq("New ")
    raw = client.custom_metadata_fields.with_raw_response.update(
        f.id, label=new_label, schema={"min_value": 0, "max_value": 100})
    assert raw.status_code == 200
    u = raw.parse()
    assert u.id == f.id and u.name == f.name and u.label == new_label
    assert u.schema_.type == "Number" and u.schema_.min_value == 0 and u.schema_.max_value == 100
    u = client.custom_metadata_fields.update(f.id, label=new_label, description="")
    assert not u.description, "description \"\" clears it"
    listed = {x.id: x for x in client.custom_metadata_fields.list()}
    assert listed[f.id].label == new_label


def test_update_field_errors(server, client):
    f = _create(client, "Text")
    g = _create(client, "Text")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id)
    assert_json_error(ei.value.response, 400, "Either label or schema should be provided.")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id, label=g.label)
    assert_json_error(ei.value.response, 400, "A custom metadata field with this label already exists.")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id, label="x", extra_body={"name": "renamed"})
    assert_json_error(ei.value.response, 400, "Name cannot be updated.")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id, schema={"type": "Number"})
    assert_json_error(ei.value.response, 400)
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id, schema={"min_length": "long"})
    assert_json_error(ei.value.response, 400)
    with pytest.raises(NotFoundError) as ei:
        client.custom_metadata_fields.update(UNKNOWN_ID, label="x")
    assert_json_error(ei.value.response, 404, "No such custom metadata field exists.")
    after = {x.id: x for x in client.custom_metadata_fields.list()}[f.id]
    assert after.label == f.label and after.schema_ == f.schema_, "failed updates change nothing"


def test_delete_field(client):
    f = _create(client, "Boolean")
    raw = client.custom_metadata_fields.with_raw_response.delete(f.id)
    assert raw.status_code == 204
    assert f.id not in {x.id for x in client.custom_metadata_fields.list()}
    assert f.id in {x.id for x in client.custom_metadata_fields.list(include_deleted=True)}
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.update(f.id, label=uniq("x"))
    assert_json_error(ei.value.response, 400, "Cannot update a deleted custom metadata fields.")
    with pytest.raises(BadRequestError) as ei:
        client.custom_metadata_fields.create(name=f.name, label=uniq("x"), schema={"type": "Text"})
    assert_json_error(ei.value.response, 400, "A custom metadata field with this name already exists.")
    # the label becomes free again
    client.custom_metadata_fields.create(name=uniq("n"), label=f.label, schema={"type": "Text"})
    with pytest.raises(NotFoundError) as ei:
        client.custom_metadata_fields.delete(UNKNOWN_ID)
    assert_json_error(ei.value.response, 404, "No such custom metadata field exists.")


def test_list_folder_path_param(client):
    f = _create(client, "Text")
    assert f.id in {x.id for x in client.custom_metadata_fields.list(folder_path="/some/folder")}


# ---- values --------------------------------------------------------------------------------------

@pytest.mark.parametrize("typ", list(SCHEMAS))
def test_values_on_upload_and_update(client, folder, typ):
    f = _create(client, typ)
    r = client.files.upload(file=("x.png", make_png(2, 2), "image/png"), file_name="v.png", folder=folder,
                            custom_metadata={f.name: GOOD[typ]}, response_fields=["customMetadata"])
    assert r.custom_metadata == {f.name: GOOD[typ]}
    assert client.files.get(r.file_id).custom_metadata == {f.name: GOOD[typ]}
    u = client.files.update(r.file_id, custom_metadata={f.name: None})
    assert u.custom_metadata == {}
    u = client.files.update(r.file_id, custom_metadata={f.name: GOOD[typ]})
    assert u.custom_metadata == {f.name: GOOD[typ]}


@pytest.mark.parametrize("typ", list(SCHEMAS))
@pytest.mark.parametrize("values", [BAD, BAD2], ids=["rule", "type"])
def test_invalid_value_on_upload_400(server, client, folder, typ, values):
    f = _create(client, typ)
    with pytest.raises(BadRequestError) as ei:
        client.files.upload(file=("x.png", make_png(2, 2), "image/png"), file_name="bad.png", folder=folder,
                            use_unique_file_name=False, custom_metadata={f.name: values[typ]})
    body = assert_json_error(ei.value.response, 400)
    assert f.name in str(body), f"the 400 must name the field: {body}"
    assert requests.get(server.url_endpoint + f"{folder}/bad.png", timeout=TIMEOUT).status_code == 404
    assert search(client, f'path : "{folder}/"') == []


@pytest.mark.parametrize("typ", list(SCHEMAS))
@pytest.mark.parametrize("values", [BAD, BAD2], ids=["rule", "type"])
def test_invalid_value_on_update_400(client, folder, typ, values):
    f = _create(client, typ)
    r = upload_png(client, folder, "u.png")
    client.files.update(r.file_id, custom_metadata={f.name: GOOD[typ]})
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.files.update(r.file_id, custom_metadata={f.name: values[typ]})
    body = assert_json_error(ei.value.response, 400, "Invalid custom metadata.")
    assert f.name in str(body.get("errors")), body
    assert snapshot(client, folder) == before


def test_upload_unknown_key_400(server, client, folder):
    with pytest.raises(BadRequestError) as ei:
        upload_png(client, folder, "unk.png", custom_metadata={uniq("nosuchfield"): "x"})
    assert_json_error(ei.value.response, 400)
    assert search(client, f'path : "{folder}/"') == []


def test_required_field_default_applied(client, folder):
    f = _create(client, "Number", is_value_required=True, default_value=4)
    try:
        r = upload_png(client, folder, "req.png")
        assert client.files.get(r.file_id).custom_metadata.get(f.name) == 4
    finally:
        # A required field applies to every later upload of the account: remove it.
        client.custom_metadata_fields.delete(f.id)


def test_overwrite_custom_metadata_flag(client, folder):
    f = _create(client, "Text")
    r = upload_png(client, folder, "ow.png", custom_metadata={f.name: "abc"})
    upload_png(client, folder, "ow.png", overwrite_custom_metadata=False)
    assert client.files.get(r.file_id).custom_metadata == {f.name: "abc"}, "overwriteCustomMetadata=false keeps"
    upload_png(client, folder, "ow.png")
    assert client.files.get(r.file_id).custom_metadata == {}, "overwriteCustomMetadata defaults to true"


# ---- search on custom metadata ----------------------------------------------------------------------

def test_search_on_custom_metadata(client, folder):
    num = _create(client, "Number")
    txt = _create(client, "Text")
    multi = _create(client, "MultiSelect")
    boo = _create(client, "Boolean")
    date = _create(client, "Date")
    a = upload_png(client, folder, "a.png")
    client.files.update(a.file_id, custom_metadata={num.name: 2, txt.name: "abc", multi.name: ["red"],
                                                    boo.name: True, date.name: "2021-01-01T00:00:00.000Z"})
    b = upload_png(client, folder, "b.png")
    client.files.update(b.file_id, custom_metadata={num.name: 8, txt.name: "abd", multi.name: ["green", "blue"],
                                                    boo.name: False, date.name: "2025-01-01T00:00:00.000Z"})
    upload_png(client, folder, "c.png")

    def q(s):
        return sorted(i.name for i in search(client, s + f' AND path : "{folder}/"'))

    assert q(f'"customMetadata.{num.name}" > 5') == ["b.png"]
    assert q(f'"customMetadata.{num.name}" <= 8') == ["a.png", "b.png"]
    assert q(f'"customMetadata.{num.name}" IN [2, 3]') == ["a.png"]
    assert q(f'"customMetadata.{txt.name}" = "abc"') == ["a.png"]
    assert q(f'"customMetadata.{txt.name}" : "ab"') == ["a.png", "b.png"]
    assert q(f'"customMetadata.{txt.name}" NOT = "abc" AND type = "file"') == ["b.png", "c.png"]
    assert q(f'"customMetadata.{multi.name}" IN ["blue"]') == ["b.png"]
    assert q(f'"customMetadata.{multi.name}" NOT IN ["red"] AND type = "file"') == ["b.png", "c.png"]
    assert q(f'"customMetadata.{boo.name}" = true') == ["a.png"]
    assert q(f'"customMetadata.{date.name}" < "2023-01-01"') == ["a.png"]
    assert q(f'"customMetadata.{num.name}" EXISTS') == ["a.png", "b.png"]
    assert q(f'"customMetadata.{num.name}" NOT EXISTS AND type = "file"') == ["c.png"]
