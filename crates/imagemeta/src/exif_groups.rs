//! The Metadata object's `exif`: the fields sorted into ImageKit's groups — `image` (IFD0),
//! `thumbnail` (IFD1), `exif`, `gps`, `interoperability` and an always-empty `makernote`
//! (vendor maker notes are not decoded) — with the IFD pointer offsets ImageKit also lists.

use exif::{Context, Exif, Field, In};
use serde_json::{Map, Value as Json};

use crate::{exif_names, exif_values, ifd_pointers};

/// The group a field is shown under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Image,
    Thumbnail,
    Exif,
    Gps,
    Interop,
}

impl Group {
    fn of(field: &Field) -> Option<Group> {
        match (field.tag.context(), field.ifd_num) {
            (Context::Tiff, In::PRIMARY) => Some(Group::Image),
            (Context::Tiff, In::THUMBNAIL) => Some(Group::Thumbnail),
            (Context::Exif, In::PRIMARY) => Some(Group::Exif),
            (Context::Gps, In::PRIMARY) => Some(Group::Gps),
            (Context::Interop, In::PRIMARY) => Some(Group::Interop),
            _ => None,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Group::Image => "image",
            Group::Thumbnail => "thumbnail",
            Group::Exif => "exif",
            Group::Gps => "gps",
            Group::Interop => "interoperability",
        }
    }
}

/// One shown field: its group, ImageKit name and JSON value.
pub(crate) struct Entry<'a> {
    pub group: Group,
    pub name: String,
    pub value: Json,
    pub field: &'a Field,
}

/// Every field that has a group, a known name and a shown value, in file order.
pub(crate) fn entries(exif: &Exif) -> impl Iterator<Item = Entry<'_>> {
    let little_endian = exif.little_endian();
    exif.fields().filter_map(move |field| {
        Some(Entry {
            group: Group::of(field)?,
            name: exif_names::name(field.tag)?,
            value: exif_values::to_json(field, little_endian)?,
            field,
        })
    })
}

/// The grouped `exif` object of the Metadata response.
pub(crate) fn grouped(exif: &Exif) -> Json {
    let groups = [
        Group::Image,
        Group::Thumbnail,
        Group::Exif,
        Group::Gps,
        Group::Interop,
    ];
    let mut maps: Vec<(Group, Map<String, Json>)> = groups.iter().map(|g| (*g, Map::new())).collect();
    for entry in entries(exif) {
        if let Some((_, map)) = maps.iter_mut().find(|(group, _)| *group == entry.group) {
            map.entry(entry.name).or_insert(entry.value);
        }
    }
    let pointers = ifd_pointers::read(exif.buf(), exif.little_endian());
    let mut insert = |group: Group, name: &str, value: Option<u32>| {
        if let (Some(value), Some((_, map))) = (value, maps.iter_mut().find(|(g, _)| *g == group)) {
            map.insert(name.to_owned(), Json::from(value));
        }
    };
    insert(Group::Image, "ExifOffset", pointers.exif);
    insert(Group::Image, "GPSInfo", pointers.gps);
    insert(Group::Exif, "InteropOffset", pointers.interop);
    let mut out: Map<String, Json> = maps
        .into_iter()
        .map(|(g, m)| (g.key().to_owned(), Json::Object(m)))
        .collect();
    out.insert("makernote".to_owned(), Json::Object(Map::new()));
    Json::Object(out)
}
