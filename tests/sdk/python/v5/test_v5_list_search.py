"""imagekitio 5.x: `client.assets.list` — type, sort, path, fileType, limit/skip, and the searchQuery
language of spec §5 (name prefix, tags IN, size range + createdAt, customMetadata equality, OR,
HAS, EXISTS / NOT EXISTS, relative dates, path, type), plus malformed queries → 400."""

from __future__ import annotations

import datetime as dt

import pytest
from imagekitio import BadRequestError
from imagekitio.types import File, Folder

from httpkit import assert_json_error
from images import make_jpeg, make_png
from lib5 import list_all, names, search, snapshot, uniq, upload_png


@pytest.fixture
def lib(client, folder):
    """A small library: folder/{red-dress.png 4x4, red-shoe.png 8x2, blue-hat.jpg 16x8} and
    folder/sub/{deep.png}, tags and a Text custom metadata field with a unique name."""
    field = uniq("brand")
    client.custom_metadata_fields.create(name=field, label=uniq("Brand "), schema={"type": "Text"})
    a = client.files.upload(file=("a.png", make_png(4, 4), "image/png"), file_name="red-dress.png", folder=folder,
                            use_unique_file_name=False, tags=["summer", "sale"])
    b = client.files.upload(file=("b.png", make_png(8, 2), "image/png"), file_name="red-shoe.png", folder=folder,
                            use_unique_file_name=False, tags=["winter"])
    # values set through update (upload's customMetadata is covered in test_v5_custom_metadata.py)
    client.files.update(a.file_id, custom_metadata={field: "acme"})
    client.files.update(b.file_id, custom_metadata={field: "globex"})
    big = make_jpeg(16, 8, 90, comment=b"x" * 3000)
    c = client.files.upload(file=("c.jpg", big, "image/jpeg"), file_name="blue-hat.jpg", folder=folder,
                            use_unique_file_name=False, description="a blue hat for the rainy season")
    d = client.files.upload(file=("d.png", make_png(2, 2), "image/png"), file_name="deep.png",
                            folder=folder + "/sub", use_unique_file_name=False)
    return {"field": field, "a": a, "b": b, "c": c, "d": d, "big_size": len(big)}


def test_list_path_is_exactly_that_level(client, folder, lib):
    files = client.assets.list(path=folder)
    assert names(files) == ["blue-hat.jpg", "red-dress.png", "red-shoe.png"], "path = that folder level only"
    assert all(isinstance(f, File) and f.type == "file" for f in files)
    with_slash = client.assets.list(path=folder + "/")
    assert names(with_slash) == names(files), "`/folder/` and `/folder` name the same level"
    sub = client.assets.list(path=folder + "/sub/")
    assert names(sub) == ["deep.png"]


def test_list_type_folder_and_all(client, folder, lib):
    only_folders = client.assets.list(path=folder, type="folder")
    assert len(only_folders) == 1
    f = only_folders[0]
    assert isinstance(f, Folder) and f.type == "folder"
    assert f.name == "sub"
    assert f.folder_path == folder + "/sub"
    assert f.folder_id and len(f.folder_id) == 24
    assert f.custom_metadata == {}
    assert isinstance(f.created_at, dt.datetime) and isinstance(f.updated_at, dt.datetime)
    both = client.assets.list(path=folder, type="all")
    kinds = sorted(i.type for i in both)
    assert kinds == ["file", "file", "file", "folder"], "`all` = files + folders, never versions"
    files = client.assets.list(path=folder, type="file")
    assert sorted(i.type for i in files) == ["file"] * 3


def test_list_type_file_version(client, folder, lib):
    again = upload_png(client, folder, "red-dress.png", w=5, h=5)
    assert again.version_info.name == "Version 2"
    versions = search(client, f'path = "{folder}/" AND type = "file-version"')
    assert len(versions) >= 1
    old = [v for v in versions if v.file_id == again.file_id]
    assert len(old) == 1, [v.model_dump() for v in versions]
    assert old[0].type == "file-version"
    assert old[0].version_info.name == "Version 1"
    assert old[0].url.endswith(f"?ik-obj-version={old[0].version_info.id}")
    by_type = client.assets.list(type="file-version", path=folder)
    assert all(v.type == "file-version" for v in by_type)
    assert again.file_id in {v.file_id for v in by_type}


