//! Colours as ImageKit writes them: `RRGGBB`, `RRGGBBAA` where `AA` is a decimal opacity
//! `00`–`99` (mapped linearly to alpha 0–255), or a CSS colour keyword.

use std::fmt;

use crate::color_names;
use crate::error::ValueResult;

/// An sRGB colour with straight (not premultiplied) alpha; `a = 255` is opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    /// Opaque black, ImageKit's default background.
    pub const BLACK: Rgba = Rgba {
        r: 0,
        g: 0,
        b: 0,
        a: 255,
    };
    /// Opaque white.
    pub const WHITE: Rgba = Rgba {
        r: 255,
        g: 255,
        b: 255,
        a: 255,
    };
    /// Fully transparent black.
    pub const TRANSPARENT: Rgba = Rgba {
        r: 0,
        g: 0,
        b: 0,
        a: 0,
    };

    /// An opaque colour from `0xRRGGBB`.
    pub const fn from_rgb(rgb: u32) -> Rgba {
        Rgba {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 255,
        }
    }

    /// Parses `RRGGBB`, `RRGGBBAA` (AA = opacity 00–99) or a colour keyword (any case).
    pub(crate) fn parse(s: &str) -> ValueResult<Rgba> {
        let hex = |part: &str| u32::from_str_radix(part, 16).ok();
        let all_hex = s.bytes().all(|b| b.is_ascii_hexdigit());
        match (s.len(), all_hex) {
            (6, true) => hex(s).map(Rgba::from_rgb).ok_or_else(bad_color),
            (8, true) => {
                let (rgb, opacity) = s.split_at(6);
                let opacity = crate::number::uint_in(opacity, 0, 99).ok_or_else(|| {
                    "the last two digits of an 8-digit colour are an opacity from 00 to 99.".to_owned()
                })?;
                let alpha = ((opacity * 255 + 49) / 99) as u8;
                hex(rgb)
                    .map(|v| Rgba {
                        a: alpha,
                        ..Rgba::from_rgb(v)
                    })
                    .ok_or_else(bad_color)
            }
            _ => named(&s.to_ascii_lowercase()).ok_or_else(bad_color),
        }
    }

    /// The 8-hex opacity digits (00–99) this alpha prints as.
    fn opacity(self) -> u32 {
        (u32::from(self.a) * 99 + 127) / 255
    }
}

fn named(name: &str) -> Option<Rgba> {
    if name == "transparent" {
        return Some(Rgba::TRANSPARENT);
    }
    color_names::lookup(name).map(Rgba::from_rgb)
}

fn bad_color() -> String {
    "colour must be a 6-digit hex code (RRGGBB), an 8-digit code whose last two digits are an \
     opacity 00-99, or a colour name."
        .to_owned()
}

/// Canonical form: `RRGGBB` when opaque, else `RRGGBBOO` with the 00–99 opacity.
impl fmt::Display for Rgba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X}{:02X}{:02X}", self.r, self.g, self.b)?;
        if self.a != 255 {
            write!(f, "{:02}", self.opacity())?;
        }
        Ok(())
    }
}
