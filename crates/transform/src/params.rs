//! One parameter at a time: splits `key-value`, then sets the matching [`Step`] field with a
//! small parser per key (aliases side by side). Layer-only and text-only keys go to
//! `layer_params`. A key given twice in a step: the later value wins, as on ImageKit.

use crate::adjust::{self, ColorReplace, Flip, Radius, Rotation, Trim};
use crate::background::{self, Background};
use crate::chain::Ctx;
use crate::crop::{Crop, CropMode, Focus};
use crate::dim;
use crate::effect::Effect;
use crate::error::{ParseError, ValueResult};
use crate::layer_params::{self, LayerParts};
use crate::number;
use crate::output::{Dpr, Format};
use crate::paths;
use crate::plan::Step;

const W_MSG: &str = "width must be a number, a fraction 0-1, 'auto' or an expression.";
const H_MSG: &str = "height must be a number, a fraction 0-1 or an expression.";
const AR_MSG: &str = "aspect ratio must be W-H (e.g. ar-4-3), a number or an expression.";
const XY_MSG: &str = "must be a non-negative number or an expression.";
const VIDEO_MSG: &str = "video transformations are not supported.";

/// Splits `key-value` at the first `-`; effects keep their name in the key (`e-sharpen-10` →
/// `("e-sharpen", Some("10"))`). No `-` → no value (a bare flag).
pub(crate) fn split_key(text: &str) -> (&str, Option<&str>) {
    let cut = match text.strip_prefix("e-") {
        Some(rest) => rest.find('-').map(|i| i + 2),
        None => text.find('-'),
    };
    match cut {
        Some(i) => (text.get(..i).unwrap_or(text), text.get(i + 1..)),
        None => (text, None),
    }
}

/// Applies one parameter to `step` (or to the enclosing layer's `layer` parts).
pub(crate) fn apply(
    step: &mut Step,
    layer: Option<&mut LayerParts>,
    ctx: Ctx,
    key: &str,
    value: Option<&str>,
    text: &str,
) -> Result<(), ParseError> {
    if text.is_empty() {
        return Err(ParseError::general(
            "Invalid transformation: empty parameter (stray ',' or ':').",
        ));
    }
    let result = if let Some(name) = key.strip_prefix("e-") {
        effect(step, name, value, ctx)
    } else if layer_params::is_layer_key(key) {
        layer_params::apply(layer, ctx, key, value)
    } else {
        step_param(step, ctx, key, value)
    };
    result.map_err(|m| ParseError::param(key, text, &m))
}

fn step_param(step: &mut Step, ctx: Ctx, key: &str, value: Option<&str>) -> ValueResult<()> {
    let in_layer = ctx.depth > 0;
    match key {
        "w" => step.width = dim::size(req(value)?, in_layer, true, W_MSG)?,
        "h" => step.height = dim::size(req(value)?, in_layer, false, H_MSG)?,
        "ar" => step.aspect_ratio = Some(dim::aspect_ratio(req(value)?, in_layer, AR_MSG)?),
        "c" => crop(step, req(value)?)?,
        "cm" => step.crop_mode = Some(word(value, CropMode::from_word, CM_MSG)?),
        "fo" => step.focus = Some(word(value, Focus::from_word, FO_MSG)?),
        "x" => {
            step.x = Some(dim::coordinate(
                req(value)?,
                in_layer,
                false,
                &format!("x {XY_MSG}"),
            )?)
        }
        "y" => {
            step.y = Some(dim::coordinate(
                req(value)?,
                in_layer,
                false,
                &format!("y {XY_MSG}"),
            )?)
        }
        "xc" => {
            step.x_center = Some(dim::coordinate(
                req(value)?,
                in_layer,
                false,
                &format!("xc {XY_MSG}"),
            )?)
        }
        "yc" => {
            step.y_center = Some(dim::coordinate(
                req(value)?,
                in_layer,
                false,
                &format!("yc {XY_MSG}"),
            )?)
        }
        "z" => step.zoom = Some(zoom(req(value)?)?),
        "q" => {
            step.quality = Some(ranged(
                value,
                1,
                100,
                "quality must be a whole number from 1 to 100.",
            )?)
        }
        "f" => step.format = Some(word(value, Format::from_word, F_MSG)?),
        "bg" => step.background = Some(Background::parse(req(value)?)?),
        "b" => step.border = Some(background::border(req(value)?, in_layer)?),
        "r" => step.radius = Some(Radius::parse(req(value)?)?),
        "rt" => step.rotation = Some(Rotation::parse(req(value)?)?),
        "fl" => step.flip = Some(Flip::parse(req(value)?)?),
        "bl" => {
            step.blur = Some(ranged(
                value,
                1,
                100,
                "blur must be a whole number from 1 to 100.",
            )?)
        }
        "o" => {
            step.opacity = Some(ranged(
                value,
                0,
                100,
                "opacity must be a whole number from 0 to 100.",
            )?)
        }
        "t" => step.trim = Some(Trim::parse(value)?),
        "dpr" => step.dpr = Some(Dpr::parse(req(value)?)?),
        "pr" => step.progressive = Some(flag(value)?),
        "lo" => step.lossless = Some(flag(value)?),
        "cp" => step.color_profile = Some(flag(value)?),
        "md" => step.metadata = Some(flag(value)?),
        "orig" => step.original = top_level(ctx, key).and_then(|()| flag(value))?,
        "n" => step.named = Some(named(req(value)?)?),
        "di" => step.default_image = Some(top_level(ctx, key).and_then(|()| paths::from_url(req(value)?))?),
        "pg" => step.page = Some(adjust::page(req(value)?)?),
        "cr" => step.color_replace = Some(ColorReplace::parse(req(value)?)?),
        "dn" => step.density = Some(number::uint_in(req(value)?, 1, 5000).ok_or(DN_MSG)?),
        "vc" | "ac" | "so" | "eo" | "du" | "sr" => return Err(VIDEO_MSG.to_owned()),
        _ => return Err(format!("unknown parameter '{key}'.")),
    }
    Ok(())
}

