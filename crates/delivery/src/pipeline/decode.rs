//! Decoding with limits: the header is read first and oversized sources are refused before
//! any pixel is allocated; EXIF orientation is applied so pixels are upright.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::RenderError;

/// Largest source the pipeline decodes (ImageKit's limit is 100 MP).
pub const MAX_SOURCE_PIXELS: u64 = 100_000_000;
/// Largest allocation a decoder may make.
const MAX_ALLOC: u64 = 1024 * 1024 * 1024;

pub fn decode(bytes: &[u8]) -> Result<DynamicImage, RenderError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| RenderError::NotAnImage)?;
    if reader.format().is_none() {
        return Err(RenderError::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| RenderError::Corrupt(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_SOURCE_PIXELS {
        return Err(RenderError::TooLarge { width: w, height: h });
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| RenderError::Corrupt(e.to_string()))?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}
