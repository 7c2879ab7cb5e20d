//! Parameters that belong to the enclosing layer rather than to a step: its input (`i`, `ie`),
//! position (`lx ly lxc lyc lfo lap lso leo ldu lm`) and text styling (`fs ff co ia pa al tg lh
//! fol fsh`); and turning the collected parts into a [`Layer`] at `l-end`.

use crate::base64;
use crate::chain::Ctx;
use crate::color::Rgba;
use crate::crop::Gravity;
use crate::dim::{self, Dim};
use crate::error::ValueResult;
use crate::keyword::keywords;
use crate::layer::{Layer, LayerMode, LayerPosition, LayerSource};
use crate::number;
use crate::params::{req, word};
use crate::paths;
use crate::plan::Step;
use crate::text_style::{self, Align, Font, Padding, TextStyle, Typography};

keywords! {
    /// The `l-<type>` word.
    LayerKind {
        Image = "image",
        Text = "text",
        Video = "video",
        Subtitles = "subtitles",
    }
}

/// Plain text longer than this is truncated, as on ImageKit.
pub const MAX_TEXT_CHARS: usize = 2000;

const POSITION_KEYS: &[&str] = &[
    "i", "ie", "lx", "ly", "lxc", "lyc", "lfo", "lap", "lso", "leo", "ldu", "lm",
];
const TEXT_KEYS: &[&str] = &["fs", "ff", "co", "ia", "pa", "al", "tg", "lh", "fol", "fsh"];

/// True for keys handled here.
pub(crate) fn is_layer_key(key: &str) -> bool {
    POSITION_KEYS.contains(&key) || TEXT_KEYS.contains(&key)
}

/// A layer while its parameters are being read.
#[derive(Debug)]
pub(crate) struct LayerParts {
    kind: LayerKind,
    input: Option<String>,
    input_base64: Option<String>,
    position: LayerPosition,
    style: TextStyle,
}

impl LayerParts {
    pub(crate) fn new(kind: LayerKind) -> Self {
        LayerParts {
            kind,
            input: None,
            input_base64: None,
            position: LayerPosition::default(),
            style: TextStyle::default(),
        }
    }

    /// The finished layer; `ie-` wins over `i-` (as on ImageKit).
    pub(crate) fn finish(self, steps: Vec<Step>) -> ValueResult<Layer> {
        let input = match (self.input_base64, self.input) {
            (Some(b64), _) => {
                let bytes = base64::decode(&b64).ok_or("the ie- input is not valid base64.")?;
                String::from_utf8(bytes).map_err(|_| "the ie- input does not decode to UTF-8 text.")?
            }
            (None, Some(plain)) => plain,
            (None, None) => return Err("a layer needs an input: i-<path or text> or ie-<base64>.".to_owned()),
        };
        let source = match self.kind {
            LayerKind::Image if input == "ik_canvas" => LayerSource::Canvas,
            LayerKind::Image => LayerSource::Image(paths::from_url(&input)?),
            LayerKind::Video => LayerSource::Video(paths::from_url(&input)?),
            LayerKind::Subtitles => LayerSource::Subtitles(paths::from_url(&input)?),
            LayerKind::Text if input.is_empty() => {
                return Err("the text of a text layer is empty.".to_owned());
            }
            LayerKind::Text => LayerSource::Text(input.chars().take(MAX_TEXT_CHARS).collect()),
        };
        Ok(Layer {
            source,
            position: self.position,
            style: self.style,
            steps,
        })
    }
}

/// Applies a layer key to the innermost layer's parts.
pub(crate) fn apply(
    layer: Option<&mut LayerParts>,
    ctx: Ctx,
    key: &str,
    value: Option<&str>,
) -> ValueResult<()> {
    let Some(parts) = layer else {
        return Err(match ctx.layer {
            Some(_) => format!("'{key}' cannot be used inside an if-block."),
            None => format!("'{key}' is only valid inside a layer (l-… … l-end)."),
        });
    };
    let v = req(value)?;
    if TEXT_KEYS.contains(&key) {
        return text_param(parts, key, v);
    }
    let pos = &mut parts.position;
    let at = |what: &str| format!("{what} must be a number (N for negative) or an expression.");
    match key {
        "i" => parts.input = Some(v.to_owned()),
        "ie" => parts.input_base64 = Some(v.to_owned()),
        "lx" => pos.x = Some(dim::coordinate(v, true, true, &at("lx"))?),
        "ly" => pos.y = Some(dim::coordinate(v, true, true, &at("ly"))?),
        "lxc" => pos.x_center = Some(dim::coordinate(v, true, true, &at("lxc"))?),
        "lyc" => pos.y_center = Some(dim::coordinate(v, true, true, &at("lyc"))?),
        "lfo" => pos.focus = Some(word(value, Gravity::from_word, GRAVITY_MSG)?),
        "lap" => pos.anchor = Some(word(value, Gravity::from_word, GRAVITY_MSG)?),
        "lso" => pos.start = Some(seconds(v)?),
        "leo" => pos.end = Some(seconds(v)?),
        "ldu" => pos.duration = Some(seconds(v)?),
        "lm" => {
            pos.mode = Some(word(
                value,
                LayerMode::from_word,
                "layer mode must be multiply, cutter, cutout or displace.",
            )?)
        }
        _ => return Err(format!("unknown parameter '{key}'.")),
    }
    Ok(())
}

const GRAVITY_MSG: &str =
    "position must be center, top, left, bottom, right, top_left, top_right, bottom_left or bottom_right.";

fn seconds(v: &str) -> ValueResult<Dim> {
    dim::length(
        v,
        true,
        "video timing must be a number of seconds or an expression.",
    )
}

fn text_param(parts: &mut LayerParts, key: &str, v: &str) -> ValueResult<()> {
    let allowed = match key {
        "al" => matches!(parts.kind, LayerKind::Text | LayerKind::Image),
        "fs" | "ff" | "co" | "tg" => matches!(parts.kind, LayerKind::Text | LayerKind::Subtitles),
        "fol" | "fsh" => parts.kind == LayerKind::Subtitles,
        _ => parts.kind == LayerKind::Text,
    };
    if !allowed {
        return Err(format!("'{key}' is not valid in an l-{} layer.", parts.kind));
    }
    let style = &mut parts.style;
    match key {
        "fs" => {
            style.font_size = Some(dim::length(
                v,
                true,
                "font size must be a number or an expression.",
            )?)
        }
        "ff" => style.font = Some(Font::parse(v)?),
        "co" => style.color = Some(Rgba::parse(v)?),
        "ia" => {
            style.align = Some(Align::from_word(v).ok_or("inner alignment must be left, right or center.")?)
        }
        "pa" => style.padding = Some(Padding::parse(v, true)?),
        "al" => {
            style.alpha =
                Some(number::uint_in(v, 1, 9).ok_or("alpha must be a whole number from 1 to 9.")? as u8)
        }
        "tg" => style.typography = Some(Typography::parse(v)?),
        "lh" => {
            style.line_height = Some(dim::length(
                v,
                true,
                "line height must be a number or an expression.",
            )?)
        }
        "fol" => style.outline = Some(text_style::outline(v)?),
        "fsh" => style.shadow = Some(text_style::shadow(v)?),
        _ => return Err(format!("unknown parameter '{key}'.")),
    }
    Ok(())
}
