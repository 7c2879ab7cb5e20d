//! Text-layer styling: `fs` size, `ff` font, `co` colour, `ia` alignment, `pa` padding, `al`
//! alpha, `tg` typography, `lh` line height, and the subtitle-only `fol` / `fsh`.

use std::fmt;

use crate::color::Rgba;
use crate::dim::{self, Dim};
use crate::error::ValueResult;
use crate::keyword::keywords;
use crate::number;
use crate::paths;

keywords! {
    /// `ia-…`: alignment of wrapped lines inside the text box (default centre).
    Align {
        Left = "left",
        Center = "center",
        Right = "right",
    }
}

/// `ff-…`: a built-in font name (`Open Sans`, `Lato`…) or an uploaded font file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Font {
    Builtin(String),
    /// A media-library path (`@@` → `/`, leading `/`), e.g. `/fonts/Lacquer.ttf`.
    Path(String),
}

/// `pa-…`: padding around the text, CSS shorthand expanded to top, right, bottom, left.
#[derive(Debug, Clone, PartialEq)]
pub struct Padding {
    pub top: Dim,
    pub right: Dim,
    pub bottom: Dim,
    pub left: Dim,
}

/// `tg-…`: any of `b`, `i`, `strikethrough`, joined by `_`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Typography {
    pub bold: bool,
    pub italic: bool,
    pub strikethrough: bool,
}

/// Styling of a text (or subtitle) layer; every field optional (ImageKit defaults: size 45,
/// black text, centre alignment, no padding, no background).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextStyle {
    pub font_size: Option<Dim>,
    pub font: Option<Font>,
    pub color: Option<Rgba>,
    pub align: Option<Align>,
    pub padding: Option<Padding>,
    /// `al-1` … `al-9`: layer transparency (also valid on `ik_canvas` layers).
    pub alpha: Option<u8>,
    pub typography: Option<Typography>,
    pub line_height: Option<Dim>,
    /// Subtitles `fol-<width>_<colour>`.
    pub outline: Option<(u32, Rgba)>,
    /// Subtitles `fsh-<colour>_<indent>`.
    pub shadow: Option<(Rgba, u32)>,
}

/// File extensions that make an `ff-` value a font file rather than a built-in name.
const FONT_EXTENSIONS: &[&str] = &[".ttf", ".otf", ".woff", ".woff2"];

impl Font {
    pub(crate) fn parse(s: &str) -> ValueResult<Font> {
        let lower = s.to_ascii_lowercase();
        if s.contains("@@") || s.contains('/') || FONT_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
            return paths::from_url(s).map(Font::Path);
        }
        if s.is_empty()
            || s.len() > 100
            || !s
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'))
        {
            return Err(
                "font must be a built-in font name or a font file path (folder@@font.ttf).".to_owned(),
            );
        }
        Ok(Font::Builtin(s.to_owned()))
    }
}

impl Padding {
    /// One to four non-negative numbers (CSS order), or one expression for all sides.
    pub(crate) fn parse(s: &str, in_layer: bool) -> ValueResult<Padding> {
        const MSG: &str = "padding is 1 to 4 numbers joined by _ (CSS order) or one expression.";
        let nums: Option<Vec<f64>> = s.split('_').map(number::unsigned).collect();
        let d = |v: &f64| Dim::Px(*v);
        let [top, right, bottom, left] = match nums.as_deref() {
            Some([a]) => [d(a), d(a), d(a), d(a)],
            Some([a, b]) => [d(a), d(b), d(a), d(b)],
            Some([a, b, c]) => [d(a), d(b), d(c), d(b)],
            Some([a, b, c, e]) => [d(a), d(b), d(c), d(e)],
            Some(_) => return Err(MSG.to_owned()),
            None => {
                let e = Dim::Expr(dim::expr_or(s, in_layer, MSG)?);
                [e.clone(), e.clone(), e.clone(), e]
            }
        };
        Ok(Padding {
            top,
            right,
            bottom,
            left,
        })
    }
}

impl Typography {
    pub(crate) fn parse(s: &str) -> ValueResult<Typography> {
        let mut t = Typography::default();
        for part in s.split('_') {
            match part {
                "b" => t.bold = true,
                "i" => t.italic = true,
                "strikethrough" => t.strikethrough = true,
                _ => return Err("typography is b, i, strikethrough or a combination like b_i.".to_owned()),
            }
        }
        Ok(t)
    }
}

/// `fol-<width>_<colour>`.
pub(crate) fn outline(s: &str) -> ValueResult<(u32, Rgba)> {
    const MSG: &str = "font outline is <width>_<colour>, e.g. fol-2_blue.";
    let (w, c) = s.split_once('_').ok_or(MSG)?;
    Ok((number::uint_in(w, 0, 1000).ok_or(MSG)?, Rgba::parse(c)?))
}

/// `fsh-<colour>_<indent>`.
pub(crate) fn shadow(s: &str) -> ValueResult<(Rgba, u32)> {
    const MSG: &str = "font shadow is <colour>_<indent>, e.g. fsh-blue_2.";
    let (c, i) = s.split_once('_').ok_or(MSG)?;
    Ok((Rgba::parse(c)?, number::uint_in(i, 0, 1000).ok_or(MSG)?))
}

impl TextStyle {
    /// The style parameters in canonical order, as `key-value` strings.
    pub(crate) fn params(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.font_size.as_ref().map(|v| format!("fs-{v}")));
        out.extend(self.font.as_ref().map(|v| format!("ff-{v}")));
        out.extend(self.color.map(|v| format!("co-{v}")));
        out.extend(self.align.map(|v| format!("ia-{v}")));
        out.extend(self.padding.as_ref().map(|v| format!("pa-{v}")));
        out.extend(self.alpha.map(|v| format!("al-{v}")));
        out.extend(self.typography.map(|v| format!("tg-{v}")));
        out.extend(self.line_height.as_ref().map(|v| format!("lh-{v}")));
        out.extend(self.outline.map(|(w, c)| format!("fol-{w}_{c}")));
        out.extend(self.shadow.map(|(c, i)| format!("fsh-{c}_{i}")));
        out
    }
}

impl fmt::Display for Font {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Font::Builtin(name) => f.write_str(&crate::percent::encode(name)),
            Font::Path(p) => f.write_str(&paths::to_url(p)),
        }
    }
}

impl fmt::Display for Padding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Padding {
            top,
            right,
            bottom,
            left,
        } = self;
        if top == right && top == bottom && top == left {
            write!(f, "{top}")
        } else {
            write!(f, "{top}_{right}_{bottom}_{left}")
        }
    }
}

impl fmt::Display for Typography {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = [
            (self.bold, "b"),
            (self.italic, "i"),
            (self.strikethrough, "strikethrough"),
        ]
        .iter()
        .filter_map(|(on, w)| on.then_some(*w))
        .collect();
        f.write_str(&parts.join("_"))
    }
}
