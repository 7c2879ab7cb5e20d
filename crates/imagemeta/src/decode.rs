//! Opens an image with the `image` crate under [`crate::limits`]: the header alone (size,
//! ICC profile) and, when the size is within the limits, the pixels of the first frame.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};

use crate::error::MetadataError;
use crate::format::Format;
use crate::limits::{MAX_ALLOC, MAX_PIXELS, decoder_limits};

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub width: u32,
    pub height: u32,
    pub has_color_profile: bool,
}

/// The header and the decoded first frame.
pub(crate) struct Decoded {
    pub header: Header,
    pub image: DynamicImage,
}

/// Reads the header only; no pixel is decoded.
pub(crate) fn header(bytes: &[u8], format: Format) -> Result<Header, MetadataError> {
    let mut decoder = open(bytes, format)?;
    read_header(&mut decoder)
}

/// Reads the header, checks the limits, then decodes the pixels.
pub(crate) fn decode(bytes: &[u8], format: Format) -> Result<Decoded, MetadataError> {
    let mut decoder = open(bytes, format)?;
    let header = read_header(&mut decoder)?;
    let too_large = MetadataError::TooLarge {
        width: header.width,
        height: header.height,
    };
    let pixels = u64::from(header.width) * u64::from(header.height);
    if pixels > MAX_PIXELS || decoder.total_bytes() > MAX_ALLOC {
        return Err(too_large);
    }
    let image = DynamicImage::from_decoder(decoder).map_err(|error| match error {
        ImageError::Limits(_) => too_large,
        other => corrupt(other),
    })?;
    Ok(Decoded { header, image })
}

fn open(bytes: &[u8], format: Format) -> Result<Box<dyn ImageDecoder + '_>, MetadataError> {
    if format == Format::Avif {
        // The `image` build here has no AVIF decoder; the `avif` crate's stays under
        // MAX_PIXELS, which `decode` checks against the header before any pixel.
        let decoder = avif::AvifDecoder::new(bytes).map_err(|e| MetadataError::Corrupt(e.to_string()))?;
        return Ok(Box::new(decoder));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(decoder_limits());
    Ok(Box::new(reader.into_decoder().map_err(corrupt)?))
}

fn read_header(decoder: &mut impl ImageDecoder) -> Result<Header, MetadataError> {
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(MetadataError::Corrupt("the image has no pixels".into()));
    }
    // A broken ICC chunk is not worth failing the whole request over: treat it as absent.
    let has_color_profile = matches!(decoder.icc_profile(), Ok(Some(profile)) if !profile.is_empty());
    Ok(Header {
        width,
        height,
        has_color_profile,
    })
}

fn corrupt(error: ImageError) -> MetadataError {
    match error {
        ImageError::Limits(_) => MetadataError::Corrupt(format!("over the decoder limits: {error}")),
        other => MetadataError::Corrupt(other.to_string()),
    }
}
