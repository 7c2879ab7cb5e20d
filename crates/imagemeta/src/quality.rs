//! Estimates a JPEG's encoder quality (1-100) from its quantization tables by inverting the
//! libjpeg/IJG scaling of the Annex K tables. Exact for IJG-family encoders (libjpeg,
//! mozjpeg's default tables aside, the `image` crate, most cameras' "quality" settings map
//! close to it); an approximation for custom tables.

use crate::jpeg_segments::QuantTable;

/// Annex K.1 luminance table, natural (row-major) order.
#[rustfmt::skip]
const STD_LUMA: [u16; 64] = [
    16, 11, 10, 16,  24,  40,  51,  61,
    12, 12, 14, 19,  26,  58,  60,  55,
    14, 13, 16, 24,  40,  57,  69,  56,
    14, 17, 22, 29,  51,  87,  80,  62,
    18, 22, 37, 56,  68, 109, 103,  77,
    24, 35, 55, 64,  81, 104, 113,  92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103,  99,
];

/// Annex K.2 chrominance table, natural order.
#[rustfmt::skip]
const STD_CHROMA: [u16; 64] = [
    17, 18, 24, 47, 99, 99, 99, 99,
    18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
];

/// Natural-order index of each zig-zag position (the order DQT stores values in).
#[rustfmt::skip]
const ZIGZAG: [usize; 64] = [
     0,  1,  8, 16,  9,  2,  3, 10, 17, 24, 32, 25, 18, 11,  4,  5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13,  6,  7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// The estimated quality, from the luminance table (id 0) or else the chrominance one.
pub(crate) fn estimate(tables: &[QuantTable]) -> Option<u8> {
    let (table, reference) = match tables.iter().find(|t| t.id == 0) {
        Some(luma) => (luma, &STD_LUMA),
        None => (tables.iter().find(|t| t.id == 1)?, &STD_CHROMA),
    };
    Some(quality_from_scale(mean_scale(table, reference)))
}

/// The mean IJG scale factor in percent (100 = the Annex K table itself), skipping entries
/// clamped at 1 or at the 8-bit maximum, which carry no scale information.
fn mean_scale(table: &QuantTable, reference: &[u16; 64]) -> f64 {
    let ratios: Vec<f64> = table
        .values
        .iter()
        .zip(ZIGZAG)
        .filter(|&(&q, _)| q > 1 && q < 255)
        .map(|(&q, natural)| f64::from(q) * 100.0 / f64::from(reference[natural]))
        .collect();
    if ratios.is_empty() {
        // Every entry clamped: all 1 is the finest table, all >= 255 the coarsest.
        return if table.values.iter().all(|&q| q <= 1) {
            0.0
        } else {
            5000.0
        };
    }
    ratios.iter().sum::<f64>() / ratios.len() as f64
}

/// Inverts IJG's `scale = q < 50 ? 5000 / q : 200 - 2q`.
fn quality_from_scale(scale: f64) -> u8 {
    let quality = if scale <= 100.0 {
        (200.0 - scale) / 2.0
    } else {
        5000.0 / scale
    };
    quality.round().clamp(1.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table IJG writes at `quality`, in zig-zag order.
    fn ijg_table(id: u8, reference: &[u16; 64], quality: u32) -> QuantTable {
        let scale = if quality < 50 {
            5000 / quality
        } else {
            200 - quality * 2
        };
        let mut values = [0u16; 64];
        for (k, natural) in ZIGZAG.iter().enumerate() {
            let scaled = (u32::from(reference[*natural]) * scale + 50) / 100;
            values[k] = scaled.clamp(1, 255) as u16;
        }
        QuantTable { id, values }
    }

    #[test]
    fn recovers_ijg_qualities() {
        for quality in [5u32, 10, 25, 50, 60, 75, 85, 90, 95, 98, 100] {
            let tables = [
                ijg_table(0, &STD_LUMA, quality),
                ijg_table(1, &STD_CHROMA, quality),
            ];
            let estimate = u32::from(estimate(&tables).expect("a table"));
            assert!(
                estimate.abs_diff(quality) <= 1,
                "quality {quality} estimated as {estimate}"
            );
        }
    }

    #[test]
    fn chroma_only_and_none() {
        assert_eq!(estimate(&[ijg_table(1, &STD_CHROMA, 80)]), Some(80));
        assert_eq!(estimate(&[]), None);
    }
}
