//! `t`: cuts away a border of one colour — the top-left pixel's, within a threshold — so a
//! picture on a flat margin keeps only the picture. Overlay layers use it too: ImageKit
//! trims them by default.

use image::{DynamicImage, GenericImageView, Rgba};

/// `t-true`: the largest difference (0–255, per channel) still counted as border.
pub const DEFAULT_THRESHOLD: u8 = 10;

/// The image without its uniform border; an image that is all border is returned as is.
pub(crate) fn trim(image: DynamicImage, threshold: u8) -> DynamicImage {
    match content_bounds(&image, threshold) {
        Some((x, y, w, h)) if (w, h) != image.dimensions() => image.crop_imm(x, y, w, h),
        _ => image,
    }
}

/// `(x, y, width, height)` of the part that differs from the border colour, or `None` when
/// nothing does.
fn content_bounds(image: &DynamicImage, threshold: u8) -> Option<(u32, u32, u32, u32)> {
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 {
        return None;
    }
    let border = key(image.get_pixel(0, 0));
    let differs = |x: u32, y: u32| {
        let p = key(image.get_pixel(x, y));
        p.iter()
            .zip(border)
            .any(|(a, b)| a.abs_diff(b) > u16::from(threshold))
    };
    let row_differs = |y: u32| (0..w).any(|x| differs(x, y));
    let top = (0..h).find(|&y| row_differs(y))?;
    let bottom = (top..h).rev().find(|&y| row_differs(y)).unwrap_or(top);
    let column_differs = |x: u32| (top..=bottom).any(|y| differs(x, y));
    let left = (0..w).find(|&x| column_differs(x)).unwrap_or(0);
    let right = (left..w).rev().find(|&x| column_differs(x)).unwrap_or(left);
    Some((left, top, right - left + 1, bottom - top + 1))
}

/// Premultiplied channels plus alpha: every fully transparent pixel compares equal, whatever
/// colour it stores.
fn key(p: Rgba<u8>) -> [u16; 4] {
    let a = u16::from(p[3]);
    let c = |v: u8| (u16::from(v) * a + 127) / 255;
    [c(p[0]), c(p[1]), c(p[2]), a]
}
