//! Colour effects: `e-colorize` (tint) and `cr` (colour replace).
//!
//! Tint keeps each pixel's luma (BT.601 Y) and takes its chroma (Cb, Cr) from the tint
//! colour, then blends that with the original by the intensity: a grey tint at 100 is a
//! greyscale image, a red one a red monochrome.
//!
//! Colour replace moves every pixel within `tolerance` of `from` (distance in RGB as a
//! percentage of the largest possible, black to white) by `to − from`, so an exact match
//! becomes `to` and shading around it is kept.

use image::{DynamicImage, Rgba};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColorReplace {
    pub to: Rgba<u8>,
    /// 0–100.
    pub tolerance: u8,
    /// `None`: the image's dominant colour.
    pub from: Option<Rgba<u8>>,
}

/// `cr` without a tolerance (ImageKit does not publish its default).
pub const DEFAULT_TOLERANCE: u8 = 35;

pub fn tint(image: DynamicImage, colour: Rgba<u8>, intensity: u8) -> DynamicImage {
    let mut rgba = image.into_rgba8();
    let k = f64::from(intensity) / 100.0;
    let [_, cb, cr] = ycbcr(colour);
    for pixel in rgba.pixels_mut() {
        let [y, _, _] = ycbcr(*pixel);
        let tinted = rgb(y, cb, cr);
        for c in 0..3 {
            let v = f64::from(pixel[c]) * (1.0 - k) + tinted[c] * k;
            pixel[c] = v.round().clamp(0.0, 255.0) as u8;
        }
    }
    DynamicImage::ImageRgba8(rgba)
}

pub fn replace(image: DynamicImage, replace: &ColorReplace) -> DynamicImage {
    let from = replace.from.unwrap_or_else(|| super::dominant::color(&image));
    let mut rgba = image.into_rgba8();
    let limit = f64::from(replace.tolerance) / 100.0 * (3.0f64).sqrt() * 255.0;
    let shift: [f64; 3] = std::array::from_fn(|c| f64::from(replace.to[c]) - f64::from(from[c]));
    for pixel in rgba.pixels_mut() {
        let distance = (0..3)
            .map(|c| (f64::from(pixel[c]) - f64::from(from[c])).powi(2))
            .sum::<f64>()
            .sqrt();
        if distance > limit {
            continue;
        }
        for (c, s) in shift.iter().enumerate() {
            pixel[c] = (f64::from(pixel[c]) + s).round().clamp(0.0, 255.0) as u8;
        }
        pixel[3] = ((u32::from(pixel[3]) * u32::from(replace.to[3]) + 127) / 255) as u8;
    }
    DynamicImage::ImageRgba8(rgba)
}

fn ycbcr(p: Rgba<u8>) -> [f64; 3] {
    let (r, g, b) = (f64::from(p[0]), f64::from(p[1]), f64::from(p[2]));
    [
        0.299 * r + 0.587 * g + 0.114 * b,
        128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b,
        128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b,
    ]
}

fn rgb(y: f64, cb: f64, cr: f64) -> [f64; 3] {
    [
        y + 1.402 * (cr - 128.0),
        y - 0.344_136 * (cb - 128.0) - 0.714_136 * (cr - 128.0),
        y + 1.772 * (cb - 128.0),
    ]
}
