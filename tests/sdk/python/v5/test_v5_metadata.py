"""imagekitio 5.x: `files.metadata.get` (M1) and `files.metadata.get_from_url` (M2), embeddedMetadata
on File objects and upload `responseFields`."""

from __future__ import annotations

import json
import re

import pytest
import requests
from imagekitio import BadRequestError, NotFoundError

from httpkit import TIMEOUT, assert_json_error
from images import make_png
from lib5 import UNKNOWN_ID, make_exif_jpeg, search


def _upload_exif(client, folder):
    jpg = make_exif_jpeg(16, 8)
    r = client.files.upload(file=("e.jpg", jpg, "image/jpeg"), file_name="exif.jpg", folder=folder,
                            response_fields=["embeddedMetadata", "metadata"])
    return r, jpg


def _check_png_meta(m, size):
    assert (m.width, m.height) == (5, 4)
    assert m.format == "png"
    assert m.size == size
    assert m.has_transparency is True
    assert m.has_color_profile is False
    assert isinstance(m.density, int)
    assert isinstance(m.quality, int)
    assert m.p_hash and re.fullmatch(r"[0-9a-f]{16}", m.p_hash), m.p_hash


def test_metadata_of_png(client, folder):
    png = make_png(5, 4, alpha=True)
    r = client.files.upload(file=("p.png", png, "image/png"), file_name="p.png", folder=folder)
    raw = client.files.metadata.with_raw_response.get(r.file_id)
    assert raw.status_code == 200
    _check_png_meta(raw.parse(), len(png))


def test_metadata_from_url_png(client, folder):
    png = make_png(5, 4, alpha=True)
    r = client.files.upload(file=("p.png", png, "image/png"), file_name="p.png", folder=folder)
    m = client.files.metadata.get_from_url(url=r.url)
    _check_png_meta(m, len(png))
    assert m.p_hash == client.files.metadata.get(r.file_id).p_hash


def test_metadata_alternative_path(server, client, folder):
    r = client.files.upload(file=("p.png", make_png(5, 4, alpha=True), "image/png"), file_name="p.png", folder=folder)
    resp = requests.get(f"{server.base_url}/v1/files/metadata", params={"url": r.url}, auth=server.auth,
                        timeout=TIMEOUT)
    assert resp.status_code == 200, resp.text
    assert resp.json()["width"] == 5


def test_metadata_exif_jpeg(client, folder):
    r, jpg = _upload_exif(client, folder)
    m = client.files.metadata.get(r.file_id)
    assert (m.width, m.height, m.format, m.size) == (16, 8, "jpg", len(jpg))
    assert m.has_transparency is False
    assert 1 <= m.quality <= 100
    ex = m.exif
    assert ex is not None
    assert ex.image.make == "HalftoneCam" and ex.image.model == "HT-1000"
    assert ex.image.orientation == 1
    assert ex.image.x_resolution == 72
    assert ex.exif.exposure_time == pytest.approx(0.005)
    assert ex.exif.f_number == pytest.approx(2.8)
    assert ex.exif.iso == 400
    assert ex.exif.date_time_original == "2021:06:15 12:34:56"
    assert ex.gps.gps_version_id == [2, 3, 0, 0]
    assert ex.gps.gps_latitude == [48, 51, 30]
    assert ex.gps.gps_latitude_ref == "N"
    assert ex.gps.gps_longitude == [2, 21, 0]
    for part in ("image", "thumbnail", "exif", "gps", "interoperability", "makernote"):
        assert getattr(ex, part) is not None, f"exif.{part} must be present (spec §3.4)"
    assert client.files.metadata.get_from_url(url=r.url).exif.image.make == "HalftoneCam"


def test_upload_response_fields_metadata_and_embedded(client, folder):
    r, jpg = _upload_exif(client, folder)
    assert r.metadata is not None and r.metadata.width == 16
    assert r.metadata.exif.image.make == "HalftoneCam"
    em = r.embedded_metadata
    assert em and em.get("Make") == "HalftoneCam" and em.get("ISO") == 400
    assert str(em.get("DateTimeOriginal", "")).startswith("2021-06-15T12:34:56")
    d = client.files.get(r.file_id)
    assert d.embedded_metadata.get("Model") == "HT-1000"


def test_search_on_embedded_metadata(client, folder):
    _upload_exif(client, folder)
    client.files.upload(file=("p.png", make_png(2, 2), "image/png"), file_name="plain.png", folder=folder)
    res = search(client, f'"embeddedMetadata.DateTimeOriginal" < "2022-01-01" AND path : "{folder}/"')
    assert [i.name for i in res] and all(i.name.startswith("exif") for i in res)
    assert len(res) == 1


def test_metadata_unknown_file_404(client):
    with pytest.raises(NotFoundError) as ei:
        client.files.metadata.get(UNKNOWN_ID)
    assert_json_error(ei.value.response, 404, "The requested file does not exist or is inaccessible at this time.")


def test_metadata_malformed_id_400(client):
    with pytest.raises(BadRequestError) as ei:
        client.files.metadata.get("xyz")
    assert_json_error(ei.value.response, 400)


def test_metadata_corrupt_file_400(client, folder):
    try:
        r = client.files.upload(file=("bad.png", b"\x89PNG\r\n\x1a\nnot really", "image/png"),
                                file_name="bad.png", folder=folder)
    except BadRequestError:
        pytest.skip("the server refuses corrupt images at upload; M1's corrupt-file 400 cannot be reached")
    with pytest.raises(BadRequestError) as ei:
        client.files.metadata.get(r.file_id)
    assert_json_error(ei.value.response, 400, "The requested file is corrupt or invalid.")


@pytest.mark.parametrize("url", [
    "https://example.com/foreign.jpg",
    "not a url",
    "ENDPOINT/does/not/exist.png",
])
def test_metadata_from_foreign_or_bad_url_400(server, client, url):
    url = url.replace("ENDPOINT", server.url_endpoint)
    with pytest.raises((BadRequestError, NotFoundError)) as ei:
        client.files.metadata.get_from_url(url=url)
    body = assert_json_error(ei.value.response, (400, 404))
    if "example.com" in url:
        assert ei.value.status_code == 400
        assert body["message"] == "The url should be accessible using your ImageKit.io account."


def test_metadata_from_url_missing_param_400(server):
    resp = requests.get(f"{server.base_url}/v1/metadata", auth=server.auth, timeout=TIMEOUT)
    assert_json_error(resp, 400)
    json.dumps(resp.json())
