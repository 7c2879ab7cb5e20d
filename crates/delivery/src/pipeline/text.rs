//! Text layers: lays out text (explicit line breaks, greedy word wrap to a width, inner
//! alignment, line height) in one of the bundled DejaVu Sans faces and rasterises it with
//! `ab_glyph` onto a box of the background colour with padding. The fonts are compiled into
//! the binary, so rendering needs no font files at run time.

use ab_glyph::{Font, FontRef, Glyph, PxScale, ScaleFont, point};
use image::{Rgba, RgbaImage};

use super::overlay::source_over;
use super::{MAX_OUTPUT_PIXELS, RenderError};

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");
const OBLIQUE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Oblique.ttf");
const BOLD_OBLIQUE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-BoldOblique.ttf");

/// Largest font size accepted, in pixels (a glyph larger than an output side is pointless).
pub const MAX_FONT_SIZE: f32 = 10_000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    Left,
    #[default]
    Center,
    Right,
}

/// What to draw and how; sizes in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSpec {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub strikethrough: bool,
    pub color: Rgba<u8>,
    pub background: Rgba<u8>,
    /// Top, right, bottom, left.
    pub padding: [u32; 4],
    /// Lines wrap at this width, which is then the width of the text area.
    pub wrap_width: Option<u32>,
    pub align: Align,
    /// Distance between baselines; the font's own when `None`.
    pub line_height: Option<f32>,
}

/// The text drawn on its box.
pub fn render(spec: &TextSpec) -> Result<RgbaImage, RenderError> {
    if !(spec.size.is_finite() && spec.size > 0.0 && spec.size <= MAX_FONT_SIZE) {
        return Err(RenderError::Unsupported(format!(
            "a font size of {} (it must be above 0 and at most {MAX_FONT_SIZE})",
            spec.size
        )));
    }
    let font = face(spec.bold, spec.italic)?;
    // `fs` is the em size, as in CSS; ab_glyph scales by ascent-to-descent height.
    let em = font.units_per_em().unwrap_or(1.0).max(1.0);
    let font = font.as_scaled(PxScale::from(spec.size * font.height_unscaled() / em));
    let wrap = spec.wrap_width.map(|w| w as f32);
    let lines = layout(&font, &spec.text, wrap);
    let line_height = spec
        .line_height
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(font.height() + font.line_gap());
    let widest = lines.iter().map(|l| l.width).fold(0.0_f32, f32::max);
    let content_w = wrap.unwrap_or(widest).ceil();
    let glyph_h = font.ascent() - font.descent();
    let content_h = (line_height * (lines.len().max(1) - 1) as f32 + glyph_h).ceil();
    let [top, right, bottom, left] = spec.padding.map(f64::from);
    let box_w = f64::from(content_w) + left + right;
    let box_h = f64::from(content_h) + top + bottom;
    let (box_w, box_h) = checked_box(box_w, box_h)?;
    let mut canvas = RgbaImage::from_pixel(box_w, box_h, spec.background);
    for (i, line) in lines.iter().enumerate() {
        let free = (content_w - line.width).max(0.0);
        let x = left as f32
            + match spec.align {
                Align::Left => 0.0,
                Align::Center => free / 2.0,
                Align::Right => free,
            };
        let baseline = top as f32 + font.ascent() + line_height * i as f32;
        draw_line(&mut canvas, &font, line, x, baseline, spec.color);
        if spec.strikethrough {
            let thickness = (spec.size / 14.0).max(1.0);
            let y = baseline - font.ascent() * 0.3;
            fill(
                &mut canvas,
                (x, y - thickness / 2.0),
                (line.width, thickness),
                spec.color,
            );
        }
    }
    Ok(canvas)
}

fn face(bold: bool, italic: bool) -> Result<FontRef<'static>, RenderError> {
    let bytes = match (bold, italic) {
        (false, false) => REGULAR,
        (true, false) => BOLD,
        (false, true) => OBLIQUE,
        (true, true) => BOLD_OBLIQUE,
    };
    FontRef::try_from_slice(bytes).map_err(|e| RenderError::Internal(format!("bundled font: {e}")))
}

fn checked_box(w: f64, h: f64) -> Result<(u32, u32), RenderError> {
    let side = |v: f64| v.max(1.0).min(f64::from(u32::MAX)) as u32;
    let (w, h) = (side(w), side(h));
    if w > 65_535 || h > 65_535 || u64::from(w) * u64::from(h) > MAX_OUTPUT_PIXELS {
        return Err(RenderError::OutputTooLarge { width: w, height: h });
    }
    Ok((w, h))
}

/// One laid-out line: its characters and its advance width.
struct Line {
    text: String,
    width: f32,
}

/// Splits at line breaks, then wraps each paragraph at spaces to `wrap` (a word longer than
/// the width is broken between characters).
fn layout<F: Font>(font: &impl ScaleFont<F>, text: &str, wrap: Option<f32>) -> Vec<Line> {
    let clean: String = text.chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    let mut lines = Vec::new();
    for paragraph in clean.split('\n') {
        let Some(limit) = wrap else {
            lines.push(line(font, paragraph.to_owned()));
            continue;
        };
        let mut current = String::new();
        for word in paragraph.split(' ') {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if measure(font, &candidate) <= limit {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(line(font, std::mem::take(&mut current)));
            }
            for ch in word.chars() {
                current.push(ch);
                if current.chars().count() > 1 && measure(font, &current) > limit {
                    current.pop();
                    lines.push(line(font, std::mem::take(&mut current)));
                    current.push(ch);
                }
            }
        }
        lines.push(line(font, current));
    }
    lines
}

