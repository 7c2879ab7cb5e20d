//! Assembles ImageKit's Metadata object (spec §3.4) for one image from the header, the
//! decoded pixels (pHash, transparency), the JPEG segments (quality, JFIF density) and EXIF.

use image::DynamicImage;
use serde_json::{Map, Value as Json, json};

use crate::error::MetadataError;
use crate::format::Format;
use crate::{decode, density, exif_groups, exif_read, jpeg_segments, phash, quality};

/// `quality` of formats other than JPEG, where ImageKit has no estimate to give.
pub const NON_JPEG_QUALITY: u8 = 0;

pub(crate) fn build(bytes: &[u8]) -> Result<Json, MetadataError> {
    let format = Format::detect(bytes).ok_or(MetadataError::NotAnImage)?;
    let decoded = decode::decode(bytes, format)?;
    let jpeg = (format == Format::Jpeg).then(|| jpeg_segments::scan(bytes));
    let exif = exif_read::read(bytes, format);
    let quality = jpeg
        .as_ref()
        .and_then(|j| quality::estimate(&j.quant_tables))
        .unwrap_or(NON_JPEG_QUALITY);
    let exif_json = exif
        .as_ref()
        .map_or_else(|| Json::Object(Map::new()), exif_groups::grouped);
    Ok(json!({
        "height": decoded.header.height,
        "width": decoded.header.width,
        "size": bytes.len(),
        "format": format.name(),
        "hasColorProfile": decoded.header.has_color_profile,
        "quality": quality,
        "density": density::density(bytes, format, exif.as_ref(), jpeg.as_ref()),
        "hasTransparency": has_transparent_pixel(&decoded.image),
        "pHash": phash::phash_hex(&decoded.image),
        "exif": exif_json,
    }))
}

/// Whether any pixel is less than fully opaque (the first frame, for animations).
fn has_transparent_pixel(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageLumaA8(pixels) => pixels.pixels().any(|p| p.0[1] < u8::MAX),
        DynamicImage::ImageRgba8(pixels) => pixels.pixels().any(|p| p.0[3] < u8::MAX),
        DynamicImage::ImageLumaA16(pixels) => pixels.pixels().any(|p| p.0[1] < u16::MAX),
        DynamicImage::ImageRgba16(pixels) => pixels.pixels().any(|p| p.0[3] < u16::MAX),
        DynamicImage::ImageRgba32F(pixels) => pixels.pixels().any(|p| p.0[3] < 1.0),
        _ => false,
    }
}
