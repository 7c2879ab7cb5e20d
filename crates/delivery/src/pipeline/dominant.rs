//! The dominant colours of an image (`bg-dominant`, `bg-gradient_dominant`, `cr` without a
//! source colour). Method: read at most about 4096 pixels on an even grid (exact colours,
//! no resampling blend), count them in a histogram of 16 levels per channel, and answer each
//! populous bin's mean colour, most populous first. Bins whose mean is close to a colour
//! already picked are skipped, so a gradient of two colours does not get two shades of one.
//! Pixels under half opacity do not count.

use image::{DynamicImage, GenericImageView, Rgba};

/// Samples read at most (about 64×64).
const SAMPLES: u64 = 4096;
/// Two picked colours differ by more than this in some channel.
const MIN_DISTANCE: u8 = 48;

/// The `n` most common distinct colours, most common first, opaque. When the image has fewer
/// distinct colours the last is repeated; a fully transparent image answers black.
pub fn colors(image: &DynamicImage, n: usize) -> Vec<Rgba<u8>> {
    let bins = histogram(image);
    let mut order: Vec<usize> = (0..bins.len()).filter(|&i| bins[i].0 > 0).collect();
    order.sort_by(|&a, &b| bins[b].0.cmp(&bins[a].0).then(a.cmp(&b)));
    let mut picked: Vec<Rgba<u8>> = Vec::with_capacity(n);
    for i in order {
        let (count, sums) = bins[i];
        let mean = |s: u64| (s / count) as u8;
        let colour = Rgba([mean(sums[0]), mean(sums[1]), mean(sums[2]), 255]);
        let distinct = picked
            .iter()
            .all(|p| (0..3).any(|c| p[c].abs_diff(colour[c]) > MIN_DISTANCE));
        if distinct {
            picked.push(colour);
        }
        if picked.len() == n {
            return picked;
        }
    }
    let last = picked.last().copied().unwrap_or(Rgba([0, 0, 0, 255]));
    picked.resize(n.max(1), last);
    picked
}

/// The most common colour.
pub fn color(image: &DynamicImage) -> Rgba<u8> {
    colors(image, 1).first().copied().unwrap_or(Rgba([0, 0, 0, 255]))
}

/// Count and channel sums per bin (4 bits per channel).
fn histogram(image: &DynamicImage) -> Vec<(u64, [u64; 3])> {
    let (w, h) = image.dimensions();
    let pixels = u64::from(w) * u64::from(h);
    let stride = ((pixels as f64 / SAMPLES as f64).sqrt().floor() as u32).max(1);
    let mut bins = vec![(0u64, [0u64; 3]); 16 * 16 * 16];
    for y in (stride / 2..h).step_by(stride as usize) {
        for x in (stride / 2..w).step_by(stride as usize) {
            let p = image.get_pixel(x, y);
            if p[3] < 128 {
                continue;
            }
            let bin = (usize::from(p[0] >> 4) << 8) | (usize::from(p[1] >> 4) << 4) | usize::from(p[2] >> 4);
            let (count, sums) = &mut bins[bin];
            *count += 1;
            for (s, v) in sums.iter_mut().zip([p[0], p[1], p[2]]) {
                *s += u64::from(v);
            }
        }
    }
    bins
}
