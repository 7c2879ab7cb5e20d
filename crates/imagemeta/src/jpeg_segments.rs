//! Walks a JPEG's marker segments up to the first scan and keeps what the `image` crate
//! does not expose: the JFIF density, the quantization tables (for the quality estimate) and
//! the APP13 Photoshop blocks (for IPTC). Bounds-checked; a broken file just ends the walk.

/// A quantization table in the zig-zag order of the DQT segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuantTable {
    pub id: u8,
    pub values: [u16; 64],
}

/// The JFIF APP0 density: `units` 0 = aspect ratio only, 1 = dots per inch, 2 = per cm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JfifDensity {
    pub units: u8,
    pub x: u16,
}

/// What the header segments hold.
#[derive(Debug, Default)]
pub(crate) struct JpegSegments<'a> {
    pub jfif: Option<JfifDensity>,
    pub quant_tables: Vec<QuantTable>,
    /// Payloads of `Photoshop 3.0` APP13 segments, after that identifier.
    pub photoshop: Vec<&'a [u8]>,
}

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const DQT: u8 = 0xDB;
const APP0: u8 = 0xE0;
const APP13: u8 = 0xED;
const PHOTOSHOP_ID: &[u8] = b"Photoshop 3.0\0";

/// Scans the segments before the first SOS of a JPEG file.
pub(crate) fn scan(bytes: &[u8]) -> JpegSegments<'_> {
    let mut found = JpegSegments::default();
    if bytes.get(..2) != Some(&[0xFF, SOI]) {
        return found;
    }
    let mut pos = 2;
    while let Some((marker, payload, next)) = next_segment(bytes, pos) {
        match marker {
            SOS | EOI => break,
            DQT => found.quant_tables.extend(parse_dqt(payload)),
            APP0 => found.jfif = found.jfif.or_else(|| parse_jfif(payload)),
            APP13 => {
                if let Some(rest) = payload.strip_prefix(PHOTOSHOP_ID) {
                    found.photoshop.push(rest);
                }
            }
            _ => {}
        }
        pos = next;
    }
    found
}

/// The marker at `pos`, its payload (or an empty one for stand-alone markers), and the
/// offset of what follows.
fn next_segment(bytes: &[u8], mut pos: usize) -> Option<(u8, &[u8], usize)> {
    if *bytes.get(pos)? != 0xFF {
        return None;
    }
    while *bytes.get(pos)? == 0xFF {
        pos += 1;
    }
    let marker = *bytes.get(pos)?;
    pos += 1;
    if marker == 0x01 || (0xD0..=0xD9).contains(&marker) {
        return Some((marker, &[], pos));
    }
    let length = usize::from(u16::from_be_bytes([*bytes.get(pos)?, *bytes.get(pos + 1)?]));
    let payload = bytes.get(pos + 2..pos.checked_add(length)?)?;
    Some((marker, payload, pos + length))
}

fn parse_dqt(mut payload: &[u8]) -> Vec<QuantTable> {
    let mut tables = Vec::new();
    while let Some((&spec, rest)) = payload.split_first() {
        let wide = spec >> 4 != 0;
        let size = if wide { 128 } else { 64 };
        let Some(data) = rest.get(..size) else { break };
        let mut values = [0u16; 64];
        for (i, value) in values.iter_mut().enumerate() {
            *value = if wide {
                u16::from_be_bytes([data[2 * i], data[2 * i + 1]])
            } else {
                u16::from(data[i])
            };
        }
        tables.push(QuantTable {
            id: spec & 0x0F,
            values,
        });
        payload = &rest[size..];
    }
    tables
}

fn parse_jfif(payload: &[u8]) -> Option<JfifDensity> {
    let rest = payload.strip_prefix(b"JFIF\0")?;
    // version (2 bytes), units, x density, y density
    let units = *rest.get(2)?;
    let x = u16::from_be_bytes([*rest.get(3)?, *rest.get(4)?]);
    Some(JfifDensity { units, x })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let length = u16::try_from(payload.len() + 2).expect("small segment");
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn finds_jfif_tables_and_photoshop() {
        let mut file = vec![0xFF, SOI];
        file.extend(segment(APP0, b"JFIF\0\x01\x01\x01\x01\x2c\x01\x2c\0\0"));
        let mut dqt = vec![0x00];
        dqt.extend(1..=64u8);
        dqt.push(0x11);
        dqt.extend((1..=64u16).flat_map(|v| (v * 300).to_be_bytes()));
        file.extend(segment(DQT, &dqt));
        file.extend(segment(APP13, b"Photoshop 3.0\08BIM"));
        file.extend(segment(SOS, &[0; 10]));
        file.extend(segment(DQT, &[0; 65]));
        let found = scan(&file);
        assert_eq!(found.jfif, Some(JfifDensity { units: 1, x: 300 }));
        assert_eq!(found.quant_tables.len(), 2);
        assert_eq!(found.quant_tables[0].values[63], 64);
        assert_eq!(found.quant_tables[1].id, 1);
        assert_eq!(found.quant_tables[1].values[0], 300);
        assert_eq!(found.photoshop, vec![&b"8BIM"[..]]);
    }

    #[test]
    fn tolerates_garbage_and_truncation() {
        for len in 0..40 {
            let mut file = vec![0xFF, SOI, 0xFF, DQT, 0x00, 0x43, 0x00];
            file.extend(std::iter::repeat_n(7u8, 64));
            file.truncate(len);
            let found = scan(&file);
            assert!(found.quant_tables.len() <= 1);
        }
        assert!(scan(b"\xFF\xD8\xFF\xE0\xFF\xFF").quant_tables.is_empty());
    }
}
