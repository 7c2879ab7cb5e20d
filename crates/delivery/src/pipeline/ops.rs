//! Pixel operations of one step: resize (fast_image_resize, Lanczos3), crop, pad, and the
//! simple effects. Each takes and returns an image so steps compose in order.

use std::f64::consts::PI;

use fast_image_resize::{Filter, FilterType, ResizeAlg, ResizeOptions};
use image::{DynamicImage, GenericImageView, Rgba, RgbaImage};

use super::geometry::Op;
use super::{RenderError, scratch};

pub fn apply(image: DynamicImage, op: Op, background: Rgba<u8>) -> Result<DynamicImage, RenderError> {
    Ok(match op {
        Op::Resize { width, height } if (width, height) == image.dimensions() => image,
        Op::Resize { width, height } => {
            let resized = resize(&image, width, height)?;
            scratch::give_image(image);
            resized
        }
        Op::Crop { x, y, width, height } => {
            let cropped = image.crop_imm(x, y, width, height);
            scratch::give_image(image);
            cropped
        }
        Op::Pad { x, y, width, height } => pad(&image, x, y, width, height, background),
    })
}

pub fn resize(image: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, RenderError> {
    if (width, height) == image.dimensions() {
        return Ok(image.clone());
    }
    // fast_image_resize handles 8-bit layouts; other depths go through 8-bit RGBA. The source
    // is borrowed, not cloned: a copy of a decoded image costs more than the resize.
    let converted;
    let source = match image {
        DynamicImage::ImageLuma8(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageRgb8(_)
        | DynamicImage::ImageRgba8(_) => image,
        other => {
            converted = DynamicImage::ImageRgba8(other.to_rgba8());
            &converted
        }
    };
    // The resizer writes every pixel, so the target may start from a reused buffer.
    let mut target = scratch::image(width, height, source.color())
        .unwrap_or_else(|| DynamicImage::new(width, height, source.color()));
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(lanczos3()));
    let channels = usize::from(source.color().bytes_per_pixel());
    let work = (width as usize)
        .saturating_mul(source.height() as usize)
        .saturating_mul(channels);
    scratch::with_resizer(work, |resizer| resizer.resize(source, &mut target, &options))
        .map_err(|e| RenderError::Internal(format!("resize: {e}")))?;
    Ok(target)
}

/// Lanczos3 as fast_image_resize's own, with one `sin` per weight instead of two:
/// sin(πx) = sin(3t) = s(3 − 4s²) for s = sin(t), t = πx/3. The resizer computes its weights on
/// every resize, and the two `sin` calls were ~3 % of a `w-800` render's instructions.
fn lanczos3() -> FilterType {
    fn weight(x: f64) -> f64 {
        let x = x.abs();
        if x == 0.0 {
            return 1.0;
        }
        if x >= 3.0 {
            return 0.0;
        }
        let s = (PI * x / 3.0).sin();
        // sinc(x)·sinc(x/3) = sin(πx)·sin(πx/3) / (π²x²/3)
        3.0 * s * s * (3.0 - 4.0 * s * s) / (PI * PI * x * x)
    }
    match Filter::new("Lanczos3, one sin", weight, 3.0) {
        Ok(filter) => FilterType::Custom(filter),
        Err(_) => FilterType::Lanczos3,
    }
}

fn pad(image: &DynamicImage, x: u32, y: u32, width: u32, height: u32, background: Rgba<u8>) -> DynamicImage {
    let mut canvas = RgbaImage::from_pixel(width, height, background);
    image::imageops::overlay(&mut canvas, &image.to_rgba8(), i64::from(x), i64::from(y));
    DynamicImage::ImageRgba8(canvas)
}

/// Rotation by a multiple of 90 degrees, clockwise.
pub fn rotate(image: DynamicImage, degrees: i32) -> Result<DynamicImage, RenderError> {
    Ok(match degrees.rem_euclid(360) {
        0 => image,
        90 => image.rotate90(),
        180 => image.rotate180(),
        270 => image.rotate270(),
        other => {
            return Err(RenderError::Unsupported(format!(
                "rotation by {other} degrees (only multiples of 90 are supported)"
            )));
        }
    })
}

/// Rounded corners by an alpha mask: `radius` in pixels, or `None` for a circle/ellipse.
pub fn round_corners(image: DynamicImage, radius: Option<u32>) -> DynamicImage {
    let mut rgba = image.to_rgba8();
    let (w, h) = rgba.dimensions();
    let (rx, ry) = match radius {
        None => (f64::from(w) / 2.0, f64::from(h) / 2.0),
        Some(r) => {
            let r = f64::from(r).min(f64::from(w.min(h)) / 2.0);
            (r, r)
        }
    };
    if rx <= 0.0 || ry <= 0.0 {
        return DynamicImage::ImageRgba8(rgba);
    }
    for (x, y, pixel) in rgba.enumerate_pixels_mut() {
        let (px, py) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
        let cx = if px < rx {
            rx
        } else if px > f64::from(w) - rx {
            f64::from(w) - rx
        } else {
            continue;
        };
        let cy = if py < ry {
            ry
        } else if py > f64::from(h) - ry {
            f64::from(h) - ry
        } else {
            continue;
        };
        let d = ((px - cx) / rx).powi(2) + ((py - cy) / ry).powi(2);
        if d > 1.0 {
            pixel[3] = 0;
        }
    }
    DynamicImage::ImageRgba8(rgba)
}

/// A solid border of `width` pixels around the image.
pub fn border(image: &DynamicImage, width: u32, colour: Rgba<u8>) -> DynamicImage {
    let (w, h) = image.dimensions();
    pad(image, width, width, w + 2 * width, h + 2 * width, colour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fast_image_resize::Resizer;
    use image::{Rgb, RgbImage};

    /// The same weights as the crate's Lanczos3 after their rounding to integers: the same bytes.
    #[test]
    fn the_one_sin_lanczos3_resizes_like_the_crates_own() {
        let mut seed = 7_u32;
        let source = DynamicImage::ImageRgb8(RgbImage::from_fn(517, 301, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let noise = (seed >> 24) as u8 / 4;
            Rgb([(x % 256) as u8 ^ noise, (y % 256) as u8, noise.wrapping_mul(3)])
        }));
        for (w, h) in [(400, 233), (131, 77), (800, 469), (50, 301)] {
            let run = |filter| {
                let mut target = DynamicImage::new(w, h, source.color());
                let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter));
                let resized = Resizer::new().resize(&source, &mut target, &options);
                assert!(resized.is_ok(), "{resized:?}");
                target.into_bytes()
            };
            assert!(run(lanczos3()) == run(FilterType::Lanczos3), "{w}x{h} differs");
        }
    }
}
