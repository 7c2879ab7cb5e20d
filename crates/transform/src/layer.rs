//! Overlay layers (`l-image` / `l-text` / `l-video` / `l-subtitles` … `l-end`): what is
//! overlaid, where (`lx ly lxc lyc lfo lap`, video timing `lso leo ldu`, blend mode `lm`), its
//! text styling, and the layer's own chain of steps.

use std::fmt;

use crate::crop::Gravity;
use crate::dim::Dim;
use crate::keyword::keywords;
use crate::plan::Step;
use crate::text_style::TextStyle;

/// What a layer overlays.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LayerSource {
    /// `l-image,i-<path>`: a media-library path, `@@` turned back into `/`, leading `/` added.
    Image(String),
    /// `l-image,i-ik_canvas`: a solid block (colour from the layer's `bg`, size from `w`/`h`).
    Canvas,
    /// `l-text,i-<text>` or `ie-<base64>`: the text, decoded.
    Text(String),
    /// `l-video,i-<path>`: parsed, unsupported.
    Video(String),
    /// `l-subtitles,i-<path>`: parsed, unsupported.
    Subtitles(String),
}

keywords! {
    /// `lm-…`: how a layer blends with what is under it.
    LayerMode {
        Multiply = "multiply",
        Cutter = "cutter",
        Cutout = "cutout",
        Displace = "displace",
    }
}

/// Where and when a layer is placed, relative to its immediate parent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayerPosition {
    /// `lx`, `ly`: top-left corner (may be negative, `N…`, or an expression).
    pub x: Option<Dim>,
    pub y: Option<Dim>,
    /// `lxc`, `lyc`: centre.
    pub x_center: Option<Dim>,
    pub y_center: Option<Dim>,
    /// `lfo`: relative placement, default centre; ignored when `lx`/`ly` are given.
    pub focus: Option<Gravity>,
    /// `lap`: the point of the base the offsets are measured from (default top-left).
    pub anchor: Option<Gravity>,
    /// `lso`, `leo`, `ldu`: video timing in seconds (meaningless on images; kept as written).
    pub start: Option<Dim>,
    pub end: Option<Dim>,
    pub duration: Option<Dim>,
    /// `lm`: blend mode; `None` = normal (the layer covers the base).
    pub mode: Option<LayerMode>,
}

/// One overlay layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub source: LayerSource,
    pub position: LayerPosition,
    /// Text styling (`fs ff co ia pa al tg lh`, subtitles `fol fsh`); `al` also applies to
    /// `ik_canvas` image layers.
    pub style: TextStyle,
    /// The layer's own chain (resize, crop, effects, nested layers…), applied left to right to
    /// the layer before it is placed. Position and text parameters are collected above
    /// wherever they appear in the chain (ImageKit applies positions last).
    pub steps: Vec<Step>,
}

impl Layer {
    /// The URL type word: `image`, `text`, `video`, `subtitles`.
    pub fn kind(&self) -> &'static str {
        match self.source {
            LayerSource::Image(_) | LayerSource::Canvas => "image",
            LayerSource::Text(_) => "text",
            LayerSource::Video(_) => "video",
            LayerSource::Subtitles(_) => "subtitles",
        }
    }

    /// False for video and subtitle layers, which Halftone does not render.
    pub fn is_supported(&self) -> bool {
        !matches!(self.source, LayerSource::Video(_) | LayerSource::Subtitles(_))
    }
}

impl LayerPosition {
    /// The position parameters in canonical order, as `key-value` strings.
    pub(crate) fn params(&self) -> Vec<String> {
        let dims = [
            ("lx", &self.x),
            ("ly", &self.y),
            ("lxc", &self.x_center),
            ("lyc", &self.y_center),
            ("lso", &self.start),
            ("leo", &self.end),
            ("ldu", &self.duration),
        ];
        let mut out: Vec<String> = dims
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}-{v}")))
            .collect();
        out.extend(self.focus.map(|g| format!("lfo-{g}")));
        out.extend(self.anchor.map(|g| format!("lap-{g}")));
        out.extend(self.mode.map(|m| format!("lm-{m}")));
        out
    }
}

impl fmt::Display for LayerSource {
    /// The input parameter in canonical form (`i-…`, percent-encoded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayerSource::Image(p) | LayerSource::Video(p) | LayerSource::Subtitles(p) => {
                write!(f, "i-{}", crate::paths::to_url(p))
            }
            LayerSource::Canvas => f.write_str("i-ik_canvas"),
            LayerSource::Text(t) => write!(f, "i-{}", crate::percent::encode(t)),
        }
    }
}