@pytest.mark.parametrize("sort,key,reverse", [
    ("ASC_NAME", lambda f: f.name, False),
    ("DESC_NAME", lambda f: f.name, True),
    ("ASC_SIZE", lambda f: f.size, False),
    ("DESC_SIZE", lambda f: f.size, True),
    ("ASC_WIDTH", lambda f: f.width, False),
    ("DESC_WIDTH", lambda f: f.width, True),
    ("ASC_HEIGHT", lambda f: f.height, False),
    ("DESC_HEIGHT", lambda f: f.height, True),
    ("ASC_CREATED", lambda f: f.created_at, False),
    ("DESC_CREATED", lambda f: f.created_at, True),
    ("ASC_UPDATED", lambda f: f.updated_at, False),
    ("DESC_UPDATED", lambda f: f.updated_at, True),
])
def test_list_sort(client, folder, lib, sort, key, reverse):
    files = client.assets.list(path=folder, sort=sort)
    assert len(files) == 3
    assert [key(f) for f in files] == sorted([key(f) for f in files], reverse=reverse), sort


def test_list_sort_default_is_asc_created(client, folder, lib):
    files = client.assets.list(path=folder)
    assert [f.name for f in files] == ["red-dress.png", "red-shoe.png", "blue-hat.jpg"]


def test_list_file_type(client, folder, lib):
    js = client.files.upload(file=("s.js", b"console.log(1)\n", "application/javascript"), file_name="s.js",
                             folder=folder, use_unique_file_name=False)
    assert js.file_type == "non-image"
    assert names(client.assets.list(path=folder, file_type="non-image")) == ["s.js"]
    assert "s.js" not in names(client.assets.list(path=folder, file_type="image"))
    assert len(client.assets.list(path=folder, file_type="image")) == 3
    assert len(client.assets.list(path=folder, file_type="all")) == 4


def test_list_limit_and_skip(client, folder, lib):
    all_names = [f.name for f in client.assets.list(path=folder, sort="ASC_NAME")]
    page1 = client.assets.list(path=folder, sort="ASC_NAME", limit=2)
    page2 = client.assets.list(path=folder, sort="ASC_NAME", limit=2, skip=2)
    page3 = client.assets.list(path=folder, sort="ASC_NAME", limit=2, skip=4)
    assert [f.name for f in page1] == all_names[:2]
    assert [f.name for f in page2] == all_names[2:]
    assert page3 == []


@pytest.mark.parametrize("kwargs,message", [
    ({"skip": -1}, "The value of skip parameter should be greater than or equal to 0. Value sent is -1."),
    ({"limit": 0}, "Minimum value of limit parameter is 1. Value sent is 0."),
    ({"limit": 2000}, "Maximum value of limit parameter is 1000. Value sent is 2000."),
    ({"sort": "ASC_COLOUR"}, "Your request contains invalid value for sort parameters."),
    ({"type": "bogus"}, "Your request contains invalid value for type parameter. Please provide one of the "
                        "following: file, file-version, folder, all."),
])
def test_list_bad_params(client, folder, lib, kwargs, message):
    with pytest.raises(BadRequestError) as ei:
        client.assets.list(path=folder, **kwargs)
    assert_json_error(ei.value.response, 400, message)


def test_search_name_prefix(client, folder, lib):
    res = search(client, f'name : "red-" AND path : "{folder}/"')
    assert names(res) == ["red-dress.png", "red-shoe.png"]
    exact = search(client, f'name = "red-shoe.png" AND path : "{folder}/"')
    assert names(exact) == ["red-shoe.png"]
    assert search(client, f'name : "RED-" AND path : "{folder}/"') == [], "`:` is case-sensitive"


