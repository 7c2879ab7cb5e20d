//! WebP output through libwebp (vendored and built by `libwebp-sys`): lossy at the requested
//! quality, or lossless for `lo-true`. The pure-Rust encoder in `image` writes lossless only,
//! which is larger than JPEG for photos.

use image::DynamicImage;

use super::RenderError;

/// WebP stores each side in 14 bits.
pub const MAX_SIDE: u32 = 16_383;

pub fn encode(image: &DynamicImage, quality: u8, lossless: bool) -> Result<Vec<u8>, RenderError> {
    let (width, height) = (image.width(), image.height());
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(RenderError::OutputTooLarge { width, height });
    }
    let q = quality_of(quality, lossless);
    let memory = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), width, height).encode_simple(lossless, q)
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode_simple(lossless, q)
    };
    memory
        .map(|m| m.to_vec())
        .map_err(|e| RenderError::Internal(format!("webp encode: {e:?}")))
}

/// For lossless output libwebp reads the quality as effort: `q` is then not a size-for-fidelity
/// choice, so libwebp's default balance is used.
fn quality_of(quality: u8, lossless: bool) -> f32 {
    if lossless {
        75.0
    } else {
        f32::from(quality.clamp(1, 100))
    }
}
