//! The content of layers that are not files: `ik_canvas` solid blocks and text boxes, made
//! from the parameters of the layer's first step that describe them (`w`, `h`, `bg`) and
//! its text styling.

use image::{DynamicImage, Rgba, RgbaImage};
use transform::{Background, Dim, Font, Layer, Step};

use super::{px, vars};
use crate::pipeline::{MAX_OUTPUT_PIXELS, RenderError, text};

/// ImageKit's default text size, in pixels.
const DEFAULT_FONT_SIZE: f64 = 45.0;

/// A size in whole pixels within the output limits.
fn side(v: f64, what: &str) -> Result<u32, RenderError> {
    let rounded = v.round();
    if !(1.0..=65_535.0).contains(&rounded) {
        return Err(RenderError::Unsupported(format!("a {what} of {v} pixels")));
    }
    Ok(rounded as u32)
}

/// `ik_canvas`: a solid block, `w`×`h` (default: the base's size) of colour `bg`. Those
/// parameters make the block, so they are taken out of its chain.
pub(super) fn canvas(steps: &mut [Step], base: (u32, u32)) -> Result<DynamicImage, RenderError> {
    let vars = vars(base, base);
    let first = steps.first_mut();
    let (width, height, background) = match first {
        Some(step) => (step.width.take(), step.height.take(), step.background.take()),
        None => (None, None, None),
    };
    let size = |dim: Option<Dim>, of: u32, what: &str| -> Result<u32, RenderError> {
        match dim.map(|d| px(&d, of, &vars)).transpose()?.flatten() {
            Some(v) => side(v, what),
            None => Ok(of.max(1)),
        }
    };
    let (w, h) = (size(width, base.0, "width")?, size(height, base.1, "height")?);
    if u64::from(w) * u64::from(h) > MAX_OUTPUT_PIXELS {
        return Err(RenderError::OutputTooLarge { width: w, height: h });
    }
    let colour = match background {
        None => Rgba([0, 0, 0, 255]),
        Some(Background::Color(c)) => Rgba([c.r, c.g, c.b, c.a]),
        Some(other) => {
            return Err(RenderError::Unsupported(format!(
                "bg-{other} on an ik_canvas layer"
            )));
        }
    };
    Ok(DynamicImage::ImageRgba8(RgbaImage::from_pixel(w, h, colour)))
}

/// A text layer's box. Its first step's `w` (wrap width) and `bg` (box colour) shape the
/// box, so they are taken out of its chain; `r`, `rt`… then apply to the box.
pub(super) fn text_box(
    text: &str,
    layer: &Layer,
    steps: &mut [Step],
    base: (u32, u32),
) -> Result<DynamicImage, RenderError> {
    let vars = vars(base, base);
    let style = &layer.style;
    let (wrap, background) = match steps.first_mut() {
        Some(step) => (step.width.take(), step.background.take()),
        None => (None, None),
    };
    let length = |dim: &Option<Dim>| -> Result<Option<f64>, RenderError> {
        Ok(dim.as_ref().map(|d| px(d, base.0, &vars)).transpose()?.flatten())
    };
    let pad = |dim: &Dim| -> Result<u32, RenderError> {
        Ok(px(dim, base.0, &vars)?
            .unwrap_or(0.0)
            .round()
            .clamp(0.0, 65_535.0) as u32)
    };
    let padding = match &style.padding {
        None => [0; 4],
        Some(p) => [pad(&p.top)?, pad(&p.right)?, pad(&p.bottom)?, pad(&p.left)?],
    };
    let typography = style.typography.unwrap_or_default();
    let bold = typography.bold || builtin_bold(style.font.as_ref())?;
    let background = match background {
        None => Rgba([0, 0, 0, 0]),
        Some(Background::Color(c)) => Rgba([c.r, c.g, c.b, c.a]),
        Some(other) => return Err(RenderError::Unsupported(format!("bg-{other} on a text layer"))),
    };
    let colour = style
        .color
        .map_or(Rgba([0, 0, 0, 255]), |c| Rgba([c.r, c.g, c.b, c.a]));
    let spec = text::TextSpec {
        text: text.to_owned(),
        size: length(&style.font_size)?.unwrap_or(DEFAULT_FONT_SIZE) as f32,
        bold,
        italic: typography.italic,
        strikethrough: typography.strikethrough,
        color: colour,
        background,
        padding,
        wrap_width: length(&wrap)?.map(|w| side(w, "text width")).transpose()?,
        align: match style.align {
            None | Some(transform::Align::Center) => text::Align::Center,
            Some(transform::Align::Left) => text::Align::Left,
            Some(transform::Align::Right) => text::Align::Right,
        },
        line_height: length(&style.line_height)?.map(|v| v as f32),
    };
    Ok(DynamicImage::ImageRgba8(text::render(&spec)?))
}

/// `ff-…`: the bundled DejaVu Sans family stands in for every font; only its own names
/// are accepted (`DejaVu Sans`, `DejaVuSans-Bold`, …, case and separators ignored), and
/// `…Bold` picks the bold face. Whether the name asks for bold.
fn builtin_bold(font: Option<&Font>) -> Result<bool, RenderError> {
    let name = match font {
        None => return Ok(false),
        Some(Font::Builtin(name)) => name,
        Some(Font::Path(path)) => {
            return Err(RenderError::Unsupported(format!(
                "the uploaded font {path} (ff-<file>)"
            )));
        }
    };
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match key.as_str() {
        "dejavusans" | "dejavu" | "sans" | "sansserif" => Ok(false),
        "dejavusansbold" | "dejavubold" => Ok(true),
        _ => Err(RenderError::Unsupported(format!(
            "the font '{name}' (the built-in font is DejaVu Sans)"
        ))),
    }
}