def test_search_tags_in(client, folder, lib):
    res = search(client, f'tags IN ["summer", "winter"] AND path : "{folder}/"')
    assert names(res) == ["red-dress.png", "red-shoe.png"]
    assert names(search(client, f'tags IN ["sale"] AND path : "{folder}/"')) == ["red-dress.png"]
    res = search(client, f'tags NOT IN ["summer"] AND path = "{folder}/" AND type = "file"')
    assert names(res) == ["blue-hat.jpg", "red-shoe.png"]


def test_search_size_range_and_created(client, folder, lib):
    big = lib["big_size"]
    q = f'size > 1000 AND size <= {big} AND createdAt > "1d" AND path : "{folder}/"'
    assert names(search(client, q)) == ["blue-hat.jpg"]
    q = f'size < "2kb" AND createdAt >= "2000-01-01" AND path : "{folder}/"'
    assert names(search(client, q)) == ["deep.png", "red-dress.png", "red-shoe.png"]
    q = f'size > "1kb" AND path : "{folder}/"'
    assert names(search(client, q)) == ["blue-hat.jpg"]
    assert search(client, f'createdAt < "2000-01-01" AND path : "{folder}/"') == []


def test_search_custom_metadata_equality(client, folder, lib):
    f = lib["field"]
    assert names(search(client, f'"customMetadata.{f}" = "acme"')) == ["red-dress.png"]
    assert names(search(client, f'"customMetadata.{f}" = "globex"')) == ["red-shoe.png"]
    assert search(client, f'"customMetadata.{f}" = "initech"') == []


def test_search_or_of_two(client, folder, lib):
    f = lib["field"]
    q = f'("customMetadata.{f}" = "acme" OR name = "blue-hat.jpg") AND path : "{folder}/"'
    assert names(search(client, q)) == ["blue-hat.jpg", "red-dress.png"]
    q = f'name = "deep.png" OR name = "red-shoe.png" AND path : "{folder}/"'
    # AND binds tighter than OR: deep.png (anywhere) or red-shoe.png in this folder
    got = names(search(client, q))
    assert "deep.png" in got and "red-shoe.png" in got


def test_search_has(client, folder, lib):
    res = search(client, f'name HAS "dress" AND path : "{folder}/"')
    assert names(res) == ["red-dress.png"]
    assert names(search(client, f'name HAS "DRE" AND path : "{folder}/"')) == ["red-dress.png"], \
        "HAS is case-insensitive and prefix-matches the last token"


def test_search_exists_and_not_exists(client, folder, lib):
    q = f'tags EXISTS AND path : "{folder}/"'
    assert names(search(client, q)) == ["red-dress.png", "red-shoe.png"]
    q = f'tags NOT EXISTS AND path : "{folder}/" AND type = "file"'
    assert names(search(client, q)) == ["blue-hat.jpg", "deep.png"]


def test_search_relative_dates(client, folder, lib):
    for rel in ('"7d"', '"1h"', '"1w"', '"1m"', '"1y"'):
        res = search(client, f'createdAt > {rel} AND path : "{folder}/" AND type = "file"')
        assert len(res) == 4, rel
        assert search(client, f'createdAt < {rel} AND path : "{folder}/"') == [], rel
    assert len(search(client, f'updatedAt >= "7d" AND path = "{folder}/" AND type = "file"')) == 3


def test_search_absolute_dates(client, folder, lib):
    tomorrow = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    assert len(search(client, f'createdAt < "{tomorrow}" AND path = "{folder}/" AND type = "file"')) == 3
    assert len(search(client, f'createdAt < {tomorrow} AND path = "{folder}/" AND type = "file"')) == 3
    assert search(client, f'createdAt > "{tomorrow}T00:00:00" AND path : "{folder}/"') == []


def test_search_path(client, folder, lib):
    deep = search(client, f'path : "{folder}/"')
    got = sorted((i.type, i.name) for i in deep)
    assert ("file", "deep.png") in got, "`path :` includes sub-folders"
    assert ("folder", "sub") in got, "with searchQuery, results include folders"
    exact = search(client, f'path = "{folder}/"')
    assert ("file", "deep.png") not in {(i.type, i.name) for i in exact}
    assert {(i.type, i.name) for i in exact} >= {("file", "red-dress.png"), ("folder", "sub")}


