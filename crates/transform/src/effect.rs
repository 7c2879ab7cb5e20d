//! The `e-*` effects: what each is, how its arguments are written, and its canonical form.
//! Argument parsing for the effects with named sub-parameters lives in `effect_args`.

use std::fmt;

use crate::color::Rgba;
use crate::dim::Dim;
use crate::effect_args;
use crate::error::ValueResult;
use crate::number;
use crate::percent;

/// One effect of a step. A step holds at most one effect of each kind (the later wins), kept
/// in the order of [`Effect::rank`], which is the order to apply them in.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// `e-distort-p-x1_y1_…_x4_y4` / `e-distort-a-<deg>`.
    Distort(Distort),
    /// `e-contrast`: contrast stretch.
    Contrast,
    /// `e-grayscale`.
    Grayscale,
    /// `e-colorize[-co-<colour>_in-<0-100>]`: tint; defaults grey (808080), 100.
    Colorize { color: Rgba, intensity: u8 },
    /// `e-sharpen[-<amount>]`; `None` = the default amount.
    Sharpen(Option<u32>),
    /// `e-usm-<radius>-<sigma>-<amount>-<threshold>`; bare `e-usm` = 2-2-0.8-0.024.
    Usm {
        radius: f64,
        sigma: f64,
        amount: f64,
        threshold: f64,
    },
    /// `e-gradient[-ld-…_from-…_to-…_sp-…]`: linear gradient over the image.
    Gradient(Gradient),
    /// `e-shadow[-bl-…_st-…_x-…_y-…]`: drop shadow under a transparent-background object.
    Shadow { blur: u8, saturation: u8, x: i8, y: i8 },
    /// AI effects (`e-bgremove`, `e-removedotbg`, `e-changebg-…`, `e-edit-…`, `e-dropshadow…`,
    /// `e-retouch`, `e-upscale`, `e-genvar`): the parameter as written; not supported.
    Unsupported(String),
}

/// `e-distort` modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Distort {
    /// Corner positions clockwise from top-left: x1, y1, … x4, y4 (pixels, may be negative).
    Perspective([i32; 8]),
    /// Arc in degrees; positive curves up, negative down.
    Arc(i32),
}

/// `e-gradient` parameters, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradient {
    /// Direction in degrees 0–359 (0 = to top, 90 = to right, 180 = to bottom; default 180).
    pub direction: u16,
    /// Start colour, default `FFFFFF`.
    pub from: Rgba,
    /// End colour, default transparent black `00000000`.
    pub to: Rgba,
    /// Stop point: `Fraction` (0 < v ≤ 1, default 1) of the gradient length, `Px`, or `Expr`.
    pub stop: Dim,
}

/// The AI effects, accepted by name and reported as unsupported.
const AI_EFFECTS: &[&str] = &[
    "bgremove",
    "removedotbg",
    "changebg",
    "edit",
    "dropshadow",
    "retouch",
    "upscale",
    "genvar",
];

impl Effect {
    /// Parses effect `name` (after `e-`) with its optional argument text. The flag is false
    /// when the effect is switched off (`e-grayscale-false`): remove that kind from the step.
    pub(crate) fn parse(name: &str, arg: Option<&str>, in_layer: bool) -> ValueResult<(Effect, bool)> {
        let effect = match (name, arg) {
            ("grayscale", Some("false")) => return Ok((Effect::Grayscale, false)),
            ("contrast", Some("false")) => return Ok((Effect::Contrast, false)),
            ("grayscale", None | Some("true")) => Effect::Grayscale,
            ("contrast", None | Some("true")) => Effect::Contrast,
            ("grayscale" | "contrast", Some(_)) => {
                return Err(format!("e-{name} takes no value (or true/false)."));
            }
            ("sharpen", None | Some("true")) => Effect::Sharpen(None),
            ("sharpen", Some(v)) => Effect::Sharpen(Some(
                number::uint_in(v, 0, 1000).ok_or("sharpen amount must be a whole number from 0 to 1000.")?,
            )),
            ("usm", None | Some("true")) => Effect::Usm {
                radius: 2.0,
                sigma: 2.0,
                amount: 0.8,
                threshold: 0.024,
            },
            ("usm", Some(v)) => usm(v)?,
            ("shadow", None | Some("true")) => effect_args::shadow("")?,
            ("shadow", Some(v)) => effect_args::shadow(v)?,
            ("gradient", None | Some("true")) => Effect::Gradient(effect_args::gradient("", in_layer)?),
            ("gradient", Some(v)) => Effect::Gradient(effect_args::gradient(v, in_layer)?),
            ("colorize", None | Some("true")) => effect_args::colorize("")?,
            ("colorize", Some(v)) => effect_args::colorize(v)?,
            ("distort", Some(v)) => Effect::Distort(effect_args::distort(v)?),
            ("distort", None) => return Err("distort needs p-x1_y1_…_x4_y4 or a-<degrees>.".to_owned()),
            (ai, _) if AI_EFFECTS.contains(&ai) => Effect::Unsupported(match arg {
                Some(a) => format!("e-{ai}-{a}"),
                None => format!("e-{ai}"),
            }),
            _ => return Err(format!("unknown effect 'e-{name}'.")),
        };
        Ok((effect, true))
    }

