//! The names ImageKit gives EXIF tags. ImageKit names them as ExifTool does, which differs
//! from the EXIF 2.3 names `kamadak-exif` uses for a handful of tags (`DateTime` is
//! `ModifyDate`, `PhotographicSensitivity` is `ISO`, ...); every other known tag keeps its
//! standard name. Tags neither table knows are dropped.

use exif::{Context, Tag};

/// ExifTool names that differ from the standard ones, plus a few common non-standard tags.
const RENAMED: &[(Context, u16, &str)] = &[
    (Context::Tiff, 0x0101, "ImageHeight"),
    (Context::Tiff, 0x0132, "ModifyDate"),
    (Context::Tiff, 0x0201, "ThumbnailOffset"),
    (Context::Tiff, 0x0202, "ThumbnailLength"),
    (Context::Tiff, 0x000B, "ProcessingSoftware"),
    (Context::Tiff, 0x4746, "Rating"),
    (Context::Tiff, 0x4749, "RatingPercent"),
    (Context::Exif, 0x8827, "ISO"),
    (Context::Exif, 0x8828, "Opto-ElectricConvFactor"),
    (Context::Exif, 0x9004, "CreateDate"),
    (Context::Exif, 0x9204, "ExposureCompensation"),
    (Context::Exif, 0xA002, "ExifImageWidth"),
    (Context::Exif, 0xA003, "ExifImageHeight"),
    (Context::Exif, 0xA405, "FocalLengthIn35mmFormat"),
    (Context::Exif, 0xA430, "OwnerName"),
    (Context::Exif, 0xA431, "SerialNumber"),
    (Context::Exif, 0xA432, "LensInfo"),
    (Context::Interop, 0x0001, "InteropIndex"),
    (Context::Interop, 0x0002, "InteropVersion"),
];

/// The key ImageKit uses for `tag`, or `None` for a tag without a known name.
pub(crate) fn name(tag: Tag) -> Option<String> {
    let renamed = RENAMED
        .iter()
        .find(|(context, number, _)| *context == tag.context() && *number == tag.number());
    match renamed {
        Some((_, _, name)) => Some((*name).to_owned()),
        None => tag.description().map(|_| tag.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imagekit_names() {
        assert_eq!(name(Tag::DateTime).as_deref(), Some("ModifyDate"));
        assert_eq!(name(Tag::PhotographicSensitivity).as_deref(), Some("ISO"));
        assert_eq!(name(Tag::InteroperabilityIndex).as_deref(), Some("InteropIndex"));
        assert_eq!(name(Tag::Make).as_deref(), Some("Make"));
        assert_eq!(name(Tag::GPSLatitude).as_deref(), Some("GPSLatitude"));
        assert_eq!(name(Tag(Context::Exif, 0xEEEE)), None);
    }
}