fn line<F: Font>(font: &impl ScaleFont<F>, text: String) -> Line {
    let width = measure(font, &text);
    Line { text, width }
}

fn measure<F: Font>(font: &impl ScaleFont<F>, text: &str) -> f32 {
    let mut width = 0.0;
    let mut previous = None;
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        if let Some(prev) = previous {
            width += font.kern(prev, id);
        }
        width += font.h_advance(id);
        previous = Some(id);
    }
    width
}

fn draw_line<F: Font>(
    canvas: &mut RgbaImage,
    font: &impl ScaleFont<F>,
    line: &Line,
    x: f32,
    baseline: f32,
    color: Rgba<u8>,
) {
    let mut caret = x;
    let mut previous = None;
    for ch in line.text.chars() {
        let id = font.glyph_id(ch);
        if let Some(prev) = previous {
            caret += font.kern(prev, id);
        }
        let glyph: Glyph = id.with_scale_and_position(font.scale(), point(caret, baseline));
        caret += font.h_advance(id);
        previous = Some(id);
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i64 + i64::from(gx);
            let py = bounds.min.y as i64 + i64::from(gy);
            blend_at(canvas, px, py, color, coverage);
        });
    }
}

fn fill(canvas: &mut RgbaImage, (x, y): (f32, f32), (w, h): (f32, f32), color: Rgba<u8>) {
    let (x0, y0) = (x.round() as i64, y.round() as i64);
    let (x1, y1) = ((x + w).round() as i64, (y + h).round() as i64);
    for py in y0..y1.max(y0 + 1) {
        for px in x0..x1 {
            blend_at(canvas, px, py, color, 1.0);
        }
    }
}

fn blend_at(canvas: &mut RgbaImage, x: i64, y: i64, color: Rgba<u8>, coverage: f32) {
    let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
        return;
    };
    if let Some(pixel) = canvas.get_pixel_mut_checked(x, y) {
        let alpha = (f32::from(color[3]) * coverage.clamp(0.0, 1.0)).round() as u8;
        *pixel = source_over(Rgba([color[0], color[1], color[2], alpha]), *pixel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> TextSpec {
        TextSpec {
            text: text.to_owned(),
            size: 40.0,
            bold: false,
            italic: false,
            strikethrough: false,
            color: Rgba([255, 0, 0, 255]),
            background: Rgba([0, 0, 255, 255]),
            padding: [0; 4],
            wrap_width: None,
            align: Align::Center,
            line_height: None,
        }
    }

    fn red_pixels(image: &RgbaImage) -> usize {
        image.pixels().filter(|p| p[0] > 200 && p[2] < 60).count()
    }

    #[test]
    fn text_is_drawn_in_its_colour_on_the_box() {
        let one = render(&spec("Hello")).unwrap_or_else(|e| panic!("{e}"));
        assert!(one.width() > 60 && one.width() < 200, "{:?}", one.dimensions());
        assert!(one.height() >= 40 && one.height() < 60, "{:?}", one.dimensions());
        assert!(red_pixels(&one) > 100, "text colour present");
        assert_eq!(one.get_pixel(0, 0), &Rgba([0, 0, 255, 255]), "box background");
        let bold = render(&TextSpec {
            bold: true,
            ..spec("Hello")
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(red_pixels(&bold) > red_pixels(&one), "bold is heavier");
    }

    #[test]
    fn wrapping_padding_and_line_breaks_shape_the_box() {
        let long = "the quick brown fox jumps over the lazy dog";
        let wrapped = render(&TextSpec {
            wrap_width: Some(150),
            padding: [10, 20, 30, 40],
            ..spec(long)
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(wrapped.width(), 150 + 20 + 40);
        assert!(wrapped.height() > 3 * 40, "several lines: {}", wrapped.height());
        let two = render(&spec("a\nb")).unwrap_or_else(|e| panic!("{e}"));
        let one = render(&spec("a")).unwrap_or_else(|e| panic!("{e}"));
        assert!(two.height() > one.height() + 30);
        // A word longer than the width is broken, not overflowing the box.
        let broken = render(&TextSpec {
            wrap_width: Some(50),
            ..spec("abcdefghijklmnop")
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(broken.width(), 50);
    }

    #[test]
    fn alignment_moves_the_ink() {
        let ink_left = |align| {
            let image = render(&TextSpec {
                wrap_width: Some(400),
                align,
                ..spec("hi")
            })
            .unwrap_or_else(|e| panic!("{e}"));
            image
                .enumerate_pixels()
                .filter(|(_, _, p)| p[0] > 200)
                .map(|(x, _, _)| x)
                .min()
                .unwrap_or(0)
        };
        let (l, c, r) = (
            ink_left(Align::Left),
            ink_left(Align::Center),
            ink_left(Align::Right),
        );
        assert!(l < 10 && c > 150 && c < 250 && r > 330, "{l} {c} {r}");
    }

    #[test]
    fn absurd_sizes_are_errors() {
        for size in [0.0, -3.0, f32::NAN, 1e9] {
            assert!(render(&TextSpec { size, ..spec("x") }).is_err(), "{size}");
        }
        let wide = render(&TextSpec {
            size: 5000.0,
            ..spec(&"W".repeat(200))
        });
        assert!(matches!(wide, Err(RenderError::OutputTooLarge { .. })));
    }
}
