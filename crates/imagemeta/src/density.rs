//! The Metadata object's `density` (pixels per inch), in libvips/sharp's order of
//! precedence: the EXIF resolution, else the format's own field (JFIF APP0, PNG `pHYs`, BMP
//! header), else 72 as ImageKit reports for images that declare none. Rounded to an integer.

use exif::{Exif, In, Tag, Value};

use crate::format::Format;
use crate::jpeg_segments::JpegSegments;
use crate::png_chunks;

/// What ImageKit reports when the file declares no density.
pub const DEFAULT_DENSITY: u32 = 72;

const CM_PER_INCH: f64 = 2.54;
const METRES_PER_INCH: f64 = 0.0254;

/// The density in pixels per inch.
pub(crate) fn density(
    bytes: &[u8],
    format: Format,
    exif: Option<&Exif>,
    jpeg: Option<&JpegSegments<'_>>,
) -> u32 {
    exif.and_then(exif_ppi)
        .or_else(|| format_ppi(bytes, format, jpeg))
        .map(|ppi| ppi.round())
        .filter(|ppi| *ppi >= 1.0 && *ppi <= f64::from(u32::MAX))
        .map_or(DEFAULT_DENSITY, |ppi| ppi as u32)
}

fn exif_ppi(exif: &Exif) -> Option<f64> {
    let x = match &exif.get_field(Tag::XResolution, In::PRIMARY)?.value {
        Value::Rational(values) => values.first()?.to_f64(),
        _ => return None,
    };
    let unit = exif
        .get_field(Tag::ResolutionUnit, In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .unwrap_or(2);
    match unit {
        2 => Some(x),
        3 => Some(x * CM_PER_INCH),
        _ => None,
    }
    .filter(|ppi| ppi.is_finite())
}

fn format_ppi(bytes: &[u8], format: Format, jpeg: Option<&JpegSegments<'_>>) -> Option<f64> {
    match format {
        Format::Jpeg => {
            let jfif = jpeg?.jfif?;
            match jfif.units {
                1 => Some(f64::from(jfif.x)),
                2 => Some(f64::from(jfif.x) * CM_PER_INCH),
                _ => None,
            }
        }
        Format::Png => png_chunks::pixels_per_metre(bytes).map(|ppm| f64::from(ppm) * METRES_PER_INCH),
        Format::Bmp => bmp_pixels_per_metre(bytes).map(|ppm| f64::from(ppm) * METRES_PER_INCH),
        Format::Gif | Format::WebP | Format::Tiff | Format::Avif => None,
    }
}

/// `biXPelsPerMeter` of a BITMAPINFOHEADER (or larger) BMP header.
fn bmp_pixels_per_metre(bytes: &[u8]) -> Option<u32> {
    let header_size = u32::from_le_bytes(bytes.get(14..18)?.try_into().ok()?);
    if header_size < 40 {
        return None;
    }
    let ppm = i32::from_le_bytes(bytes.get(38..42)?.try_into().ok()?);
    u32::try_from(ppm).ok().filter(|ppm| *ppm > 0)
}
