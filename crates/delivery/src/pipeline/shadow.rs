//! `e-shadow`: a black drop shadow under the non-transparent part of the image — its alpha,
//! moved by x% of the width and y% of the height, blurred (sigma = `bl` pixels) and made
//! `st`% opaque — painted beneath the image on a canvas of the same size (a shadow reaching
//! past the edge is cut). Only the transparent parts show it: on an opaque image the result
//! looks unchanged. ImageKit limits the effect to 2 MP; so does Halftone.

use image::{DynamicImage, GenericImageView, GrayImage, Luma, Rgba, RgbaImage};

use super::RenderError;

/// Largest image `e-shadow` takes, in pixels.
pub const MAX_PIXELS: u64 = 2_000_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadow {
    /// 0–15: Gaussian sigma in pixels.
    pub blur: u8,
    /// 0–100: the shadow's opacity in percent.
    pub saturation: u8,
    /// −100…100: offsets in percent of the width and height.
    pub x: i8,
    pub y: i8,
}

pub fn drop_shadow(image: DynamicImage, shadow: &Shadow) -> Result<DynamicImage, RenderError> {
    let (w, h) = image.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(RenderError::Unsupported(format!(
            "e-shadow on an image over 2 megapixels ({MAX_PIXELS} pixels; this one is {w}x{h})"
        )));
    }
    if !image.color().has_alpha() {
        return Ok(image);
    }
    let rgba = image.into_rgba8();
    let dx = i64::from(w) * i64::from(shadow.x) / 100;
    let dy = i64::from(h) * i64::from(shadow.y) / 100;
    let mut mask = GrayImage::new(w, h);
    for (x, y, pixel) in mask.enumerate_pixels_mut() {
        let (sx, sy) = (i64::from(x) - dx, i64::from(y) - dy);
        if let (Ok(sx), Ok(sy)) = (u32::try_from(sx), u32::try_from(sy))
            && sx < w
            && sy < h
        {
            *pixel = Luma([rgba.get_pixel(sx, sy)[3]]);
        }
    }
    if shadow.blur > 0 {
        mask = image::imageops::fast_blur(&mask, f32::from(shadow.blur));
    }
    let strength = u32::from(shadow.saturation);
    let mut out = RgbaImage::from_fn(w, h, |x, y| {
        let a = u32::from(mask.get_pixel(x, y)[0]) * strength / 100;
        Rgba([0, 0, 0, a as u8])
    });
    image::imageops::overlay(&mut out, &rgba, 0, 0);
    Ok(DynamicImage::ImageRgba8(out))
}
