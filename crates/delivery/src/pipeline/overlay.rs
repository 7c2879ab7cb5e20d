//! Compositing prepared overlay layers onto the image of a step. A layer arrives already
//! rendered and clipped to the base (see [`OverlaySpec::clipped`]), so what the pipeline
//! holds per layer is never larger than the base, however large or far off the layer was.

use image::{DynamicImage, Rgba, RgbaImage};

/// How a layer's pixels combine with the pixels under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Blend {
    /// Source-over: the layer covers the base where it is opaque.
    #[default]
    Normal,
    /// The layer's colour multiplies the base's (darkens), weighted by the layer's alpha.
    Multiply,
    /// A hole punch: the base turns transparent where the layer is opaque.
    Cutout,
    /// A cookie cutter: the base is cut to the layer's rectangle and keeps only what lies
    /// under the layer's opaque pixels.
    Cutter,
}

/// A rendered layer and where its top-left corner sits on the base (inside the base).
#[derive(Debug, Clone, PartialEq)]
pub struct OverlaySpec {
    pub image: RgbaImage,
    pub x: u32,
    pub y: u32,
    pub blend: Blend,
}

/// Furthest a layer may be placed from the base, so position arithmetic never overflows.
const MAX_OFFSET: f64 = 1_000_000_000.0;

impl OverlaySpec {
    /// The part of `image`, placed with its top-left at (`x`, `y`), that falls on a
    /// `base_w`×`base_h` base; `None` when nothing of it does.
    pub fn clipped(image: &RgbaImage, x: f64, y: f64, base: (u32, u32), blend: Blend) -> Option<OverlaySpec> {
        let clamp = |v: f64| {
            if v.is_finite() {
                v.clamp(-MAX_OFFSET, MAX_OFFSET).round() as i64
            } else {
                0
            }
        };
        let (x, y) = (clamp(x), clamp(y));
        let (w, h) = (i64::from(image.width()), i64::from(image.height()));
        let (left, top) = (x.max(0), y.max(0));
        let right = (x + w).min(i64::from(base.0));
        let bottom = (y + h).min(i64::from(base.1));
        if right <= left || bottom <= top {
            return None;
        }
        let crop = |v: i64| u32::try_from(v).ok();
        let (cx, cy) = (crop(left - x)?, crop(top - y)?);
        let (cw, ch) = (crop(right - left)?, crop(bottom - top)?);
        let part = image::imageops::crop_imm(image, cx, cy, cw, ch).to_image();
        Some(OverlaySpec {
            image: part,
            x: crop(left)?,
            y: crop(top)?,
            blend,
        })
    }
}

/// Paints `overlays` in order onto `base`. An opaque base stays opaque (and keeps a format
/// without alpha) unless a layer cuts it, so JPEG sources do not turn into RGBA images.
pub fn composite(base: DynamicImage, overlays: &[OverlaySpec]) -> DynamicImage {
    if overlays.is_empty() {
        return base;
    }
    let cuts = overlays
        .iter()
        .any(|o| matches!(o.blend, Blend::Cutout | Blend::Cutter));
    let keep_alpha = base.color().has_alpha() || cuts;
    let mut canvas = base.into_rgba8();
    // Where the canvas's top-left lies on the base the layers were placed on (a cutter crops).
    let mut origin = (0, 0);
    for overlay in overlays {
        if overlay.blend == Blend::Cutter {
            canvas = cut(&canvas, overlay, origin);
            origin = (overlay.x, overlay.y);
        } else {
            paint(&mut canvas, overlay, origin);
        }
    }
    if keep_alpha {
        DynamicImage::ImageRgba8(canvas)
    } else {
        DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(canvas).into_rgb8())
    }
}

fn paint(canvas: &mut RgbaImage, overlay: &OverlaySpec, origin: (u32, u32)) {
    for (x, y, src) in overlay.image.enumerate_pixels() {
        let cx = (overlay.x.saturating_add(x)).checked_sub(origin.0);
        let cy = (overlay.y.saturating_add(y)).checked_sub(origin.1);
        let Some(dst) = cx
            .zip(cy)
            .and_then(|(cx, cy)| canvas.get_pixel_mut_checked(cx, cy))
        else {
            continue;
        };
        *dst = match overlay.blend {
            Blend::Normal => source_over(*src, *dst),
            Blend::Multiply => multiply(*src, *dst),
            Blend::Cutout => Rgba([dst[0], dst[1], dst[2], scale(dst[3], 255 - src[3])]),
            Blend::Cutter => *dst,
        };
    }
}

