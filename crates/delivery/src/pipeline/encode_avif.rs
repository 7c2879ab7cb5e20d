//! AVIF output through `ravif` (rav1e, pure Rust). AV1 encoding is slow even at the fastest
//! speeds (about half a second for 800×600 on one of this project's 2-core machines), so it
//! is made only when asked for with `f-avif`; `f-auto` negotiates WebP (docs/benchmarks.md).

use image::DynamicImage;
use ravif::{Img, RGB8, RGBA8};

use super::RenderError;

/// rav1e's fastest preset; slower ones save a few percent for twice the time.
const SPEED: u8 = 10;

pub fn encode(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, RenderError> {
    let (Ok(width), Ok(height)) = (usize::try_from(image.width()), usize::try_from(image.height())) else {
        return Err(RenderError::OutputTooLarge {
            width: image.width(),
            height: image.height(),
        });
    };
    let encoder = ravif::Encoder::new()
        .with_quality(f32::from(quality.clamp(1, 100)))
        .with_alpha_quality(f32::from(quality.clamp(1, 100)))
        .with_speed(SPEED);
    let fail = |e: ravif::Error| RenderError::Internal(format!("avif encode: {e}"));
    let encoded = if image.color().has_alpha() {
        let pixels: Vec<RGBA8> = image
            .to_rgba8()
            .pixels()
            .map(|p| RGBA8::new(p[0], p[1], p[2], p[3]))
            .collect();
        encoder
            .encode_rgba(Img::new(&pixels[..], width, height))
            .map_err(fail)?
    } else {
        let pixels: Vec<RGB8> = image
            .to_rgb8()
            .pixels()
            .map(|p| RGB8::new(p[0], p[1], p[2]))
            .collect();
        encoder
            .encode_rgb(Img::new(&pixels[..], width, height))
            .map_err(fail)?
    };
    Ok(encoded.avif_file)
}
