//! Arguments of the effects written as `_`-separated `key-value` pairs (`e-shadow-bl-15_x-N5`,
//! `e-gradient-ld-top_right_from-red`, `e-colorize-co-red_in-50`) and of `e-distort`.

use crate::color::Rgba;
use crate::dim::{self, Dim};
use crate::effect::{Distort, Effect, Gradient};
use crate::error::ValueResult;
use crate::number;

/// Splits `bl-15_st-40_x-N5` into `[("bl","15"),("st","40"),("x","N5")]`. A `_` part without
/// `-` continues the previous value (`ld-top_right`, `sp-bh_mul_0.5`).
fn pairs(s: &str) -> ValueResult<Vec<(&str, String)>> {
    let mut out: Vec<(&str, String)> = Vec::new();
    if s.is_empty() {
        return Ok(out);
    }
    for part in s.split('_') {
        match (part.split_once('-'), out.last_mut()) {
            (Some((k, v)), _) if !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase()) => {
                out.push((k, v.to_owned()));
            }
            (_, Some((_, v))) => {
                v.push('_');
                v.push_str(part);
            }
            (_, None) => return Err(format!("'{part}' is not a key-value argument.")),
        }
    }
    Ok(out)
}

/// `e-shadow` arguments: `bl` 0–15 (default 10), `st` 0–100 (30), `x`/`y` −100…100 (2).
pub(crate) fn shadow(s: &str) -> ValueResult<Effect> {
    let (mut blur, mut saturation, mut x, mut y) = (10u8, 30u8, 2i8, 2i8);
    for (k, v) in pairs(s)? {
        let offset = || {
            number::int(&v)
                .filter(|n| (-100..=100).contains(n))
                .map(|n| n as i8)
                .ok_or_else(|| "shadow x and y offsets are from N100 to 100.".to_owned())
        };
        match k {
            "bl" => blur = number::uint_in(&v, 0, 15).ok_or("shadow blur (bl) is from 0 to 15.")? as u8,
            "st" => {
                saturation =
                    number::uint_in(&v, 0, 100).ok_or("shadow saturation (st) is from 0 to 100.")? as u8
            }
            "x" => x = offset()?,
            "y" => y = offset()?,
            _ => return Err(format!("'{k}' is not a shadow argument (bl, st, x, y).")),
        }
    }
    Ok(Effect::Shadow {
        blur,
        saturation,
        x,
        y,
    })
}

/// `e-gradient` arguments: `ld` (degrees 0–359 or a direction word), `from`, `to`, `sp`.
pub(crate) fn gradient(s: &str, in_layer: bool) -> ValueResult<Gradient> {
    let mut g = Gradient {
        direction: 180,
        from: Rgba::WHITE,
        to: Rgba::TRANSPARENT,
        stop: Dim::Fraction(1.0),
    };
    for (k, v) in pairs(s)? {
        match k {
            "ld" => g.direction = direction(&v)?,
            "from" => g.from = Rgba::parse(&v)?,
            "to" => g.to = Rgba::parse(&v)?,
            "sp" => g.stop = stop(&v, in_layer)?,
            _ => return Err(format!("'{k}' is not a gradient argument (ld, from, to, sp).")),
        }
    }
    Ok(g)
}

fn direction(v: &str) -> ValueResult<u16> {
    let deg = match v {
        "top" => 0,
        "top_right" => 45,
        "right" => 90,
        "bottom_right" => 135,
        "bottom" => 180,
        "bottom_left" => 225,
        "left" => 270,
        "top_left" | "topleft" => 315,
        _ => number::uint_in(v, 0, 359)
            .ok_or("gradient direction (ld) is 0-359 or top, top_right, right, … top_left.")?,
    };
    Ok(deg as u16)
}

fn stop(v: &str, in_layer: bool) -> ValueResult<Dim> {
    const MSG: &str = "gradient stop point (sp) is a fraction up to 1, pixels, or an expression.";
    match number::unsigned(v) {
        Some(n) if n > 0.0 && n <= 1.0 => Ok(Dim::Fraction(n)),
        Some(n) if n > 1.0 => Ok(Dim::Px(n)),
        Some(_) => Err(MSG.to_owned()),
        None => dim::expr_or(v, in_layer, MSG).map(Dim::Expr),
    }
}

/// `e-colorize` arguments: `co` colour (default grey 808080), `in` intensity 0–100 (100).
pub(crate) fn colorize(s: &str) -> ValueResult<Effect> {
    let (mut color, mut intensity) = (Rgba::from_rgb(0x808080), 100u8);
    for (k, v) in pairs(s)? {
        match k {
            "co" => color = Rgba::parse(&v)?,
            "in" => {
                intensity = number::uint_in(&v, 0, 100).ok_or("colorize intensity (in) is 0 to 100.")? as u8
            }
            _ => return Err(format!("'{k}' is not a colorize argument (co, in).")),
        }
    }
    Ok(Effect::Colorize { color, intensity })
}

/// `e-distort` arguments: `p-x1_y1_x2_y2_x3_y3_x4_y4` or `a-<degrees>` (`N` for negative).
pub(crate) fn distort(s: &str) -> ValueResult<Distort> {
    const MSG: &str = "distort is p-x1_y1_x2_y2_x3_y3_x4_y4 or a-<degrees> (N for negative).";
    if let Some(deg) = s.strip_prefix("a-") {
        return number::int(deg)
            .filter(|d| (-360..=360).contains(d))
            .map(Distort::Arc)
            .ok_or(MSG.to_owned());
    }
    let coords = s.strip_prefix("p-").ok_or(MSG)?;
    let values: Vec<Option<i32>> = coords.split('_').map(number::int).collect();
    let mut out = [0i32; 8];
    if values.len() != out.len() {
        return Err(MSG.to_owned());
    }
    for (slot, v) in out.iter_mut().zip(values) {
        *slot = v.ok_or(MSG)?;
    }
    Ok(Distort::Perspective(out))
}
