//! `rt-<degrees>` by any angle: multiples of 90 are exact pixel moves (`ops::rotate`); other
//! angles rotate about the centre onto a canvas grown to hold the whole image, sampling
//! bilinearly in premultiplied alpha (so edges against a transparent fill have no dark
//! fringe), with `fill` in the uncovered corners.

use image::{DynamicImage, GenericImageView, Rgba, RgbaImage};

use super::geometry::Op;
use super::{RenderError, check_size, ops};

/// Clockwise rotation by `degrees` (negative: counter-clockwise); `fill` of `None` leaves
/// the corners transparent.
pub fn rotate(
    image: DynamicImage,
    degrees: i32,
    fill: Option<Rgba<u8>>,
) -> Result<DynamicImage, RenderError> {
    let degrees = degrees.rem_euclid(360);
    if degrees % 90 == 0 {
        return ops::rotate(image, degrees);
    }
    let (w, h) = image.dimensions();
    let (sin, cos) = f64::from(degrees).to_radians().sin_cos();
    let side = |a: u32, b: u32| {
        // A hair below the exact bound so a float error does not add a whole pixel.
        (f64::from(a) * cos.abs() + f64::from(b) * sin.abs() - 1e-6)
            .ceil()
            .max(1.0) as u32
    };
    let (out_w, out_h) = (side(w, h), side(h, w));
    check_size(Op::Pad {
        x: 0,
        y: 0,
        width: out_w,
        height: out_h,
    })?;
    let source = image.into_rgba8();
    let fill = fill.unwrap_or(Rgba([0, 0, 0, 0]));
    let (half_out_w, half_out_h) = (f64::from(out_w) / 2.0, f64::from(out_h) / 2.0);
    let (half_w, half_h) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    let out = RgbaImage::from_fn(out_w, out_h, |ox, oy| {
        let (dx, dy) = (f64::from(ox) + 0.5 - half_out_w, f64::from(oy) + 0.5 - half_out_h);
        // The inverse of the clockwise rotation (y points down).
        let sx = dx * cos + dy * sin + half_w - 0.5;
        let sy = -dx * sin + dy * cos + half_h - 0.5;
        bilinear(&source, sx, sy, fill)
    });
    Ok(DynamicImage::ImageRgba8(out))
}

/// The colour at (`x`, `y`) in pixel-centre coordinates; outside the image is `fill`.
fn bilinear(image: &RgbaImage, x: f64, y: f64, fill: Rgba<u8>) -> Rgba<u8> {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |px: f64, py: f64| -> [f64; 4] {
        let inside =
            px >= 0.0 && py >= 0.0 && px < f64::from(image.width()) && py < f64::from(image.height());
        let p = if inside {
            *image.get_pixel(px as u32, py as u32)
        } else {
            fill
        };
        let a = f64::from(p[3]) / 255.0;
        [
            f64::from(p[0]) * a,
            f64::from(p[1]) * a,
            f64::from(p[2]) * a,
            f64::from(p[3]),
        ]
    };
    let weights = [
        ((x0, y0), (1.0 - fx) * (1.0 - fy)),
        ((x0 + 1.0, y0), fx * (1.0 - fy)),
        ((x0, y0 + 1.0), (1.0 - fx) * fy),
        ((x0 + 1.0, y0 + 1.0), fx * fy),
    ];
    let mut sum = [0.0f64; 4];
    for ((px, py), weight) in weights {
        if weight > 0.0 {
            let c = at(px, py);
            for (s, v) in sum.iter_mut().zip(c) {
                *s += v * weight;
            }
        }
    }
    let alpha = sum[3];
    if alpha < 0.5 {
        return Rgba([0, 0, 0, 0]);
    }
    let straight = |v: f64| (v * 255.0 / alpha).round().clamp(0.0, 255.0) as u8;
    Rgba([
        straight(sum[0]),
        straight(sum[1]),
        straight(sum[2]),
        alpha.round().clamp(0.0, 255.0) as u8,
    ])
}
