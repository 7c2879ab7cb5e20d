//! Output encoding choices: `f` (format) and `dpr` (device pixel ratio).

use std::fmt;

use crate::error::ValueResult;
use crate::keyword::keywords;
use crate::number;

keywords! {
    /// `f-…`: output format. `jpeg` is an alias of `jpg`.
    Format {
        /// Negotiate from the request's `Accept` header (answer with `Vary: Accept`).
        Auto = "auto",
        Webp = "webp",
        Jpg = "jpg" | "jpeg",
        Png = "png",
        Gif = "gif",
        /// Only meaningful for SVG sources (SVG is rasterised only with an explicit raster `f`).
        Svg = "svg",
        Avif = "avif",
        /// Keep the source's format.
        Orig = "orig",
        /// Video output: parsed, but unsupported (see [`Format::is_supported`]).
        Mp4 = "mp4",
        /// Video output: parsed, but unsupported.
        Webm = "webm",
    }
}

impl Format {
    /// False for the video formats, which Halftone does not produce.
    pub fn is_supported(self) -> bool {
        !matches!(self, Format::Mp4 | Format::Webm)
    }
}

/// `dpr-…`: multiplies `w`/`h`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dpr {
    /// 0.1 to 5.
    Value(f64),
    /// From the `Sec-CH-DPR` client hint.
    Auto,
}

impl Dpr {
    pub(crate) fn parse(s: &str) -> ValueResult<Dpr> {
        if s == "auto" {
            return Ok(Dpr::Auto);
        }
        number::unsigned(s)
            .filter(|v| (0.1..=5.0).contains(v))
            .map(Dpr::Value)
            .ok_or_else(|| "dpr must be a number from 0.1 to 5, or 'auto'.".to_owned())
    }
}

impl fmt::Display for Dpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dpr::Value(v) => f.write_str(&number::fmt_num(*v)),
            Dpr::Auto => f.write_str("auto"),
        }
    }
}
