//! `e-distort`: perspective (the image's four corners moved to four points, on a canvas of the
//! same size) and arc (the image bent along a circle, on a canvas grown to fit). Both map every
//! output pixel back into the source and sample it bilinearly; what maps outside is transparent.

use image::{DynamicImage, Rgba, RgbaImage};
use transform::Distort;

use super::{MAX_OUTPUT_PIXELS, RenderError};

pub fn apply(image: DynamicImage, distort: Distort) -> Result<DynamicImage, RenderError> {
    let source = image.into_rgba8();
    Ok(DynamicImage::ImageRgba8(match distort {
        Distort::Perspective(points) => perspective(&source, points)?,
        Distort::Arc(degrees) => arc(&source, degrees)?,
    }))
}

fn perspective(source: &RgbaImage, points: [i32; 8]) -> Result<RgbaImage, RenderError> {
    let (w, h) = (f64::from(source.width()), f64::from(source.height()));
    let corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let mut targets = [(0.0, 0.0); 4];
    for (i, target) in targets.iter_mut().enumerate() {
        *target = (f64::from(points[2 * i]), f64::from(points[2 * i + 1]));
    }
    // Maps output points back to source points.
    let back = homography(&targets, &corners).ok_or_else(|| {
        RenderError::Unsupported("e-distort-p: the four points do not form a quadrilateral".into())
    })?;
    Ok(RgbaImage::from_fn(source.width(), source.height(), |x, y| {
        let (u, v) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
        let d = back[6] * u + back[7] * v + 1.0;
        if d.abs() < 1e-12 {
            return Rgba([0, 0, 0, 0]);
        }
        let sx = (back[0] * u + back[1] * v + back[2]) / d;
        let sy = (back[3] * u + back[4] * v + back[5]) / d;
        sample(source, sx - 0.5, sy - 0.5)
    }))
}

