//! The parts of a step beyond geometry and the simple filters: trim, the special padding
//! fills, arbitrary-angle rotation's fill, colour effects, gradient, shadow and opacity. Kept
//! as one struct in `StepSpec` so each lives in its own file and `mod.rs` only calls in.

use image::{DynamicImage, Rgba};

use super::RenderError;
use super::{colorize, gradient, shadow};

pub use super::background_fill::BackgroundFill;
pub use super::colorize::{ColorReplace, DEFAULT_TOLERANCE};
pub use super::gradient::{LinearGradient, Stop};
pub use super::shadow::Shadow;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effects {
    /// `t`: trim threshold (0–255 difference per channel from the top-left pixel).
    pub trim: Option<u8>,
    /// `bg-blurred`, `bg-dominant`, `bg-gradient_dominant`: what padding shows instead of
    /// the plain `background` colour.
    pub fill: Option<BackgroundFill>,
    /// What a rotation by a non-multiple of 90° shows in the corners; `None` is transparent.
    pub rotate_fill: Option<Rgba<u8>>,
    pub colorize: Option<(Rgba<u8>, u8)>,
    pub color_replace: Option<ColorReplace>,
    pub gradient: Option<LinearGradient>,
    pub shadow: Option<Shadow>,
    /// `o`: 0–100, multiplies alpha.
    pub opacity: Option<u8>,
    /// `e-distort`: first of the colour effects' group, after the step's resize.
    pub distort: Option<transform::Distort>,
}

/// The colour effects, gradient and shadow, in that order (after the step's filters).
pub fn apply(mut image: DynamicImage, effects: &Effects) -> Result<DynamicImage, RenderError> {
    if let Some(distort) = effects.distort {
        image = super::distort::apply(image, distort)?;
    }
    if let Some((colour, intensity)) = effects.colorize {
        image = colorize::tint(image, colour, intensity);
    }
    if let Some(replace) = &effects.color_replace {
        image = colorize::replace(image, replace);
    }
    if let Some(g) = &effects.gradient {
        image = gradient::paint(image, g);
    }
    if let Some(s) = &effects.shadow {
        image = shadow::drop_shadow(image, s)?;
    }
    Ok(image)
}

/// `o`: the step's last operation, so borders fade with the image.
pub fn fade(image: DynamicImage, opacity: Option<u8>) -> DynamicImage {
    let Some(opacity) = opacity.filter(|o| *o < 100) else {
        return image;
    };
    let mut rgba = image.into_rgba8();
    let o = u32::from(opacity);
    for pixel in rgba.pixels_mut() {
        pixel[3] = ((u32::from(pixel[3]) * o + 50) / 100) as u8;
    }
    DynamicImage::ImageRgba8(rgba)
}
