//! Reads the PNG `pHYs` chunk (physical pixel density), which the `image` crate does not
//! expose. Walks the chunk list up to the first IDAT; a broken list just ends the walk.

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const METRE_UNIT: u8 = 1;

/// Horizontal pixels per metre from `pHYs`, when its unit is the metre.
pub(crate) fn pixels_per_metre(bytes: &[u8]) -> Option<u32> {
    let mut pos = SIGNATURE.len();
    if bytes.get(..pos)? != SIGNATURE {
        return None;
    }
    loop {
        let length = usize::try_from(read_u32(bytes, pos)?).ok()?;
        let kind = bytes.get(pos + 4..pos + 8)?;
        let data = bytes.get(pos + 8..(pos + 8).checked_add(length)?)?;
        match kind {
            b"pHYs" => {
                let x = read_u32(data, 0)?;
                return (*data.get(8)? == METRE_UNIT).then_some(x);
            }
            b"IDAT" | b"IEND" => return None,
            _ => pos = pos + 12 + length,
        }
    }
}

fn read_u32(bytes: &[u8], pos: usize) -> Option<u32> {
    let raw = bytes.get(pos..pos.checked_add(4)?)?;
    Some(u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(data.len()).expect("small").to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]);
        out
    }

    #[test]
    fn reads_phys_before_idat() {
        let mut file = SIGNATURE.to_vec();
        file.extend(chunk(b"IHDR", &[0; 13]));
        file.extend(chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]));
        file.extend(chunk(b"IDAT", &[0; 4]));
        assert_eq!(pixels_per_metre(&file), Some(2835));
        let phys_data_end = 8 + (12 + 13) + 8 + 9;
        for len in 0..phys_data_end {
            assert!(pixels_per_metre(&file[..len]).is_none());
        }
        assert_eq!(pixels_per_metre(&file[..phys_data_end]), Some(2835));
    }

    #[test]
    fn ignores_unitless_phys() {
        let mut file = SIGNATURE.to_vec();
        file.extend(chunk(b"pHYs", &[0, 0, 0, 1, 0, 0, 0, 1, 0]));
        assert_eq!(pixels_per_metre(&file), None);
    }
}