    /// False for the AI effects, which Halftone does not render.
    pub fn is_supported(&self) -> bool {
        !matches!(self, Effect::Unsupported(_))
    }

    /// Application order within a step; effects of equal rank are the same kind.
    pub fn rank(&self) -> u8 {
        match self {
            Effect::Distort(_) => 0,
            Effect::Contrast => 1,
            Effect::Grayscale => 2,
            Effect::Colorize { .. } => 3,
            Effect::Sharpen(_) => 4,
            Effect::Usm { .. } => 5,
            Effect::Gradient(_) => 6,
            Effect::Shadow { .. } => 7,
            Effect::Unsupported(_) => 8,
        }
    }

    /// True if `other` is the same kind of effect (so one replaces the other).
    pub(crate) fn same_kind(&self, other: &Effect) -> bool {
        match (self, other) {
            (Effect::Unsupported(a), Effect::Unsupported(b)) => ai_name(a) == ai_name(b),
            _ => self.rank() == other.rank(),
        }
    }

    /// The key (`e-grayscale`, `e-bgremove`…) this effect is written with.
    pub fn key(&self) -> String {
        match self {
            Effect::Distort(_) => "e-distort".to_owned(),
            Effect::Contrast => "e-contrast".to_owned(),
            Effect::Grayscale => "e-grayscale".to_owned(),
            Effect::Colorize { .. } => "e-colorize".to_owned(),
            Effect::Sharpen(_) => "e-sharpen".to_owned(),
            Effect::Usm { .. } => "e-usm".to_owned(),
            Effect::Gradient(_) => "e-gradient".to_owned(),
            Effect::Shadow { .. } => "e-shadow".to_owned(),
            Effect::Unsupported(s) => format!("e-{}", ai_name(s)),
        }
    }
}

/// `e-changebg-prompt-x` → `changebg`.
fn ai_name(s: &str) -> &str {
    let rest = s.strip_prefix("e-").unwrap_or(s);
    rest.split('-').next().unwrap_or(rest)
}

fn usm(v: &str) -> ValueResult<Effect> {
    const MSG: &str = "unsharp mask is e-usm-<radius>-<sigma>-<amount>-<threshold>, numbers from 0 to 1000.";
    let nums: Vec<Option<f64>> = v
        .split('-')
        .map(|p| number::unsigned(p).filter(|n| *n <= 1000.0))
        .collect();
    match nums.as_slice() {
        [Some(radius), Some(sigma), Some(amount), Some(threshold)] => Ok(Effect::Usm {
            radius: *radius,
            sigma: *sigma,
            amount: *amount,
            threshold: *threshold,
        }),
        _ => Err(MSG.to_owned()),
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: f64| number::fmt_num(v);
        match self {
            Effect::Distort(Distort::Perspective(p)) => {
                let coords: Vec<String> = p.iter().map(|v| number::fmt_int(*v)).collect();
                write!(f, "e-distort-p-{}", coords.join("_"))
            }
            Effect::Distort(Distort::Arc(a)) => write!(f, "e-distort-a-{}", number::fmt_int(*a)),
            Effect::Contrast => f.write_str("e-contrast"),
            Effect::Grayscale => f.write_str("e-grayscale"),
            Effect::Colorize { color, intensity } => write!(f, "e-colorize-co-{color}_in-{intensity}"),
            Effect::Sharpen(None) => f.write_str("e-sharpen"),
            Effect::Sharpen(Some(a)) => write!(f, "e-sharpen-{a}"),
            Effect::Usm {
                radius,
                sigma,
                amount,
                threshold,
            } => {
                write!(
                    f,
                    "e-usm-{}-{}-{}-{}",
                    n(*radius),
                    n(*sigma),
                    n(*amount),
                    n(*threshold)
                )
            }
            Effect::Gradient(g) => {
                write!(
                    f,
                    "e-gradient-ld-{}_from-{}_to-{}_sp-{}",
                    g.direction, g.from, g.to, g.stop
                )
            }
            Effect::Shadow {
                blur,
                saturation,
                x,
                y,
            } => write!(
                f,
                "e-shadow-bl-{blur}_st-{saturation}_x-{}_y-{}",
                number::fmt_int(i32::from(*x)),
                number::fmt_int(i32::from(*y))
            ),
            Effect::Unsupported(s) => f.write_str(&percent::encode(s)),
        }
    }
}
