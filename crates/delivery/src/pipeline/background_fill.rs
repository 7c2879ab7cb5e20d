//! Padding that shows more than a plain colour: `bg-blurred` (a blurred copy of the image
//! scaled to cover the canvas), `bg-dominant` (the image's most common colour) and
//! `bg-gradient_dominant` (its 2 dominant colours along the padding direction, or 4 in the
//! corners).

use image::{DynamicImage, GenericImageView, Rgba, RgbaImage};

use super::{RenderError, dominant, ops};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BackgroundFill {
    /// `intensity` 0–100 (`auto` = 50) sets the blur: at 100 the Gaussian sigma is a tenth of
    /// the canvas's longer side. `brightness` −255…255 is added to every channel.
    Blurred {
        intensity: u8,
        brightness: i16,
    },
    Dominant,
    /// 2: first colour at the start of the padding direction, second at the end; 4: the
    /// colours clockwise from the top-left corner, blended bilinearly.
    GradientDominant(u8),
}

/// The image at (`x`, `y`) on a `width`×`height` canvas painted with `fill`. The caller has
/// checked the canvas size.
pub fn pad(
    image: &DynamicImage,
    (x, y, width, height): (u32, u32, u32, u32),
    fill: &BackgroundFill,
) -> Result<DynamicImage, RenderError> {
    let mut canvas = match *fill {
        BackgroundFill::Blurred {
            intensity,
            brightness,
        } => blurred(image, width, height, intensity, brightness)?,
        BackgroundFill::Dominant => RgbaImage::from_pixel(width, height, dominant::color(image)),
        BackgroundFill::GradientDominant(n) => {
            let colours = dominant::colors(image, if n == 4 { 4 } else { 2 });
            let vertical = image.width() >= width;
            gradient(width, height, &colours, vertical)
        }
    };
    image::imageops::overlay(&mut canvas, &image.to_rgba8(), i64::from(x), i64::from(y));
    Ok(DynamicImage::ImageRgba8(canvas))
}

/// The centre of the image cut to the canvas's aspect ratio, resized to the canvas, blurred
/// and brightened.
fn blurred(
    image: &DynamicImage,
    width: u32,
    height: u32,
    intensity: u8,
    brightness: i16,
) -> Result<RgbaImage, RenderError> {
    let (iw, ih) = image.dimensions();
    let canvas_ratio = f64::from(width) / f64::from(height.max(1));
    let (cw, ch) = if f64::from(iw) / f64::from(ih.max(1)) > canvas_ratio {
        (
            ((f64::from(ih) * canvas_ratio).round() as u32).clamp(1, iw.max(1)),
            ih,
        )
    } else {
        (
            iw,
            ((f64::from(iw) / canvas_ratio).round() as u32).clamp(1, ih.max(1)),
        )
    };
    let window = image.crop_imm((iw - cw) / 2, (ih - ch) / 2, cw, ch);
    let cover = ops::resize(&window, width, height)?;
    let sigma = f32::from(intensity) / 100.0 * width.max(height) as f32 / 10.0;
    let cover = if sigma >= 0.5 {
        cover.fast_blur(sigma)
    } else {
        cover
    };
    let mut rgba = cover.into_rgba8();
    if brightness != 0 {
        for pixel in rgba.pixels_mut() {
            for c in 0..3 {
                pixel[c] = (i16::from(pixel[c]) + brightness).clamp(0, 255) as u8;
            }
        }
    }
    Ok(rgba)
}

/// A `width`×`height` gradient: two colours top to bottom (`vertical`) or left to right, or
/// four corner colours (top-left, top-right, bottom-right, bottom-left).
fn gradient(width: u32, height: u32, colours: &[Rgba<u8>], vertical: bool) -> RgbaImage {
    let at = |i: usize| {
        colours
            .get(i)
            .or(colours.last())
            .copied()
            .unwrap_or(Rgba([0, 0, 0, 255]))
    };
    let (tl, tr, br, bl) = match colours.len() {
        4 => (at(0), at(1), at(2), at(3)),
        _ if vertical => (at(0), at(0), at(1), at(1)),
        _ => (at(0), at(1), at(1), at(0)),
    };
    let span = |v: u32, of: u32| {
        if of > 1 {
            f64::from(v) / f64::from(of - 1)
        } else {
            0.5
        }
    };
    RgbaImage::from_fn(width, height, |x, y| {
        let (u, v) = (span(x, width), span(y, height));
        let mix = |c: usize| {
            let top = f64::from(tl[c]) * (1.0 - u) + f64::from(tr[c]) * u;
            let bottom = f64::from(bl[c]) * (1.0 - u) + f64::from(br[c]) * u;
            (top * (1.0 - v) + bottom * v).round() as u8
        };
        Rgba([mix(0), mix(1), mix(2), 255])
    })
}
