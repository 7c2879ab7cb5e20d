//! Decoding with limits: the header is read first and oversized sources are refused before
//! any pixel is allocated; EXIF orientation is applied so pixels are upright. A JPEG that
//! will be shrunk anyway is decoded at a reduced DCT scale (1/2, 1/4, 1/8), which skips
//! most of the work of the inverse transform and of the later resize. AVIF goes through the
//! `avif` crate's decoder, whose header (size from the AV1 sequence header, `irot`) is read
//! without decoding any pixel as well.

use std::io::Cursor;

use avif::AvifDecoder;
use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, Limits, RgbImage};

use super::options::Embedded;
use super::{RenderError, scratch};

/// Largest source the pipeline decodes (ImageKit's limit is 100 MP).
pub const MAX_SOURCE_PIXELS: u64 = 100_000_000;
/// Largest allocation a decoder may make.
const MAX_ALLOC: u64 = 1024 * 1024 * 1024;

/// What the header says.
pub struct Header {
    /// As displayed: sides swapped for a quarter-turn orientation.
    pub width: u32,
    pub height: u32,
    pub is_jpeg: bool,
    /// JPEG or AVIF: a lossy working copy does not add visible artefacts.
    pub lossy: bool,
    pub upright: bool,
}

pub fn header(bytes: &[u8]) -> Result<Header, RenderError> {
    if avif::is_avif(bytes) {
        return avif_header(bytes);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| RenderError::NotAnImage)?;
    let format = reader.format().ok_or(RenderError::NotAnImage)?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| RenderError::Corrupt(e.to_string()))?;
    let (width, height, upright) = checked_size(&mut decoder)?;
    Ok(Header {
        width,
        height,
        is_jpeg: format == image::ImageFormat::Jpeg,
        lossy: format == image::ImageFormat::Jpeg,
        upright,
    })
}

fn avif_header(bytes: &[u8]) -> Result<Header, RenderError> {
    let (width, height, upright) = checked_size(&mut open_avif(bytes)?)?;
    Ok(Header {
        width,
        height,
        is_jpeg: false,
        lossy: true,
        upright,
    })
}

/// The size as displayed (a quarter turn swaps the stored sides, and steps are planned
/// against the upright image), refused above the source limit; and whether it is stored
/// upright.
fn checked_size(decoder: &mut impl ImageDecoder) -> Result<(u32, u32, bool), RenderError> {
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_SOURCE_PIXELS {
        return Err(RenderError::TooLarge { width, height });
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (height, width) } else { (width, height) };
    Ok((width, height, orientation == Orientation::NoTransforms))
}

fn open_avif(bytes: &[u8]) -> Result<AvifDecoder, RenderError> {
    AvifDecoder::new(bytes).map_err(|e| RenderError::Corrupt(e.to_string()))
}

/// Decodes the whole image, or, for an upright JPEG with `at_least`, a DCT-scaled version
/// no smaller than that size; with the ICC profile and EXIF it carries.
pub fn decode(
    bytes: &[u8],
    header: &Header,
    at_least: Option<(u32, u32)>,
) -> Result<(DynamicImage, Embedded), RenderError> {
    if header.is_jpeg && !has_end_after_scan(bytes) {
        return Err(RenderError::Corrupt(
            "the JPEG data ends before its end-of-image marker".into(),
        ));
    }
    if let Some((w, h)) = at_least
        && header.is_jpeg
        && header.upright
        && (w.saturating_mul(2) <= header.width && h.saturating_mul(2) <= header.height)
        && let Some(decoded) = decode_scaled_jpeg(bytes, w, h)
    {
        return Ok(decoded);
    }
    if avif::is_avif(bytes) {
        return decode_upright(open_avif(bytes)?);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| RenderError::NotAnImage)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader
        .into_decoder()
        .map_err(|e| RenderError::Corrupt(e.to_string()))?;
    decode_upright(decoder)
}

/// The pixels turned as the file's orientation says, with its ICC profile and EXIF.
fn decode_upright(mut decoder: impl ImageDecoder) -> Result<(DynamicImage, Embedded), RenderError> {
    let orientation = decoder.orientation().ok();
    let embedded = Embedded {
        icc: decoder.icc_profile().ok().flatten(),
        exif: decoder.exif_metadata().ok().flatten(),
    };
    let mut image = decode_pixels(decoder)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok((image, embedded))
}

/// The decoder's pixels, 8-bit layouts into a reused buffer (the decoder writes every byte).
fn decode_pixels(decoder: impl ImageDecoder) -> Result<DynamicImage, RenderError> {
    let corrupt = |e: image::ImageError| RenderError::Corrupt(e.to_string());
    let (width, height) = decoder.dimensions();
    let color = decoder.color_type();
    let len = usize::try_from(decoder.total_bytes()).ok();
    let Some(mut pixels) = len
        .filter(|_| scratch::channels(color).is_some())
        .map(scratch::take)
    else {
        return DynamicImage::from_decoder(decoder).map_err(corrupt);
    };
    decoder.read_image(&mut pixels).map_err(corrupt)?;
    scratch::from_raw(width, height, color, pixels)
        .ok_or_else(|| RenderError::Internal("decoded pixels do not match the header".into()))
}

/// `None` when the scaled path does not apply (CMYK, 16-bit, a decoder error): the caller
/// falls back to the full decode, which reports real errors.
fn decode_scaled_jpeg(bytes: &[u8], w: u32, h: u32) -> Option<(DynamicImage, Embedded)> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    let (sw, sh) = decoder
        .scale(u16::try_from(w).ok()?, u16::try_from(h).ok()?)
        .ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let image = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => RgbImage::from_raw(sw, sh, pixels).map(DynamicImage::ImageRgb8),
        jpeg_decoder::PixelFormat::L8 => GrayImage::from_raw(sw, sh, pixels).map(DynamicImage::ImageLuma8),
        _ => None,
    }?;
    let embedded = Embedded {
        icc: decoder.icc_profile(),
        exif: decoder.exif_data().map(<[u8]>::to_vec),
    };
    Some((image, embedded))
}

/// A complete JPEG has an end-of-image marker (FF D9) after its first scan; entropy-coded
/// data never contains one (an FF there is always followed by 00 or a restart marker), so
/// its absence means the file was cut short. Decoders would otherwise return grey rows.
/// The marker is searched from the end, where a complete file has it.
fn has_end_after_scan(bytes: &[u8]) -> bool {
    let Some(scan) = bytes.windows(2).position(|w| w == [0xFF, 0xDA]) else {
        return false;
    };
    bytes
        .get(scan..)
        .is_some_and(|rest| rest.windows(2).rev().any(|w| w == [0xFF, 0xD9]))
}