def test_search_type_folder_and_file(client, folder, lib):
    res = search(client, f'type = "folder" AND path : "{folder}/"')
    assert [(i.type, i.name, i.folder_path) for i in res] == [("folder", "sub", folder + "/sub")]
    res = search(client, f'type = "file" AND path : "{folder}/"')
    assert names(res) == ["blue-hat.jpg", "deep.png", "red-dress.png", "red-shoe.png"]


def test_search_ignores_type_param(client, folder, lib):
    res = list_all(client, search_query=f'path : "{folder}/"', type="file")
    assert "folder" in {i.type for i in res}, "with searchQuery the `type` param has no effect (spec §2.3)"


def test_search_width_height_format(client, folder, lib):
    assert names(search(client, f'width >= 8 AND height < 4 AND path : "{folder}/"')) == ["red-shoe.png"]
    assert names(search(client, f'format = "jpg" AND path : "{folder}/"')) == ["blue-hat.jpg"]
    assert names(search(client, f'format IN ["png"] AND path = "{folder}/"')) == ["red-dress.png", "red-shoe.png"]


def test_search_id_and_name_in(client, folder, lib):
    a = lib["a"]
    assert names(search(client, f'id = "{a.file_id}"')) == ["red-dress.png"]
    q = f'name IN ["red-shoe.png", "blue-hat.jpg"] AND path : "{folder}/"'
    assert names(search(client, q)) == ["blue-hat.jpg", "red-shoe.png"]
    q = f'name NOT = "red-shoe.png" AND path = "{folder}/" AND type = "file"'
    assert names(search(client, q)) == ["blue-hat.jpg", "red-dress.png"]


def test_search_private_published(client, folder, lib):
    upload_png(client, folder, "secret.png", is_private_file=True)
    assert names(search(client, f'private = true AND path : "{folder}/"')) == ["secret.png"]
    assert len(search(client, f'published = true AND path : "{folder}/" AND type = "file"')) == 5


def test_search_form_encoded_plus(server, client, folder, lib):
    """Query strings arrive form-encoded: `+` is a space."""
    import requests
    from httpkit import TIMEOUT
    q = f'name+%3A+%22red-%22+AND+path+%3A+%22{folder}%2F%22'
    r = requests.get(f"{server.base_url}/v1/files?searchQuery={q}", auth=server.auth, timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    assert sorted(i["name"] for i in r.json()) == ["red-dress.png", "red-shoe.png"]


MALFORMED = [
    'name = ',
    'name : "unterminated',
    '(name = "a"',
    'name = "a")',
    'size >> 5',
    'colour = "red"',
    'name = "a" AND',
    'tags IN ["a", ',
    'createdAt > "7x"',
    'AND name = "a"',
]


@pytest.mark.parametrize("query", MALFORMED)
def test_search_malformed_is_400_saying_where(client, folder, lib, query):
    before = snapshot(client, folder)
    with pytest.raises(BadRequestError) as ei:
        client.assets.list(search_query=query)
    body = assert_json_error(ei.value.response, 400)
    msg = body["message"]
    assert "searchQuery" in msg or "query" in msg.lower(), msg
    assert any(ch.isdigit() for ch in msg) or "position" in msg.lower() or "near" in msg.lower(), \
        f"the message must say where the query is wrong: {msg!r}"
    assert snapshot(client, folder) == before


@pytest.mark.parametrize("query", [
    "name = \"x'; DROP TABLE files; --\"",
    'name : "%"',
    'name : "_"',
    '"customMetadata.x\' OR 1=1 --" = "a"',
])
def test_search_injection_is_inert(client, folder, lib, query):
    before = snapshot(client, folder)
    try:
        res = client.assets.list(search_query=query + f' AND path : "{folder}/"')
        assert res == [], f"{query!r} must match nothing literally: {names(res)}"
    except BadRequestError as e:
        assert_json_error(e.response, 400)
    assert snapshot(client, folder) == before
