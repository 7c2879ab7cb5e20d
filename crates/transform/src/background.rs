//! `bg-…` (background: colour, blurred, dominant, gradient of dominant colours, generative
//! fill) and `b-…` (border: width or expression, then colour).

use std::fmt;

use crate::color::Rgba;
use crate::dim::{self, Dim};
use crate::error::ValueResult;
use crate::number;
use crate::percent;

/// How strongly `bg-blurred` blurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlurIntensity {
    /// Chosen from the output size (ImageKit's default).
    Auto,
    /// 0–100.
    Value(u8),
}

/// `bg-…`: fill for padding (`cm-pad_*`) and transparency.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Background {
    /// A colour; default black `000000` when `bg` is absent.
    Color(Rgba),
    /// `blurred[_intensity][_brightness]`: a blurred copy of the image (with `cm-pad_resize`).
    /// `None` = default (`auto` intensity, brightness 0). Brightness is −255…255.
    Blurred {
        intensity: Option<BlurIntensity>,
        brightness: Option<i16>,
    },
    /// The image's dominant colour.
    Dominant,
    /// A gradient of the 2 or 4 dominant colours (`gradient_dominant[_2|_4]`, default 2).
    GradientDominant(u8),
    /// `genfill[:-prompt-…]`: AI generative fill — parsed, unsupported.
    GenFill(Option<String>),
}

impl Background {
    pub(crate) fn parse(s: &str) -> ValueResult<Background> {
        if let Some(rest) = s.strip_prefix("blurred") {
            return blurred(rest);
        }
        if let Some(rest) = s.strip_prefix("gradient_dominant") {
            return match rest {
                "" | "_2" => Ok(Background::GradientDominant(2)),
                "_4" => Ok(Background::GradientDominant(4)),
                _ => Err("gradient_dominant takes a palette size of 2 or 4.".to_owned()),
            };
        }
        if s == "dominant" {
            return Ok(Background::Dominant);
        }
        if let Some(rest) = s.strip_prefix("genfill") {
            return match rest {
                "" => Ok(Background::GenFill(None)),
                _ => Ok(Background::GenFill(Some(rest.to_owned()))),
            };
        }
        Rgba::parse(s).map(Background::Color).map_err(|_| {
            "background must be a colour (RRGGBB, RRGGBBAA, name), blurred[_intensity][_brightness], \
             dominant or gradient_dominant[_2|_4]."
                .to_owned()
        })
    }

    /// False for generative fill, which needs an AI model Halftone does not have.
    pub fn is_supported(&self) -> bool {
        !matches!(self, Background::GenFill(_))
    }
}

fn blurred(rest: &str) -> ValueResult<Background> {
    const MSG: &str = "blurred background is blurred[_intensity 0-100|auto][_brightness N255-255].";
    let parts: Vec<&str> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.strip_prefix('_').ok_or(MSG)?.split('_').collect()
    };
    let intensity = |p: &str| match p {
        "auto" => Some(BlurIntensity::Auto),
        _ => number::uint_in(p, 0, 100).map(|v| BlurIntensity::Value(v as u8)),
    };
    let brightness = |p: &str| {
        number::int(p)
            .filter(|v| (-255..=255).contains(v))
            .map(|v| v as i16)
    };
    match parts.as_slice() {
        [] => Ok(Background::Blurred {
            intensity: None,
            brightness: None,
        }),
        [i] => Ok(Background::Blurred {
            intensity: Some(intensity(i).ok_or(MSG)?),
            brightness: None,
        }),
        [i, b] => Ok(Background::Blurred {
            intensity: Some(intensity(i).ok_or(MSG)?),
            brightness: Some(brightness(b).ok_or(MSG)?),
        }),
        _ => Err(MSG.to_owned()),
    }
}

impl fmt::Display for Background {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Background::Color(c) => write!(f, "{c}"),
            Background::Blurred {
                intensity,
                brightness,
            } => {
                f.write_str("blurred")?;
                match intensity {
                    Some(BlurIntensity::Auto) => f.write_str("_auto")?,
                    Some(BlurIntensity::Value(v)) => write!(f, "_{v}")?,
                    None if brightness.is_some() => f.write_str("_auto")?,
                    None => {}
                }
                if let Some(b) = brightness {
                    write!(f, "_{}", number::fmt_int(i32::from(*b)))?;
                }
                Ok(())
            }
            Background::Dominant => f.write_str("dominant"),
            Background::GradientDominant(n) => write!(f, "gradient_dominant_{n}"),
            Background::GenFill(None) => f.write_str("genfill"),
            Background::GenFill(Some(p)) => write!(f, "genfill{}", percent::encode(p)),
        }
    }
}

/// Parses `b-<width>_<colour>`; the width may be an expression (`b-ih_div_20_red`).
pub(crate) fn border(s: &str, in_layer: bool) -> ValueResult<(Dim, Rgba)> {
    const MSG: &str = "border is <width>_<colour>, e.g. b-5_FFF000 (width may be an expression).";
    let (width, color) = s.rsplit_once('_').ok_or(MSG)?;
    let width = dim::length(width, in_layer, MSG)?;
    Ok((width, Rgba::parse(color)?))
}
