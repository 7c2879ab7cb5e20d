//! The 64-bit DCT perceptual hash (the pHash.org construction): grey 32x32 thumbnail, 2-D
//! DCT-II, the 8x8 lowest frequencies after the DC row and column, each bit set when its
//! coefficient is above their median. Near-identical images differ in a few bits.

use image::DynamicImage;
use image::imageops::{self, FilterType};

const SIZE: usize = 32;
const BLOCK: usize = 8;
/// Large images are first box-averaged to at most this side, so the Triangle filter of the
/// final step works on a small input.
const PRE_SHRINK: u32 = 256;

/// The perceptual hash of `image`, as 16 lowercase hex digits.
pub(crate) fn phash_hex(image: &DynamicImage) -> String {
    format!("{:016x}", phash(image))
}

/// The perceptual hash of `image`.
pub(crate) fn phash(image: &DynamicImage) -> u64 {
    let pixels = grey_thumbnail(image);
    let coefficients = dct_2d(&pixels);
    let mut block = Vec::with_capacity(BLOCK * BLOCK);
    for row in coefficients.iter().skip(1).take(BLOCK) {
        block.extend(row.iter().skip(1).take(BLOCK).copied());
    }
    let median = median(&block);
    block
        .iter()
        .fold(0u64, |hash, &value| (hash << 1) | u64::from(value > median))
}

/// Number of differing bits between two hashes.
pub fn hamming_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

fn grey_thumbnail(image: &DynamicImage) -> [[f64; SIZE]; SIZE] {
    let small;
    let source = if image.width() > PRE_SHRINK || image.height() > PRE_SHRINK {
        small = image.thumbnail(PRE_SHRINK, PRE_SHRINK);
        &small
    } else {
        image
    };
    let grey = imageops::resize(&source.to_luma8(), SIZE as u32, SIZE as u32, FilterType::Triangle);
    let mut pixels = [[0.0; SIZE]; SIZE];
    for (x, y, pixel) in grey.enumerate_pixels() {
        pixels[y as usize][x as usize] = f64::from(pixel.0[0]);
    }
    pixels
}

/// Unnormalised separable DCT-II; the scale does not matter for a median comparison.
fn dct_2d(pixels: &[[f64; SIZE]; SIZE]) -> [[f64; SIZE]; SIZE] {
    let cosines = cosine_table();
    let mut rows = [[0.0; SIZE]; SIZE];
    for (y, row) in pixels.iter().enumerate() {
        for u in 0..SIZE {
            rows[y][u] = row.iter().zip(&cosines[u]).map(|(p, c)| p * c).sum();
        }
    }
    let mut out = [[0.0; SIZE]; SIZE];
    for v in 0..SIZE {
        for u in 0..SIZE {
            out[v][u] = (0..SIZE).map(|y| rows[y][u] * cosines[v][y]).sum();
        }
    }
    out
}

fn cosine_table() -> [[f64; SIZE]; SIZE] {
    let mut table = [[0.0; SIZE]; SIZE];
    for (u, row) in table.iter_mut().enumerate() {
        for (x, cell) in row.iter_mut().enumerate() {
            let angle = std::f64::consts::PI * ((2 * x + 1) * u) as f64 / (2 * SIZE) as f64;
            *cell = angle.cos();
        }
    }
    table
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 0 => (sorted[mid - 1] + sorted[mid]) / 2.0,
        _ => sorted[mid],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn hex_is_sixteen_digits() {
        let gradient = GrayImage::from_fn(40, 30, |x, y| Luma([(x * 5 + y) as u8]));
        let hex = phash_hex(&DynamicImage::ImageLuma8(gradient));
        assert_eq!(hex.len(), 16);
        assert!(
            hex.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn hamming() {
        assert_eq!(hamming_distance(0b1011, 0b0001), 2);
    }
}
