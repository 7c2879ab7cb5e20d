//! Attention-based focus for `fo-auto` (and, until a face model exists, `fo-face`): on a
//! small copy of the image, score each pixel by edge strength, saturation and skin-like
//! hue, then slide the crop window over a summed-area table and keep the best spot. The
//! answer is a gravity (0..1 on each axis) for `geometry::Anchor::Gravity`.

use image::{DynamicImage, GenericImageView, imageops::FilterType};

const WORK_WIDTH: u32 = 96;

/// Gravity for a window `crop_w`×`crop_h` (in the image's own pixels) inside `image`.
pub fn gravity(image: &DynamicImage, crop_w: u32, crop_h: u32) -> (f64, f64) {
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 || (crop_w >= w && crop_h >= h) {
        return (0.5, 0.5);
    }
    let scale = f64::from(WORK_WIDTH.min(w)) / f64::from(w);
    let (sw, sh) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    let small = image.resize_exact(sw, sh, FilterType::Triangle).to_rgb8();
    let score = saliency(&small);
    let (ww, wh) = (
        ((f64::from(crop_w) * scale).round() as u32).clamp(1, sw),
        ((f64::from(crop_h) * scale).round() as u32).clamp(1, sh),
    );
    let sat = summed(&score, sw, sh);
    let mut best = (f64::MIN, 0u32, 0u32);
    for y in 0..=(sh - wh) {
        for x in 0..=(sw - ww) {
            let total = window(&sat, sw, x, y, ww, wh);
            if total > best.0 {
                best = (total, x, y);
            }
        }
    }
    let gx = if sw > ww {
        f64::from(best.1) / f64::from(sw - ww)
    } else {
        0.5
    };
    let gy = if sh > wh {
        f64::from(best.2) / f64::from(sh - wh)
    } else {
        0.5
    };
    (gx, gy)
}

fn saliency(img: &image::RgbImage) -> Vec<f64> {
    let (w, h) = img.dimensions();
    let luma = |x: u32, y: u32| {
        let p = img.get_pixel(x.min(w - 1), y.min(h - 1));
        0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
    };
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let gx = luma(x + 1, y) - luma(x.saturating_sub(1), y);
            let gy = luma(x, y + 1) - luma(x, y.saturating_sub(1));
            let p = img.get_pixel(x, y);
            let (r, g, b) = (f64::from(p[0]), f64::from(p[1]), f64::from(p[2]));
            let max = r.max(g).max(b);
            let min = r.min(g).min(b);
            let saturation = if max > 0.0 { (max - min) / max } else { 0.0 };
            let skin = r > 95.0 && g > 40.0 && b > 20.0 && r > g && r > b && (r - g) > 15.0;
            out.push((gx * gx + gy * gy).sqrt() + 60.0 * saturation + if skin { 40.0 } else { 0.0 });
        }
    }
    out
}

/// Summed-area table with a zero row and column in front.
fn summed(score: &[f64], w: u32, h: u32) -> Vec<f64> {
    let (w, h) = (w as usize, h as usize);
    let mut sat = vec![0.0; (w + 1) * (h + 1)];
    for y in 0..h {
        for x in 0..w {
            sat[(y + 1) * (w + 1) + x + 1] =
                score[y * w + x] + sat[y * (w + 1) + x + 1] + sat[(y + 1) * (w + 1) + x]
                    - sat[y * (w + 1) + x];
        }
    }
    sat
}

fn window(sat: &[f64], w: u32, x: u32, y: u32, ww: u32, wh: u32) -> f64 {
    let stride = w as usize + 1;
    let (x0, y0, x1, y1) = (x as usize, y as usize, (x + ww) as usize, (y + wh) as usize);
    sat[y1 * stride + x1] - sat[y0 * stride + x1] - sat[y1 * stride + x0] + sat[y0 * stride + x0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_busy_corner() {
        // Flat grey with a colourful, edgy patch in the bottom-right.
        let img = image::RgbImage::from_fn(400, 200, |x, y| {
            if x > 300 && y > 100 {
                if (x + y) % 8 < 4 {
                    image::Rgb([250, 30, 30])
                } else {
                    image::Rgb([20, 200, 40])
                }
            } else {
                image::Rgb([128, 128, 128])
            }
        });
        let (gx, gy) = gravity(&DynamicImage::ImageRgb8(img), 100, 100);
        assert!(gx > 0.9 && gy > 0.9, "gravity ({gx}, {gy})");
    }
}
