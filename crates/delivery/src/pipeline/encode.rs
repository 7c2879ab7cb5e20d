//! Encoding the result: JPEG (quality, progressive), PNG, WebP (`encode_webp`), AVIF
//! (`encode_avif`), GIF. Alpha is flattened onto the background for formats without it. The
//! source's ICC profile and EXIF are written only when asked for (`cp-true`, `md-true`) and
//! only into JPEG and PNG.

use std::borrow::Cow;
use std::io::Cursor;

use image::codecs::gif::GifEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder, Rgba, RgbaImage};

use super::options::{Embedded, Options};
use super::{RenderError, encode_avif, encode_webp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
    Avif,
}

impl OutputFormat {
    pub fn mime(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "image/jpeg",
            OutputFormat::Png => "image/png",
            OutputFormat::Webp => "image/webp",
            OutputFormat::Gif => "image/gif",
            OutputFormat::Avif => "image/avif",
        }
    }

    /// The output of a source when nothing asks for another format: the same format when
    /// we can write it, PNG for other sources with alpha, JPEG otherwise.
    pub fn of_source(mime: &str, has_alpha: bool) -> OutputFormat {
        match mime {
            "image/jpeg" => OutputFormat::Jpeg,
            "image/png" => OutputFormat::Png,
            "image/webp" => OutputFormat::Webp,
            "image/gif" => OutputFormat::Gif,
            _ if has_alpha => OutputFormat::Png,
            _ => OutputFormat::Jpeg,
        }
    }
}

/// What fits in one APP1 segment after its `Exif\0\0` header.
const MAX_JPEG_EXIF: usize = 65_527;

pub fn encode(
    image: &DynamicImage,
    format: OutputFormat,
    quality: u8,
    background: Rgba<u8>,
    options: &Options,
    kept: &Embedded,
) -> Result<Vec<u8>, RenderError> {
    // About what a photo needs at usual qualities: the buffer rarely has to grow and move.
    let estimate = (image.width() as usize).saturating_mul(image.height() as usize) / 4;
    let mut out = Cursor::new(Vec::with_capacity(estimate.min(16 << 20)));
    let fail = |e: image::ImageError| RenderError::Internal(format!("encode: {e}"));
    match format {
        OutputFormat::Jpeg => {
            let rgb = flatten(image, background);
            let (Ok(w), Ok(h)) = (u16::try_from(rgb.width()), u16::try_from(rgb.height())) else {
                return Err(RenderError::OutputTooLarge {
                    width: rgb.width(),
                    height: rgb.height(),
                });
            };
            // jpeg-encoder (SIMD) is several times faster than image's baseline encoder.
            let mut encoder = jpeg_encoder::Encoder::new(out.get_mut(), quality.clamp(1, 100));
            encoder.set_progressive(options.progressive);
            let jpeg_fail = |e: jpeg_encoder::EncodingError| RenderError::Internal(format!("encode: {e}"));
            if let Some(icc) = &kept.icc {
                encoder.add_icc_profile(icc).map_err(jpeg_fail)?;
            }
            // An EXIF block too large for one APP1 segment is dropped rather than failing.
            if let Some(exif) = &kept.exif
                && exif.len() <= MAX_JPEG_EXIF
            {
                encoder.add_exif_metadata(exif).map_err(jpeg_fail)?;
            }
            encoder
                .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
                .map_err(jpeg_fail)?;
        }
        OutputFormat::Png => {
            let mut encoder = PngEncoder::new(&mut out);
            // Both setters succeed for PNG; an error would only mean the chunk is left out.
            if let Some(icc) = &kept.icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            if let Some(exif) = &kept.exif {
                let _ = encoder.set_exif_metadata(exif.clone());
            }
            write_rgba(encoder, image)?
        }
        OutputFormat::Webp => return encode_webp::encode(image, quality, options.lossless),
        OutputFormat::Avif => return encode_avif::encode(image, quality),
        OutputFormat::Gif => {
            let rgba = image.to_rgba8();
            let (w, h) = rgba.dimensions();
            GifEncoder::new(&mut out)
                .encode(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
                .map_err(fail)?;
        }
    }
    Ok(out.into_inner())
}

fn write_rgba(encoder: impl ImageEncoder, image: &DynamicImage) -> Result<(), RenderError> {
    let rgba = image.to_rgba8();
    let (w, h) = rgba.dimensions();
    encoder
        .write_image(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| RenderError::Internal(format!("encode: {e}")))
}

/// RGB pixels with alpha composited over `background`.
/// Borrows an RGB image as it is: a copy would be a megabyte per render, and its page faults.
fn flatten(image: &DynamicImage, background: Rgba<u8>) -> Cow<'_, image::RgbImage> {
    if let DynamicImage::ImageRgb8(rgb) = image {
        return Cow::Borrowed(rgb);
    }
    if !image.color().has_alpha() {
        return Cow::Owned(image.to_rgb8());
    }
    let rgba: RgbaImage = image.to_rgba8();
    Cow::Owned(image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y);
        let a = u16::from(p[3]);
        let mix = |c: u8, b: u8| ((u16::from(c) * a + u16::from(b) * (255 - a)) / 255) as u8;
        image::Rgb([
            mix(p[0], background[0]),
            mix(p[1], background[1]),
            mix(p[2], background[2]),
        ])
    }))
}
