//! The parsed plan: chained [`Step`]s applied left to right, each holding at most one value
//! per parameter, plus its effects, overlay layers, or an if-block.

use crate::adjust::{ColorReplace, Flip, Radius, Rotation, Trim};
use crate::background::Background;
use crate::color::Rgba;
use crate::conditional::Conditional;
use crate::crop::{Crop, CropMode, Focus};
use crate::dim::Dim;
use crate::effect::Effect;
use crate::layer::Layer;
use crate::output::{Dpr, Format};

/// A whole transformation: path-form and query-form strings each parse into one; [`crate::merge`]
/// chains them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
}

/// One chain step (the text between two `:`). Every field is `None`/empty when not given;
/// defaults are the pipeline's (see the crate docs).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// `w`: pixels, fraction of the source, `auto` (Sec-CH-Width) or an expression.
    pub width: Option<Dim>,
    /// `h`: pixels, fraction or expression.
    pub height: Option<Dim>,
    /// `ar`: `Dim::Ratio(w/h)` or an expression; only used with exactly one of `w`/`h`.
    pub aspect_ratio: Option<Dim>,
    pub crop: Option<Crop>,
    pub crop_mode: Option<CropMode>,
    pub focus: Option<Focus>,
    /// `x`, `y`: top-left of a `cm-extract` region; `xc`, `yc`: its centre.
    pub x: Option<Dim>,
    pub y: Option<Dim>,
    pub x_center: Option<Dim>,
    pub y_center: Option<Dim>,
    /// `z`: zoom around a face/object focus, default 1.
    pub zoom: Option<f64>,
    /// `q`: 1–100.
    pub quality: Option<u8>,
    pub format: Option<Format>,
    pub background: Option<Background>,
    /// `b`: width (pixels or expression) and colour.
    pub border: Option<(Dim, Rgba)>,
    pub radius: Option<Radius>,
    pub rotation: Option<Rotation>,
    pub flip: Option<Flip>,
    /// `bl`: Gaussian blur radius 1–100.
    pub blur: Option<u8>,
    /// `o`: opacity 0–100.
    pub opacity: Option<u8>,
    pub trim: Option<Trim>,
    pub dpr: Option<Dpr>,
    /// `pr`, `lo`, `cp`, `md`.
    pub progressive: Option<bool>,
    pub lossless: Option<bool>,
    pub color_profile: Option<bool>,
    pub metadata: Option<bool>,
    /// `orig-true`: serve the original bytes; everything else is ignored.
    pub original: bool,
    /// `n-<name>`: a named transformation to expand (see [`Plan::expand_named`]).
    pub named: Option<String>,
    /// `di-…`: fallback image path (leading `/`, `@@` turned into `/`).
    pub default_image: Option<String>,
    /// `pg-…`: page/frame/layer selector, validated, as written.
    pub page: Option<String>,
    /// `cr-…`: colour replacement.
    pub color_replace: Option<ColorReplace>,
    /// `dn-…`: density (DPI) for rasterising vector sources, 1–5000.
    pub density: Option<u32>,
    /// `e-*`, one per kind, in application order ([`Effect::rank`], then key).
    pub effects: Vec<Effect>,
    /// `l-…` … `l-end`, in the order written (painted in that order).
    pub overlays: Vec<Layer>,
    /// An if-block; when set, every other field is empty.
    pub conditional: Option<Conditional>,
}

impl Step {
    /// True if the step does nothing (no parameter given).
    pub fn is_empty(&self) -> bool {
        *self == Step::default()
    }

    /// The first parameter in this step (or its layers / branches) that Halftone parses but
    /// does not render, as written (`f-mp4`, `e-bgremove`, `l-video`, `bg-genfill`).
    pub fn unsupported(&self) -> Option<String> {
        if let Some(f) = self.format.filter(|f| !f.is_supported()) {
            return Some(format!("f-{f}"));
        }
        if let Some(bg) = self.background.as_ref().filter(|b| !b.is_supported()) {
            return Some(format!("bg-{bg}"));
        }
        if let Some(e) = self.effects.iter().find(|e| !e.is_supported()) {
            return Some(e.key());
        }
        for layer in &self.overlays {
            if !layer.is_supported() {
                return Some(format!("l-{}", layer.kind()));
            }
            if let Some(u) = layer.steps.iter().find_map(Step::unsupported) {
                return Some(u);
            }
        }
        let c = self.conditional.as_ref()?;
        c.then.iter().chain(&c.otherwise).find_map(Step::unsupported)
    }

    /// Sets `effect`, replacing an effect of the same kind, keeping [`Effect::rank`] order.
    pub(crate) fn set_effect(&mut self, effect: Effect) {
        self.remove_effect(&effect);
        let key = (effect.rank(), effect.key());
        let at = self
            .effects
            .iter()
            .position(|e| (e.rank(), e.key()) > key)
            .unwrap_or(self.effects.len());
        self.effects.insert(at, effect);
    }

    /// Removes any effect of the same kind as `effect`.
    pub(crate) fn remove_effect(&mut self, effect: &Effect) {
        self.effects.retain(|e| !e.same_kind(effect));
    }
}

impl Plan {
    /// The first parsed-but-unsupported parameter anywhere in the plan (see [`Step::unsupported`]).
    pub fn unsupported(&self) -> Option<String> {
        self.steps.iter().find_map(Step::unsupported)
    }

    /// True if any step asks for the original file (`orig-true`); the pipeline then serves the
    /// stored bytes and ignores the rest.
    pub fn is_original(&self) -> bool {
        self.steps.iter().any(|s| s.original)
    }

    /// True if the plan has no steps (e.g. an empty `?tr=`): serve as without transformation.
    pub fn is_identity(&self) -> bool {
        self.steps.is_empty()
    }
}
