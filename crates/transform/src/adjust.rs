//! Small per-image adjustments with their own value syntax: `rt` (rotation), `fl` (flip),
//! `t` (trim), `r` (radius), `cr` (colour replace) and `pg` (page).

use std::fmt;

use crate::color::Rgba;
use crate::error::ValueResult;
use crate::number;

/// `rt-…`: clockwise degrees (`N…` counter-clockwise), or `auto` from EXIF orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rotation {
    /// As written; the pipeline normalises with `rem_euclid(360)`.
    Degrees(i32),
    Auto,
}

impl Rotation {
    pub(crate) fn parse(s: &str) -> ValueResult<Rotation> {
        if s == "auto" {
            return Ok(Rotation::Auto);
        }
        number::int(s).map(Rotation::Degrees).ok_or_else(|| {
            "rotation must be whole degrees (N for counter-clockwise, e.g. rt-N90) or 'auto'.".to_owned()
        })
    }
}

impl fmt::Display for Rotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rotation::Degrees(d) => f.write_str(&number::fmt_int(*d)),
            Rotation::Auto => f.write_str("auto"),
        }
    }
}

/// `fl-…`: mirror horizontally, vertically or both (`h_v` = `v_h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flip {
    H,
    V,
    Both,
}

impl Flip {
    pub(crate) fn parse(s: &str) -> ValueResult<Flip> {
        match s {
            "h" => Ok(Flip::H),
            "v" => Ok(Flip::V),
            "h_v" | "v_h" => Ok(Flip::Both),
            _ => Err("flip must be h, v, h_v or v_h.".to_owned()),
        }
    }
}

impl fmt::Display for Flip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flip::H => "h",
            Flip::V => "v",
            Flip::Both => "h_v",
        })
    }
}

/// `t-…`: trim a uniform border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trim {
    /// `t-true` (or bare `t`): the default threshold.
    Default,
    /// `t-1` … `t-99`.
    Threshold(u8),
    /// `t-false`: no trimming (turns off the default trimming of overlay layers).
    Off,
}

impl Trim {
    pub(crate) fn parse(s: Option<&str>) -> ValueResult<Trim> {
        match s {
            None | Some("true") => Ok(Trim::Default),
            Some("false") => Ok(Trim::Off),
            Some(v) => number::uint_in(v, 1, 99)
                .map(|t| Trim::Threshold(t as u8))
                .ok_or_else(|| "trim must be true, false or a threshold from 1 to 99.".to_owned()),
        }
    }
}

impl fmt::Display for Trim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trim::Default => f.write_str("true"),
            Trim::Threshold(t) => write!(f, "{t}"),
            Trim::Off => f.write_str("false"),
        }
    }
}

/// `r-…`: rounded corners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Radius {
    /// `r-max`: a circle or ellipse.
    Max,
    /// One radius for all corners.
    Px(u32),
    /// `tl_tr_br_bl`.
    Corners([u32; 4]),
}

/// Largest accepted radius; the pipeline clamps to half the image side anyway.
const MAX_RADIUS: u32 = 65_535;

impl Radius {
    pub(crate) fn parse(s: &str) -> ValueResult<Radius> {
        const MSG: &str = "radius must be a whole number, 'max', or four corners tl_tr_br_bl.";
        if s == "max" {
            return Ok(Radius::Max);
        }
        let corner = |p: &str| number::uint_in(p, 0, MAX_RADIUS);
        let parts: Vec<Option<u32>> = s.split('_').map(corner).collect();
        match parts.as_slice() {
            [Some(r)] => Ok(Radius::Px(*r)),
            [Some(a), Some(b), Some(c), Some(d)] => Ok(Radius::Corners([*a, *b, *c, *d])),
            _ => Err(MSG.to_owned()),
        }
    }
}

impl fmt::Display for Radius {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Radius::Max => f.write_str("max"),
            Radius::Px(r) => write!(f, "{r}"),
            Radius::Corners([a, b, c, d]) => write!(f, "{a}_{b}_{c}_{d}"),
        }
    }
}

/// `cr-to[_tolerance[_from]]`: replace a colour (the dominant one when `from` is absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColorReplace {
    pub to: Rgba,
    /// 0–100; `None` = ImageKit's default (Halftone: 35).
    pub tolerance: Option<u8>,
    pub from: Option<Rgba>,
}

impl ColorReplace {
    pub(crate) fn parse(s: &str) -> ValueResult<ColorReplace> {
        let parts: Vec<&str> = s.split('_').collect();
        let tolerance = |p: &str| {
            number::uint_in(p, 0, 100).map(|t| t as u8).ok_or_else(|| {
                "colour replace is to[_tolerance[_from]] with a tolerance from 0 to 100.".to_owned()
            })
        };
        match parts.as_slice() {
            [to] => Ok(ColorReplace {
                to: Rgba::parse(to)?,
                tolerance: None,
                from: None,
            }),
            [to, t] => Ok(ColorReplace {
                to: Rgba::parse(to)?,
                tolerance: Some(tolerance(t)?),
                from: None,
            }),
            [to, t, from] => Ok(ColorReplace {
                to: Rgba::parse(to)?,
                tolerance: Some(tolerance(t)?),
                from: Some(Rgba::parse(from)?),
            }),
            _ => Err("colour replace is to[_tolerance[_from]].".to_owned()),
        }
    }
}

impl fmt::Display for ColorReplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to)?;
        if let Some(t) = self.tolerance {
            write!(f, "_{t}")?;
        }
        if let Some(from) = self.from {
            write!(f, "_{from}")?;
        }
        Ok(())
    }
}

/// Validates `pg-…`: `N`, `a-b`, `a-`, `a_b_c`, or `name-"layer"[_"layer"…]`.
pub(crate) fn page(s: &str) -> ValueResult<String> {
    let page_no = |p: &str| number::uint_in(p, 1, u32::MAX).is_some();
    let ok = if let Some(names) = s.strip_prefix("name-") {
        names.len() >= 3
            && names.starts_with('"')
            && names.ends_with('"')
            && !names.chars().any(char::is_control)
    } else if let Some((a, b)) = s.split_once('-') {
        page_no(a) && (b.is_empty() || page_no(b))
    } else {
        s.split('_').all(page_no)
    };
    if ok {
        Ok(s.to_owned())
    } else {
        Err("page must be a number, a range a-b or a-, a list a_b_c, or name-\"layer\".".to_owned())
    }
}
