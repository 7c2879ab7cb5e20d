//! AVIF sources as an `image` decoder, so the delivery pipeline, upload probing and the
//! Metadata API treat them like any other raster format.
//!
//! [`AvifDecoder::new`] reads only the container (`mp4parse`, Firefox's parser) and the AV1
//! sequence header (`avif-parse`): size, bit depth, alpha, `irot` and the ICC profile are known
//! before a pixel is decoded, so callers refuse oversized sources first. Pixels come from
//! `re_rav1d` (Rerun's release of rav1d, the Rust port of dav1d, with a safe API) built
//! without its `asm` feature, which would need nasm on every machine; see docs/benchmarks.md.
//!
//! Not applied: `imir` (mirroring; mp4parse exposes its axis only through a raw pointer),
//! `clap` (clean-aperture crop), and the colour primaries and transfer of an `nclx` box or of
//! the AV1 header (HDR, wide gamut) unless an ICC profile says the same.

mod av1;
mod error;
#[cfg(any(test, feature = "test-files"))]
pub mod test_files;
mod yuv;

use std::io::Cursor;

use image::metadata::Orientation;
use image::{ColorType, ImageDecoder, ImageResult};
use mp4parse::{ImageRotation, ParseStrictness};

pub use error::Error;

/// Largest frame the AV1 decoder allocates (ImageKit's source limit is 100 MP); callers
/// check [`AvifDecoder::dimensions`] against their own limits before decoding.
pub const MAX_PIXELS: u32 = 100_000_000;

/// Whether `bytes` start like an AVIF file: an ISO-BMFF `ftyp` box whose major or a
/// compatible brand is `avif` (still image) or `avis` (sequence).
pub fn is_avif(bytes: &[u8]) -> bool {
    let Some(size) = bytes
        .get(..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    else {
        return false;
    };
    if bytes.get(4..8) != Some(b"ftyp") {
        return false;
    }
    let end = usize::try_from(size).unwrap_or(0).min(bytes.len()).min(4096);
    let Some(brands) = bytes.get(8..end) else {
        return false;
    };
    // Major brand, minor version (skipped), then compatible brands.
    brands
        .chunks_exact(4)
        .enumerate()
        .any(|(i, brand)| i != 1 && (brand == b"avif" || brand == b"avis"))
}

/// What the header says, plus the parsed container the pixels are decoded from.
pub struct AvifDecoder {
    context: mp4parse::AvifContext,
    width: u32,
    height: u32,
    depth: u8,
    monochrome: bool,
    has_alpha: bool,
    rotation: ImageRotation,
}

impl AvifDecoder {
    /// Parses the container and the sequence header; decodes no pixel.
    pub fn new(bytes: &[u8]) -> Result<Self, Error> {
        // Permissive: files without `pixi` or `ispe` (older encoders) are common, and neither
        // is needed here (size and depth come from the AV1 sequence header).
        let context = mp4parse::read_avif(&mut Cursor::new(bytes), ParseStrictness::Permissive)
            .map_err(|e| Error::Corrupt(format!("AVIF container: {e:?}")))?;
        let primary = context
            .primary_item_coded_data()
            .ok_or_else(|| Error::Corrupt("the AVIF file has no primary image".into()))?;
        let header = avif_parse::AV1Metadata::parse_av1_bitstream(primary)
            .map_err(|e| Error::Corrupt(format!("AV1 sequence header: {e}")))?;
        if !matches!(header.bit_depth, 8 | 10 | 12) {
            return Err(Error::Unsupported(format!("{}-bit AV1", header.bit_depth)));
        }
        let rotation = context.image_rotation().unwrap_or(ImageRotation::D0);
        let has_alpha = context.alpha_item_coded_data().is_some_and(|a| !a.is_empty());
        Ok(Self {
            width: header.max_frame_width.get(),
            height: header.max_frame_height.get(),
            depth: header.bit_depth,
            monochrome: header.monochrome,
            has_alpha,
            rotation,
            context,
        })
    }

    /// Bits per sample of the AV1 data (8, 10 or 12); above 8 the pixels are 16-bit.
    pub fn bit_depth(&self) -> u8 {
        self.depth
    }

    fn orientation_of(&self) -> Orientation {
        // `irot` turns anti-clockwise; `Orientation` names clockwise turns.
        match self.rotation {
            ImageRotation::D0 => Orientation::NoTransforms,
            ImageRotation::D90 => Orientation::Rotate270,
            ImageRotation::D180 => Orientation::Rotate180,
            ImageRotation::D270 => Orientation::Rotate90,
        }
    }

    fn decode_into(self, buf: &mut [u8]) -> Result<(), Error> {
        let primary = self
            .context
            .primary_item_coded_data()
            .ok_or_else(|| Error::Corrupt("the AVIF file has no primary image".into()))?;
        let color = av1::decode(primary)?;
        let alpha = match self.context.alpha_item_coded_data() {
            Some(data) if self.has_alpha => Some(av1::decode(data)?),
            _ => None,
        };
        let layout = yuv::Layout {
            width: self.width,
            height: self.height,
            channels: usize::from(self.color_type().channel_count()),
            wide: self.depth > 8,
        };
        yuv::convert(
            &color,
            alpha.as_ref(),
            self.context.premultiplied_alpha,
            &layout,
            buf,
        )
    }
}

impl ImageDecoder for AvifDecoder {
    fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn color_type(&self) -> ColorType {
        match (self.monochrome, self.has_alpha, self.depth > 8) {
            (true, false, false) => ColorType::L8,
            (true, true, false) => ColorType::La8,
            (false, false, false) => ColorType::Rgb8,
            (false, true, false) => ColorType::Rgba8,
            (true, false, true) => ColorType::L16,
            (true, true, true) => ColorType::La16,
            (false, false, true) => ColorType::Rgb16,
            (false, true, true) => ColorType::Rgba16,
        }
    }

    fn icc_profile(&mut self) -> ImageResult<Option<Vec<u8>>> {
        Ok(match self.context.icc_colour_information() {
            Some(Ok(icc)) if !icc.is_empty() => Some(icc.to_vec()),
            _ => None,
        })
    }

    fn orientation(&mut self) -> ImageResult<Orientation> {
        Ok(self.orientation_of())
    }

    fn read_image(self, buf: &mut [u8]) -> ImageResult<()>
    where
        Self: Sized,
    {
        self.decode_into(buf).map_err(Error::into_image)
    }

    fn read_image_boxed(self: Box<Self>, buf: &mut [u8]) -> ImageResult<()> {
        (*self).read_image(buf)
    }
}

#[cfg(test)]
mod tests;
