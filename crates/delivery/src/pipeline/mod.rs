//! The rendering pipeline: decode (with limits) → for each step: geometry ops, effects →
//! encode. Steps arrive as `StepSpec`s, already resolved to pixels by `spec.rs` from the
//! parsed transformation, so this module knows nothing about URL syntax.

pub mod attention;
mod background_fill;
mod color_profile;
mod colorize;
mod decode;
mod distort;
mod dominant;
pub mod effects;
mod encode;
mod encode_avif;
mod encode_webp;
mod frames;
pub mod geometry;
mod gradient;
mod ops;
mod options;
pub mod overlay;
mod rotate_any;
mod scratch;
mod shadow;
mod svg;
pub mod text;
pub(crate) mod trim;
pub mod working_copy;

use bytes::Bytes;
use image::{DynamicImage, GenericImageView, Rgba};
use thiserror::Error;

pub use encode::OutputFormat;
pub use options::Options;

/// Largest output the pipeline produces.
pub const MAX_OUTPUT_PIXELS: u64 = 100_000_000;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum RenderError {
    #[error("The file is not an image that can be transformed.")]
    NotAnImage,
    #[error("The image is corrupt or invalid: {0}")]
    Corrupt(String),
    #[error("The image is too large to transform ({width}x{height}).")]
    TooLarge { width: u32, height: u32 },
    #[error("The requested output is too large ({width}x{height}).")]
    OutputTooLarge { width: u32, height: u32 },
    #[error("This transformation is not supported: {0}.")]
    Unsupported(String),
    /// An overlay layer's file cannot be decoded; the text names the layer and says why.
    #[error("The overlay image {0}")]
    BadLayer(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// One step resolved against the image it applies to.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSpec {
    pub geometry: geometry::Request,
    /// `fo-auto` / `fo-face`: pick the crop's gravity from the image's content.
    pub auto_focus: bool,
    pub background: Rgba<u8>,
    pub rotate: Option<i32>,
    pub flip_horizontal: bool,
    pub flip_vertical: bool,
    pub blur: Option<f32>,
    pub grayscale: bool,
    pub contrast: bool,
    pub sharpen: Option<f32>,
    /// `Some(None)` is `r-max`.
    pub radius: Option<Option<u32>>,
    pub border: Option<(u32, Rgba<u8>)>,
    /// Trim, background fills and the effects of `effects.rs`.
    pub effects: effects::Effects,
    /// Layers painted over the result of the step, in order.
    pub overlays: Vec<overlay::OverlaySpec>,
}

impl Default for StepSpec {
    fn default() -> Self {
        Self {
            geometry: geometry::Request::default(),
            auto_focus: false,
            background: Rgba([0, 0, 0, 255]),
            rotate: None,
            flip_horizontal: false,
            flip_vertical: false,
            blur: None,
            grayscale: false,
            contrast: false,
            sharpen: None,
            radius: None,
            border: None,
            effects: effects::Effects::default(),
            overlays: Vec::new(),
        }
    }
}

pub struct Output {
    pub format: OutputFormat,
    pub quality: u8,
    pub background: Rgba<u8>,
}

pub struct Rendered {
    pub bytes: Bytes,
    pub mime: &'static str,
}

/// Decodes `source`; each call of `next_step` sees the current size and gives the next
/// step (or `None` when done), so fractions and expressions resolve against the right image.
pub fn render(
    source: &[u8],
    planned: Option<(u32, u32)>,
    next_step: impl FnMut(u32, u32) -> Result<Option<StepSpec>, RenderError>,
    output: impl FnOnce(&DynamicImage) -> Output,
) -> Result<Rendered, RenderError> {
    render_with(source, planned, &Options::default(), next_step, output)
}

/// [`render`] with format options (`lo`, `pr`, `cp`, `md`, `dn`).
pub fn render_with(
    source: &[u8],
    planned: Option<(u32, u32)>,
    options: &Options,
    next_step: impl FnMut(u32, u32) -> Result<Option<StepSpec>, RenderError>,
    output: impl FnOnce(&DynamicImage) -> Output,
) -> Result<Rendered, RenderError> {
    let (image, kept) = decode_and_apply(source, planned, options, next_step)?;
    let output = output(&image);
    let bytes = encode::encode(
        &image,
        output.format,
        output.quality,
        output.background,
        options,
        &kept,
    )?;
    scratch::give_image(image);
    Ok(Rendered {
        bytes: Bytes::from(bytes),
        mime: output.format.mime(),
    })
}

/// [`render`] without the encoding: the decoded image after all its steps (overlay layers
/// are rendered this way too).
pub fn render_image(
    source: &[u8],
    planned: Option<(u32, u32)>,
    next_step: impl FnMut(u32, u32) -> Result<Option<StepSpec>, RenderError>,
) -> Result<DynamicImage, RenderError> {
    decode_and_apply(source, planned, &Options::default(), next_step).map(|(image, _)| image)
}

/// Decodes (rasterising SVG, converting colour profiles) and applies every step; also gives
/// what `cp-true` / `md-true` keep for the encoder.
fn decode_and_apply(
    source: &[u8],
    planned: Option<(u32, u32)>,
    options: &Options,
    mut next_step: impl FnMut(u32, u32) -> Result<Option<StepSpec>, RenderError>,
) -> Result<(DynamicImage, options::Embedded), RenderError> {
    let svg = svg::is_svg(source)
        .then(|| svg::Svg::parse(source, options.density))
        .transpose()?;
    let header = match &svg {
        Some(svg) => svg.header()?,
        None => decode::header(source)?,
    };
    // A working copy stands in for a larger original: plan against the original's size.
    let (w, h) = planned.unwrap_or((header.width, header.height));
    let first = next_step(w, h)?;
    let at_least = first.as_ref().and_then(|step| first_resize(step, w, h));
    let (image, embedded) = match &svg {
        Some(svg) => (svg.rasterise(at_least)?, options::Embedded::default()),
        None => match options.page {
            Some(page) if page > 1 => (frames::select(source, page)?, options::Embedded::default()),
            _ => decode::decode(source, &header, at_least)?,
        },
    };
    let (mut image, kept) = color_profile::prepare(image, embedded, options)?;
    if let Some(step) = first {
        // Planned against the full-size source: a DCT-scaled decode is resized to the same box.
        image = apply_step_planned(image, &step, (w, h))?;
        image = apply_steps(image, next_step)?;
    }
    Ok((image, kept))
}

/// Applies steps from `next_step` to an image already in memory until it gives `None`.
pub fn apply_steps(
    mut image: DynamicImage,
    mut next_step: impl FnMut(u32, u32) -> Result<Option<StepSpec>, RenderError>,
) -> Result<DynamicImage, RenderError> {
    while let Some(step) = next_step(image.width(), image.height())? {
        image = apply_step(image, &step)?;
    }
    Ok(image)
}

/// The size a step's first resize produces, when it starts with one and does not rotate
/// first: a decoder may then deliver any size at least that large.
pub fn first_resize(step: &StepSpec, w: u32, h: u32) -> Option<(u32, u32)> {
    if step.rotate.is_some() || step.auto_focus || step.effects.trim.is_some() {
        return None;
    }
    match geometry::plan(w, h, &step.geometry).first() {
        Some(geometry::Op::Resize { width, height }) => Some((*width, *height)),
        _ => None,
    }
}

pub fn apply_step(image: DynamicImage, step: &StepSpec) -> Result<DynamicImage, RenderError> {
    let dims = image.dimensions();
    apply_step_planned(image, step, dims)
}

/// Applies a step whose geometry is planned for a `planned` source size (the image may be a
/// scaled decode of it).
fn apply_step_planned(
    mut image: DynamicImage,
    step: &StepSpec,
    planned: (u32, u32),
) -> Result<DynamicImage, RenderError> {
    if let Some(threshold) = step.effects.trim {
        image = trim::trim(image, threshold);
    }
    let planned = if let Some(degrees) = step.rotate {
        image = rotate_any::rotate(image, degrees, step.effects.rotate_fill)?;
        image.dimensions()
    } else if step.effects.trim.is_some() {
        image.dimensions()
    } else {
        planned
    };
    let (w, h) = planned;
    let mut request = step.geometry;
    if step.auto_focus
        && let Some((cw, ch)) = crop_window(w, h, &request)
    {
        let (gx, gy) = attention::gravity(&image, cw, ch);
        request.anchor = geometry::Anchor::Gravity(gx, gy);
    }
    for op in geometry::plan(w, h, &request) {
        check_size(op)?;
        image = match (op, &step.effects.fill) {
            (geometry::Op::Pad { x, y, width, height }, Some(fill)) => {
                background_fill::pad(&image, (x, y, width, height), fill)?
            }
            _ => ops::apply(image, op, step.background)?,
        };
    }
    if step.flip_horizontal {
        image = image.fliph();
    }
    if step.flip_vertical {
        image = image.flipv();
    }
    if step.grayscale {
        image = DynamicImage::ImageLumaA8(image.to_luma_alpha8());
    }
    if step.contrast {
        image = image.adjust_contrast(20.0);
    }
    if let Some(sigma) = step.sharpen {
        image = image.unsharpen(sigma, 1);
    }
    if let Some(sigma) = step.blur {
        image = image.fast_blur(sigma);
    }
    image = effects::apply(image, &step.effects)?;
    if let Some(radius) = step.radius {
        image = ops::round_corners(image, radius);
    }
    if let Some((width, colour)) = step.border {
        let (w, h) = image.dimensions();
        let grow = |side: u32| side.saturating_add(width.saturating_mul(2));
        check_size(geometry::Op::Pad {
            x: 0,
            y: 0,
            width: grow(w),
            height: grow(h),
        })?;
        image = ops::border(&image, width, colour);
    }
    image = effects::fade(image, step.effects.opacity);
    image = overlay::composite(image, &step.overlays);
    Ok(image)
}

/// The part of the source a crop keeps, in source pixels, when the step crops at all.
fn crop_window(w: u32, h: u32, request: &geometry::Request) -> Option<(u32, u32)> {
    let ops = geometry::plan(w, h, request);
    let mut scale = 1.0;
    for op in ops {
        match op {
            geometry::Op::Resize { width, .. } => scale = f64::from(width) / f64::from(w.max(1)),
            geometry::Op::Crop { width, height, .. } => {
                return Some((
                    (f64::from(width) / scale).round() as u32,
                    (f64::from(height) / scale).round() as u32,
                ));
            }
            geometry::Op::Pad { .. } => return None,
        }
    }
    None
}

fn check_size(op: geometry::Op) -> Result<(), RenderError> {
    let (width, height) = match op {
        geometry::Op::Resize { width, height } | geometry::Op::Pad { width, height, .. } => (width, height),
        geometry::Op::Crop { .. } => return Ok(()),
    };
    if u64::from(width) * u64::from(height) > MAX_OUTPUT_PIXELS || width > 65_535 || height > 65_535 {
        return Err(RenderError::OutputTooLarge { width, height });
    }
    Ok(())
}

#[cfg(test)]
mod effects_tests;
#[cfg(test)]
mod fill_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_avif;
#[cfg(test)]
mod tests_color;
#[cfg(test)]
mod tests_formats;
#[cfg(test)]
mod tests_svg;
