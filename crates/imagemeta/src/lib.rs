//! Image metadata for ImageKit's Metadata API (`GET /v1/files/:id/metadata`,
//! `GET /v1/metadata?url=`, upload `responseFields=metadata`) and the File object's
//! `embeddedMetadata`.
//!
//! Reads PNG, JPEG, GIF, WebP, BMP, TIFF and AVIF (through the `avif` crate). Headers are read first; pixels (for the pHash
//! and the transparency check) are decoded only under [`limits`], and no input makes these
//! functions panic: a panic inside a decoder is caught and reported as corrupt.

mod dates;
mod decode;
mod density;
mod embedded;
mod error;
mod exif_groups;
mod exif_names;
mod exif_read;
mod exif_values;
mod format;
mod ifd_pointers;
mod iptc;
mod jpeg_segments;
pub mod limits;
mod metadata_object;
mod phash;
mod png_chunks;
mod quality;

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::{Map, Value};

pub use density::DEFAULT_DENSITY;
pub use error::MetadataError;
pub use metadata_object::NON_JPEG_QUALITY;
pub use phash::hamming_distance;

/// ImageKit's Metadata object for an image: `height`, `width`, `size`, `format` (`jpg`,
/// `png`, `webp`, `gif`, `bmp`, `tiff`, `avif`), `hasColorProfile` (an ICC profile is embedded),
/// `quality` (JPEG: estimated from the quantization tables, 1-100; other formats
/// [`NON_JPEG_QUALITY`]), `density` (pixels per inch from EXIF, JFIF, PNG `pHYs` or BMP, else
/// [`DEFAULT_DENSITY`]), `hasTransparency` (some pixel of the first frame is not opaque),
/// `pHash` (16 hex digits) and `exif` (`{}` without EXIF, else the groups `image`,
/// `thumbnail`, `exif`, `gps`, `interoperability` and an empty `makernote`).
///
/// Errors: [`MetadataError::NotAnImage`] for other formats, [`MetadataError::Corrupt`] when
/// the header or pixels cannot be read, [`MetadataError::TooLarge`] when the image is over
/// [`limits::MAX_PIXELS`] or its decoded size over [`limits::MAX_ALLOC`].
pub fn metadata(bytes: &[u8]) -> Result<Value, MetadataError> {
    catch_unwind(AssertUnwindSafe(|| metadata_object::build(bytes)))
        .unwrap_or_else(|_| Err(MetadataError::Corrupt("the image decoder failed".into())))
}

/// The File object's `embeddedMetadata`: EXIF (all groups but the thumbnail's) and JPEG IPTC
/// flattened to `name -> value` (ExifTool names; dates as ISO 8601 UTC strings; GPS
/// coordinates as signed decimal degrees; `Keywords` as an array), plus `ImageWidth` and
/// `ImageHeight` when anything else was found. XMP is not read. Empty when there is nothing,
/// including for unreadable files.
pub fn embedded_metadata(bytes: &[u8]) -> Map<String, Value> {
    catch_unwind(AssertUnwindSafe(|| embedded_of(bytes))).unwrap_or_default()
}

fn embedded_of(bytes: &[u8]) -> Map<String, Value> {
    let Some(format) = format::Format::detect(bytes) else {
        return Map::new();
    };
    let exif = exif_read::read(bytes, format);
    let iptc = match format {
        format::Format::Jpeg => iptc::datasets(&jpeg_segments::scan(bytes).photoshop),
        _ => Vec::new(),
    };
    if exif.is_none() && iptc.is_empty() {
        return Map::new();
    }
    let header = decode::header(bytes, format).ok();
    embedded::flatten(exif.as_ref(), &iptc, header)
}
