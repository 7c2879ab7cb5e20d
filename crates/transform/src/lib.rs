//! Halftone's parser for ImageKit URL transformations (spec §6): the text after `tr:` in the
//! path form (`/tr:w-300,h-200/img.jpg`) or the `tr` query value (`?tr=w-300,h-200`) becomes a
//! typed, validated [`Plan`] of chained [`Step`]s, with a [`Plan::canonical`] text form for
//! cache keys. Malformed or out-of-range parameters are a [`ParseError`] naming the parameter
//! (the HTTP layer answers 400 with its message).
//!
//! Input is the raw, still percent-encoded string: it is split on `,` (parameters) and `:`
//! (steps) first, then each parameter is percent-decoded, so text overlays may carry `%2C`
//! and `%3A`. Passing an already-decoded string works as long as it holds no such text.
//!
//! Semantics the pipeline relies on (ImageKit's where documented, else Halftone's choice):
//! - A key given twice in one step: the later value wins. `w-0`/`h-0` mean "not given".
//!   Steps left empty (e.g. `e-grayscale,e-grayscale-false`) are dropped.
//! - Defaults when absent: `c` maintain_ratio, `fo` center, `z` 1, `q` 80, `f` auto (from
//!   `Accept`, answer with `Vary: Accept`), `bg` black, `dpr` 1, `pr`/`lo`/`cp`/`md` false;
//!   layers: `lfo` center, `lap` top_left, trimmed unless `t-false`; text: size 45, black,
//!   `ia` center.
//! - `c`, `cm`, `fo`: `cm` (when set) decides the geometry and `c` is ignored; `c-pad_resize`
//!   and the other crop-mode words are accepted under `c` as aliases of `cm`. `fo` is the crop
//!   anchor for `c-maintain_ratio` / `cm-extract` (`x`/`y` or `xc`/`yc` win over it), the
//!   side the image sits on for `cm-pad_resize` (`fo-left` → padding on the right; a
//!   non-gravity focus pads evenly), and is
//!   ignored by `force`, `at_max`, `at_max_enlarge`, `at_least`. `ar` is used only with
//!   exactly one of `w`/`h`. `z` applies with `fo-face` or an object focus. `dpr` multiplies
//!   `w`/`h` and is ignored if the result is < 1 or > 5000 px. `orig-true` ignores the rest.
//! - Parsed but unsupported (see [`Plan::unsupported`]): `f-mp4`/`f-webm`, `bg-genfill`, the AI
//!   effects (`Effect::Unsupported`), `l-video`, `l-subtitles`. Video-only parameters (`vc ac
//!   so eo du sr`, expression variables `idu bdu`) are a parse error.
//! - Expressions are kept as [`Expr`] and evaluated by the pipeline with [`Vars`]; if-blocks
//!   are kept as [`Conditional`] and evaluated with [`CondVars`]; `n-` steps are expanded
//!   with [`Plan::expand_named`].
//!
//! Modules: `tokens` (split) → `chain` (steps, layers, if-blocks) → `params` / `layer_params`
//! (one parameter each) with the value types in `dim`, `expr`, `color`, `crop`, `output`,
//! `adjust`, `background`, `effect`, `layer`, `text_style`, `conditional`; `canonical` prints.

#![deny(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]

mod adjust;
mod background;
mod base64;
mod canonical;
mod chain;
mod color;
mod color_names;
mod conditional;
mod crop;
mod dim;
mod effect;
mod effect_args;
mod error;
mod expr;
mod keyword;
mod layer;
mod layer_params;
mod named;
mod number;
mod output;
mod params;
mod paths;
mod percent;
mod plan;
mod text_style;
mod tokens;

#[cfg(test)]
mod tests;

pub use adjust::{ColorReplace, Flip, Radius, Rotation, Trim};
pub use background::{Background, BlurIntensity};
pub use color::Rgba;
pub use conditional::{CmpOp, Comparison, CondProp, CondVars, Condition, Conditional};
pub use crop::{COCO_OBJECTS, Crop, CropMode, Focus, Gravity};
pub use dim::Dim;
pub use effect::{Distort, Effect, Gradient};
pub use error::ParseError;
pub use expr::{Expr, Op, Operand, Var, Vars};
pub use layer::{Layer, LayerMode, LayerPosition, LayerSource};
pub use layer_params::{LayerKind, MAX_TEXT_CHARS};
pub use named::{BUILTIN_NAMED, builtin as builtin_named};
pub use output::{Dpr, Format};
pub use plan::{Plan, Step};
pub use text_style::{Align, Font, Padding, TextStyle, Typography};

/// Longest accepted transformation string, in characters.
pub const MAX_INPUT_CHARS: usize = 4096;
/// Most chained steps in one chain (the top level, a layer's chain, an if-branch).
pub const MAX_STEPS: usize = 32;
/// Deepest layer nesting (a layer inside a layer inside a layer).
pub const MAX_LAYER_DEPTH: usize = 3;

/// Parses a transformation string (without `tr:`). An empty string is an empty plan.
pub fn parse(tr: &str) -> Result<Plan, ParseError> {
    if tr.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(ParseError::general(format!(
            "The transformation string is too long (at most {MAX_INPUT_CHARS} characters)."
        )));
    }
    let steps = chain::Parser::new(tokens::tokenize(tr)).top()?;
    Ok(Plan { steps })
}

/// Parses the path form: `None` unless `segment` (the first path segment after the URL
/// endpoint, raw) starts with `tr:`. A segment whose colon is encoded (`tr%3A…`) was encoded
/// whole, so its `%3A` and `%2C` are read as separators.
pub fn parse_path_segment(segment: &str) -> Option<Result<Plan, ParseError>> {
    if let Some(rest) = segment.strip_prefix("tr:") {
        return Some(parse(rest));
    }
    let prefix = segment.get(..5)?;
    if !prefix.eq_ignore_ascii_case("tr%3a") {
        return None;
    }
    let rest = segment.get(5..).unwrap_or_default();
    let unescaped = rest
        .replace("%3A", ":")
        .replace("%3a", ":")
        .replace("%2C", ",")
        .replace("%2c", ",");
    Some(parse(&unescaped))
}

/// Chains the path-form plan, then the query-form plan (ImageKit's behaviour with both is
/// unverified; spec §6.1 says treat them as chained).
pub fn merge(path: Option<Plan>, query: Option<Plan>) -> Option<Plan> {
    match (path, query) {
        (Some(mut p), Some(q)) => {
            p.steps.extend(q.steps);
            Some(p)
        }
        (p, q) => p.or(q),
    }
}
