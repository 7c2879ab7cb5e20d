//! The IFD pointer tags ImageKit lists (`ExifOffset`, `GPSInfo` under `image`,
//! `InteropOffset` under `exif`). `kamadak-exif` follows these pointers but does not keep
//! them as fields, so their values are read back from the raw TIFF block here.

/// Offsets (from the TIFF header) of the sub-IFDs, where present.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pointers {
    pub exif: Option<u32>,
    pub gps: Option<u32>,
    pub interop: Option<u32>,
}

const EXIF_IFD: u16 = 0x8769;
const GPS_IFD: u16 = 0x8825;
const INTEROP_IFD: u16 = 0xA005;

/// Reads the pointers from `tiff`, the raw EXIF block starting at its TIFF header.
pub(crate) fn read(tiff: &[u8], little_endian: bool) -> Pointers {
    let reader = Reader { tiff, little_endian };
    let Some(ifd0) = reader.u32_at(4) else {
        return Pointers::default();
    };
    let exif = reader.entry(ifd0, EXIF_IFD);
    Pointers {
        exif,
        gps: reader.entry(ifd0, GPS_IFD),
        interop: exif.and_then(|offset| reader.entry(offset, INTEROP_IFD)),
    }
}

struct Reader<'a> {
    tiff: &'a [u8],
    little_endian: bool,
}

impl Reader<'_> {
    /// The 4-byte value of the entry for `tag` in the IFD at `ifd`.
    fn entry(&self, ifd: u32, tag: u16) -> Option<u32> {
        let ifd = usize::try_from(ifd).ok()?;
        let count = self.u16_at(ifd)?;
        (0..usize::from(count))
            .map(|i| ifd + 2 + 12 * i)
            .find(|&entry| self.u16_at(entry) == Some(tag))
            .and_then(|entry| self.u32_at(entry + 8))
    }

    fn u16_at(&self, pos: usize) -> Option<u16> {
        let raw: [u8; 2] = self.tiff.get(pos..pos.checked_add(2)?)?.try_into().ok()?;
        Some(if self.little_endian {
            u16::from_le_bytes(raw)
        } else {
            u16::from_be_bytes(raw)
        })
    }

    fn u32_at(&self, pos: usize) -> Option<u32> {
        let raw: [u8; 4] = self.tiff.get(pos..pos.checked_add(4)?)?.try_into().ok()?;
        Some(if self.little_endian {
            u32::from_le_bytes(raw)
        } else {
            u32::from_be_bytes(raw)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pointers_and_survives_garbage() {
        // II*\0, IFD0 at 8: two entries (ExifOffset -> 38, GPSInfo -> 60), next IFD 0;
        // Exif IFD at 38: one entry (InteropOffset -> 99).
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend([2, 0]);
        tiff.extend([0x69, 0x87, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 60, 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
        tiff.extend([1, 0]);
        tiff.extend([0x05, 0xA0, 4, 0, 1, 0, 0, 0, 99, 0, 0, 0]);
        let found = read(&tiff, true);
        assert_eq!(
            found,
            Pointers {
                exif: Some(38),
                gps: Some(60),
                interop: Some(99)
            }
        );
        for len in 0..tiff.len() {
            let _ = read(&tiff[..len], true);
        }
        assert_eq!(read(b"MM\0*\xFF\xFF\xFF\xFF", false), Pointers::default());
    }
}