const CM_MSG: &str =
    "crop mode must be pad_resize, extract, pad_extract, pad_resize_no_enlarge or pad_extract_no_shrink.";
const FO_MSG: &str = "focus must be center, top, left, bottom, right, top_left, top_right, bottom_left, \
                      bottom_right, auto, face, custom or a COCO object name.";
const F_MSG: &str = "format must be auto, webp, jpg, jpeg, png, gif, svg, avif or orig.";
const DN_MSG: &str = "density must be a whole number from 1 to 5000.";

/// `c-…`: a crop strategy, or (alias, older URLs) a crop mode such as `c-pad_resize`.
fn crop(step: &mut Step, v: &str) -> ValueResult<()> {
    if let Some(c) = Crop::from_word(v) {
        step.crop = Some(c);
    } else if let Some(cm) = CropMode::from_word(v) {
        step.crop_mode = Some(cm);
    } else {
        return Err(
            "crop must be maintain_ratio, force, at_max, at_max_enlarge, at_least or \
                    maintain_ratio_no_enlarge."
                .to_owned(),
        );
    }
    Ok(())
}

fn effect(step: &mut Step, name: &str, value: Option<&str>, ctx: Ctx) -> ValueResult<()> {
    if value == Some("") {
        return Err("a value is required after the '-'.".to_owned());
    }
    let (effect, enabled) = Effect::parse(name, value, ctx.depth > 0)?;
    if enabled {
        step.set_effect(effect);
    } else {
        step.remove_effect(&effect);
    }
    Ok(())
}

/// The value of a parameter that needs one.
pub(crate) fn req(value: Option<&str>) -> ValueResult<&str> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| "a value is required (key-value).".to_owned())
}

/// A boolean: bare, `true` or `false`.
fn flag(value: Option<&str>) -> ValueResult<bool> {
    match value {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(_) => Err("must be true or false.".to_owned()),
    }
}

/// A fixed word, via `from_word`.
pub(crate) fn word<T>(
    value: Option<&str>,
    from_word: impl Fn(&str) -> Option<T>,
    msg: &str,
) -> ValueResult<T> {
    from_word(req(value)?).ok_or_else(|| msg.to_owned())
}

/// A whole number in `lo..=hi` that fits a `u8`.
fn ranged(value: Option<&str>, lo: u8, hi: u8, msg: &str) -> ValueResult<u8> {
    number::uint_in(req(value)?, u32::from(lo), u32::from(hi))
        .map(|v| v as u8)
        .ok_or_else(|| msg.to_owned())
}

fn zoom(v: &str) -> ValueResult<f64> {
    number::unsigned(v)
        .filter(|z| *z > 0.0 && *z <= 100.0)
        .ok_or_else(|| "zoom must be a number greater than 0 (at most 100).".to_owned())
}

fn named(v: &str) -> ValueResult<String> {
    let ok = v.len() <= 100
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(v.to_owned())
    } else {
        Err("a named transformation is letters, digits, '_' and '-'.".to_owned())
    }
}

fn top_level(ctx: Ctx, key: &str) -> ValueResult<()> {
    if ctx.depth == 0 {
        Ok(())
    } else {
        Err(format!("'{key}' cannot be used inside a layer."))
    }
}
