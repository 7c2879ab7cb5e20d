//! The File object's `embeddedMetadata`: EXIF (every group but the thumbnail's) and JPEG
//! IPTC flattened into one map under their ExifTool names. Dates become ISO 8601 UTC strings,
//! GPS coordinates signed decimal degrees, `Keywords` an array; the image's pixel size is
//! added as `ImageWidth`/`ImageHeight` when anything else was found. XMP is not read.

use exif::{Exif, Field, In, Tag, Value};
use serde_json::{Map, Value as Json};

use crate::dates;
use crate::decode::Header;
use crate::exif_groups::{self, Group};
use crate::iptc::Dataset;

/// IPTC datasets that may repeat and are always shown as arrays.
const LIST_DATASETS: &[&str] = &["Keywords", "SupplementalCategories"];

/// Builds the flattened map; empty when the file carries no EXIF or IPTC.
pub(crate) fn flatten(exif: Option<&Exif>, iptc: &[Dataset], header: Option<Header>) -> Map<String, Json> {
    let mut map = Map::new();
    if let Some(exif) = exif {
        add_exif(&mut map, exif);
    }
    add_iptc(&mut map, iptc);
    if let (false, Some(header)) = (map.is_empty(), header) {
        map.entry("ImageWidth").or_insert(Json::from(header.width));
        map.entry("ImageHeight").or_insert(Json::from(header.height));
    }
    map
}

fn add_exif(map: &mut Map<String, Json>, exif: &Exif) {
    for entry in exif_groups::entries(exif).filter(|e| e.group != Group::Thumbnail) {
        let value = match entry.name.as_str() {
            "ModifyDate" => iso_date(exif, entry.field, Tag::SubSecTime, Tag::OffsetTime),
            "DateTimeOriginal" => iso_date(
                exif,
                entry.field,
                Tag::SubSecTimeOriginal,
                Tag::OffsetTimeOriginal,
            ),
            "CreateDate" => iso_date(
                exif,
                entry.field,
                Tag::SubSecTimeDigitized,
                Tag::OffsetTimeDigitized,
            ),
            "GPSLatitude" => signed_degrees(exif, &entry.value, Tag::GPSLatitudeRef, "S"),
            "GPSLongitude" => signed_degrees(exif, &entry.value, Tag::GPSLongitudeRef, "W"),
            "GPSAltitude" => signed_altitude(exif, &entry.value),
            _ => None,
        };
        map.entry(entry.name).or_insert(value.unwrap_or(entry.value));
    }
}

fn add_iptc(map: &mut Map<String, Json>, iptc: &[Dataset]) {
    for dataset in iptc {
        if LIST_DATASETS.contains(&dataset.name) {
            let list = map.entry(dataset.name).or_insert_with(|| Json::Array(Vec::new()));
            if let Json::Array(items) = list {
                items.push(Json::from(dataset.text.as_str()));
            }
        } else if dataset.name == "DateCreated" {
            let time = iptc
                .iter()
                .find(|d| d.name == "TimeCreated")
                .map(|d| d.text.as_str());
            let value = dates::iptc_iso(&dataset.text, time).unwrap_or_else(|| dataset.text.clone());
            map.entry(dataset.name).or_insert(Json::from(value));
        } else {
            map.entry(dataset.name)
                .or_insert(Json::from(dataset.text.as_str()));
        }
    }
}

fn iso_date(exif: &Exif, field: &Field, subsec: Tag, offset: Tag) -> Option<Json> {
    let datetime = first_ascii(Some(field))?;
    let subsec = first_ascii(exif.get_field(subsec, In::PRIMARY));
    let offset = first_ascii(exif.get_field(offset, In::PRIMARY));
    dates::exif_iso(datetime, subsec, offset).map(Json::from)
}

/// `[degrees, minutes, seconds]` as one signed number, negative for the `negative` reference.
fn signed_degrees(exif: &Exif, dms: &Json, reference: Tag, negative: &str) -> Option<Json> {
    let parts: Vec<f64> = dms.as_array()?.iter().filter_map(Json::as_f64).collect();
    let degrees = match parts.as_slice() {
        [d, m, s] => d + m / 60.0 + s / 3600.0,
        [d, m] => d + m / 60.0,
        [d] => *d,
        _ => return None,
    };
    let reference = first_ascii(exif.get_field(reference, In::PRIMARY));
    let sign = if reference.is_some_and(|r| r.eq_ignore_ascii_case(negative.as_bytes())) {
        -1.0
    } else {
        1.0
    };
    Some(Json::from(sign * degrees))
}

/// Altitude negative below sea level (`GPSAltitudeRef` 1).
fn signed_altitude(exif: &Exif, altitude: &Json) -> Option<Json> {
    let metres = altitude.as_f64()?;
    let below = exif
        .get_field(Tag::GPSAltitudeRef, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        == Some(1);
    Some(Json::from(if below { -metres } else { metres }))
}

fn first_ascii(field: Option<&Field>) -> Option<&[u8]> {
    match &field?.value {
        Value::Ascii(texts) => texts.first().map(Vec::as_slice),
        _ => None,
    }
}