/// The projective map (8 coefficients, the ninth is 1) taking each `from` point to its `to`
/// point; `None` when the points are degenerate (three on a line).
fn homography(from: &[(f64, f64); 4], to: &[(f64, f64); 4]) -> Option<[f64; 8]> {
    let mut m = [[0.0; 9]; 8];
    for (i, (&(x, y), &(u, v))) in from.iter().zip(to).enumerate() {
        m[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        m[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    // Gauss–Jordan elimination with partial pivoting on the augmented 8×9 system.
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let lead = m[col][col];
        for value in m[col].iter_mut().skip(col) {
            *value /= lead;
        }
        let pivot_row = m[col];
        for (r, row) in m.iter_mut().enumerate() {
            if r != col {
                let factor = row[col];
                for (value, p) in row.iter_mut().zip(pivot_row).skip(col) {
                    *value -= factor * p;
                }
            }
        }
    }
    let mut out = [0.0; 8];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = m[i][8];
    }
    out.iter().all(|c| c.is_finite()).then_some(out)
}

/// Bends the image along an arc of `degrees` (positive: the middle rises, like a rainbow),
/// keeping its width as the arc length at half height and its height as the ring's thickness.
fn arc(source: &RgbaImage, degrees: i32) -> Result<RgbaImage, RenderError> {
    if degrees == 0 {
        return Ok(source.clone());
    }
    let (w, h) = (f64::from(source.width()), f64::from(source.height()));
    let sweep = f64::from(degrees.unsigned_abs()).to_radians();
    let middle = w / sweep;
    let (outer, inner) = (middle + h / 2.0, (middle - h / 2.0).max(0.0));
    // Bounding box of the ring sector around its centre (y grows downwards, the arc above it).
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for step in 0..=360 {
        let angle = -sweep / 2.0 + sweep * f64::from(step) / 360.0;
        for r in [inner, outer] {
            let (x, y) = (r * angle.sin(), -r * angle.cos());
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
    }
    let (out_w, out_h) = ((x1 - x0).ceil().max(1.0), (y1 - y0).ceil().max(1.0));
    if out_w * out_h > MAX_OUTPUT_PIXELS as f64 || out_w > 65_535.0 || out_h > 65_535.0 {
        return Err(RenderError::OutputTooLarge {
            width: out_w.min(f64::from(u32::MAX)) as u32,
            height: out_h.min(f64::from(u32::MAX)) as u32,
        });
    }
    let down = degrees < 0;
    let image = RgbaImage::from_fn(out_w as u32, out_h as u32, |x, y| {
        let px = f64::from(x) + 0.5 + x0;
        let mut py = f64::from(y) + 0.5 + y0;
        if down {
            // The mirror image of an upward arc: the middle sags.
            py = y1 + y0 - py;
        }
        let r = px.hypot(py);
        let angle = px.atan2(-py);
        if angle.abs() > sweep / 2.0 || r < inner || r > outer {
            return Rgba([0, 0, 0, 0]);
        }
        let sx = (angle / sweep + 0.5) * w;
        let sy = if down {
            r - inner - (outer - inner - h)
        } else {
            outer - r
        };
        sample(source, sx - 0.5, sy - 0.5)
    });
    Ok(image)
}

/// Bilinear sample at (x, y) in pixel-centre coordinates; transparent outside the image.
fn sample(source: &RgbaImage, x: f64, y: f64) -> Rgba<u8> {
    let (w, h) = (f64::from(source.width()), f64::from(source.height()));
    if !(x > -1.0 && y > -1.0 && x < w && y < h) {
        return Rgba([0, 0, 0, 0]);
    }
    let (fx, fy) = (x.floor(), y.floor());
    let (tx, ty) = (x - fx, y - fy);
    let at = |ix: f64, iy: f64| -> [f64; 4] {
        if ix < 0.0 || iy < 0.0 || ix >= w || iy >= h {
            return [0.0; 4];
        }
        let p = source.get_pixel(ix as u32, iy as u32).0;
        [f64::from(p[0]), f64::from(p[1]), f64::from(p[2]), f64::from(p[3])]
    };
    let (a, b, c, d) = (
        at(fx, fy),
        at(fx + 1.0, fy),
        at(fx, fy + 1.0),
        at(fx + 1.0, fy + 1.0),
    );
    let mut out = [0u8; 4];
    let alpha = |i: usize| {
        a[i] * (1.0 - tx) * (1.0 - ty) + b[i] * tx * (1.0 - ty) + c[i] * (1.0 - tx) * ty + d[i] * tx * ty
    };
    let total_alpha = alpha(3);
    for (i, slot) in out.iter_mut().enumerate().take(3) {
        // Colours weighted by alpha, so transparent neighbours do not darken the edge.
        let weighted = a[i] * a[3] * (1.0 - tx) * (1.0 - ty)
            + b[i] * b[3] * tx * (1.0 - ty)
            + c[i] * c[3] * (1.0 - tx) * ty
            + d[i] * d[3] * tx * ty;
        *slot = if total_alpha > 0.0 {
            (weighted / total_alpha).round().clamp(0.0, 255.0) as u8
        } else {
            0
        };
    }
    out[3] = total_alpha.round().clamp(0.0, 255.0) as u8;
    Rgba(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn red(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgba8(RgbaImage::from_pixel(w, h, Rgba([255, 0, 0, 255])))
    }

    #[test]
    fn identity_points_keep_the_image() {
        let out = apply(red(40, 30), Distort::Perspective([0, 0, 40, 0, 40, 30, 0, 30]))
            .unwrap()
            .into_rgba8();
        assert_eq!(out.dimensions(), (40, 30));
        assert_eq!(*out.get_pixel(0, 0), Rgba([255, 0, 0, 255]));
        assert_eq!(*out.get_pixel(39, 29), Rgba([255, 0, 0, 255]));
    }

    #[test]
    fn corners_pulled_in_leave_transparent_corners() {
        let out = apply(
            red(100, 100),
            Distort::Perspective([20, 20, 80, 20, 100, 100, 0, 100]),
        )
        .unwrap()
        .into_rgba8();
        assert_eq!(out.get_pixel(2, 2)[3], 0, "top-left corner is outside the quad");
        assert_eq!(out.get_pixel(97, 2)[3], 0);
        assert_eq!(*out.get_pixel(50, 60), Rgba([255, 0, 0, 255]), "inside the quad");
        assert_eq!(*out.get_pixel(50, 98), Rgba([255, 0, 0, 255]), "bottom edge kept");
    }

    #[test]
    fn degenerate_points_are_refused() {
        let collinear = Distort::Perspective([0, 0, 10, 0, 20, 0, 30, 0]);
        assert!(matches!(
            apply(red(10, 10), collinear),
            Err(RenderError::Unsupported(_))
        ));
    }

    #[test]
    fn an_upward_arc_lifts_the_middle() {
        let out = apply(red(200, 40), Distort::Arc(90)).unwrap().into_rgba8();
        let (w, h) = out.dimensions();
        // A 90° arc of radius ~127 at mid height: the chord is ~208 px wide, the sag ~37 px deep.
        assert!((200..=215).contains(&w) && h > 60, "bent: {w}x{h}");
        // Middle column: the band starts at the top; at the sides the top is empty.
        assert_eq!(out.get_pixel(w / 2, 1)[3], 255);
        assert_eq!(out.get_pixel(1, 1)[3], 0);
        let down = apply(red(200, 40), Distort::Arc(-90)).unwrap().into_rgba8();
        assert_eq!(down.dimensions(), (w, h));
        assert_eq!(
            down.get_pixel(w / 2, h - 2)[3],
            255,
            "a downward arc sags in the middle"
        );
        assert_eq!(down.get_pixel(1, h - 2)[3], 0);
    }

    #[test]
    fn a_full_circle_fits_the_limits() {
        let out = apply(red(300, 20), Distort::Arc(360)).unwrap().into_rgba8();
        let (w, h) = out.dimensions();
        assert!((w as i64 - h as i64).abs() <= 2, "a ring is square: {w}x{h}");
    }
}