/// The canvas cut to the layer's rectangle, its alpha masked by the layer's.
fn cut(canvas: &RgbaImage, overlay: &OverlaySpec, origin: (u32, u32)) -> RgbaImage {
    let (w, h) = overlay.image.dimensions();
    RgbaImage::from_fn(w, h, |x, y| {
        let cx = (overlay.x.saturating_add(x)).checked_sub(origin.0);
        let cy = (overlay.y.saturating_add(y)).checked_sub(origin.1);
        let under = cx.zip(cy).and_then(|(cx, cy)| canvas.get_pixel_checked(cx, cy));
        match under {
            Some(p) => {
                let mask = overlay.image.get_pixel_checked(x, y).map_or(0, |m| m[3]);
                Rgba([p[0], p[1], p[2], scale(p[3], mask)])
            }
            None => Rgba([0, 0, 0, 0]),
        }
    })
}

fn scale(a: u8, b: u8) -> u8 {
    ((u16::from(a) * u16::from(b) + 127) / 255) as u8
}

/// Porter-Duff source-over with straight (not premultiplied) alpha.
pub fn source_over(src: Rgba<u8>, dst: Rgba<u8>) -> Rgba<u8> {
    let sa = f32::from(src[3]) / 255.0;
    if sa <= 0.0 {
        return dst;
    }
    let da = f32::from(dst[3]) / 255.0;
    let out_a = sa + da * (1.0 - sa);
    let channel = |i: usize| {
        let c = (f32::from(src[i]) * sa + f32::from(dst[i]) * da * (1.0 - sa)) / out_a;
        c.round().clamp(0.0, 255.0) as u8
    };
    Rgba([channel(0), channel(1), channel(2), (out_a * 255.0).round() as u8])
}

/// Multiply blend: where the layer is opaque the result is base × layer; its alpha weighs
/// that against the base. The base's alpha is kept.
fn multiply(src: Rgba<u8>, dst: Rgba<u8>) -> Rgba<u8> {
    let sa = f32::from(src[3]) / 255.0;
    let channel = |i: usize| {
        let (s, d) = (f32::from(src[i]), f32::from(dst[i]));
        let product = s * d / 255.0;
        (d + (product - d) * sa).round().clamp(0.0, 255.0) as u8
    };
    Rgba([channel(0), channel(1), channel(2), dst[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_over_blends_straight_alpha() {
        let red = Rgba([255, 0, 0, 255]);
        let half_blue = Rgba([0, 0, 255, 128]);
        assert_eq!(source_over(red, Rgba([0, 0, 0, 255])), red);
        let mixed = source_over(half_blue, Rgba([255, 255, 255, 255]));
        assert_eq!(mixed[3], 255);
        assert!((126..=128).contains(&mixed[0]) && mixed[2] == 255, "{mixed:?}");
        assert_eq!(source_over(Rgba([9, 9, 9, 0]), red), red);
        // Onto a transparent base the layer's own colour shows, with its own alpha.
        assert_eq!(source_over(half_blue, Rgba([0, 0, 0, 0])), half_blue);
    }

    #[test]
    fn clipping_keeps_only_what_lands_on_the_base() {
        let layer = RgbaImage::from_pixel(50, 40, Rgba([1, 2, 3, 255]));
        let inside = OverlaySpec::clipped(&layer, 10.0, 20.0, (100, 100), Blend::Normal);
        assert_eq!(
            inside.map(|o| (o.x, o.y, o.image.dimensions())),
            Some((10, 20, (50, 40)))
        );
        let off_left = OverlaySpec::clipped(&layer, -30.0, -10.0, (100, 100), Blend::Normal);
        assert_eq!(
            off_left.map(|o| (o.x, o.y, o.image.dimensions())),
            Some((0, 0, (20, 30)))
        );
        let off_right = OverlaySpec::clipped(&layer, 80.0, 90.0, (100, 100), Blend::Normal);
        assert_eq!(
            off_right.map(|o| (o.x, o.y, o.image.dimensions())),
            Some((80, 90, (20, 10)))
        );
        for (x, y) in [
            (100.0, 0.0),
            (-50.0, 0.0),
            (f64::MAX, f64::MIN),
            (f64::NAN, 1e300),
        ] {
            let gone = OverlaySpec::clipped(&layer, x, y, (100, 100), Blend::Normal);
            assert!(gone.is_none(), "({x}, {y})");
        }
    }
}
