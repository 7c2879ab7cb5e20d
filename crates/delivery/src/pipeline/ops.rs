//! Pixel operations of one step: resize (fast_image_resize, Lanczos3), crop, pad, and the
//! simple effects. Each takes and returns an image so steps compose in order.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions};
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
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let channels = usize::from(source.color().bytes_per_pixel());
    let work = (width as usize)
        .saturating_mul(source.height() as usize)
        .saturating_mul(channels);
    scratch::with_resizer(work, |resizer| resizer.resize(source, &mut target, &options))
        .map_err(|e| RenderError::Internal(format!("resize: {e}")))?;
    Ok(target)
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
