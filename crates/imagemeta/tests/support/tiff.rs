//! Builds an EXIF block (a little- or big-endian TIFF structure) with IFD0, an optional IFD1
//! and optional Exif, GPS and Interoperability sub-IFDs, pointers filled in.

/// A field value in one of the TIFF types.
#[derive(Debug, Clone)]
pub enum Val {
    Ascii(&'static str),
    Byte(Vec<u8>),
    Short(Vec<u16>),
    Long(Vec<u32>),
    Rational(Vec<(u32, u32)>),
    SRational(Vec<(i32, i32)>),
    Undefined(Vec<u8>),
}

impl Val {
    fn type_and_count(&self) -> (u16, u32) {
        let count = |n: usize| u32::try_from(n).expect("count");
        match self {
            Val::Ascii(s) => (2, count(s.len() + 1)),
            Val::Byte(v) => (1, count(v.len())),
            Val::Short(v) => (3, count(v.len())),
            Val::Long(v) => (4, count(v.len())),
            Val::Rational(v) => (5, count(v.len())),
            Val::SRational(v) => (10, count(v.len())),
            Val::Undefined(v) => (7, count(v.len())),
        }
    }

    fn bytes(&self, le: bool) -> Vec<u8> {
        let u16b = |n: u16| if le { n.to_le_bytes() } else { n.to_be_bytes() };
        let u32b = |n: u32| if le { n.to_le_bytes() } else { n.to_be_bytes() };
        let i32b = |n: i32| if le { n.to_le_bytes() } else { n.to_be_bytes() };
        match self {
            Val::Ascii(s) => s.bytes().chain([0]).collect(),
            Val::Byte(v) | Val::Undefined(v) => v.clone(),
            Val::Short(v) => v.iter().flat_map(|&n| u16b(n)).collect(),
            Val::Long(v) => v.iter().flat_map(|&n| u32b(n)).collect(),
            Val::Rational(v) => v
                .iter()
                .flat_map(|&(a, b)| u32b(a).into_iter().chain(u32b(b)))
                .collect(),
            Val::SRational(v) => v
                .iter()
                .flat_map(|&(a, b)| i32b(a).into_iter().chain(i32b(b)))
                .collect(),
        }
    }
}

pub type Ifd = Vec<(u16, Val)>;

/// The IFDs of an EXIF block.
#[derive(Debug, Clone, Default)]
pub struct ExifBlock {
    pub big_endian: bool,
    pub ifd0: Ifd,
    pub ifd1: Option<Ifd>,
    pub exif: Option<Ifd>,
    pub gps: Option<Ifd>,
    pub interop: Option<Ifd>,
}

const EXIF_POINTER: u16 = 0x8769;
const GPS_POINTER: u16 = 0x8825;
const INTEROP_POINTER: u16 = 0xA005;

impl ExifBlock {
    /// The TIFF bytes (what follows `Exif\0\0` in APP1, or the PNG eXIf chunk).
    pub fn build(&self) -> Vec<u8> {
        let le = !self.big_endian;
        // Pointer fields get placeholders so every IFD's size is known before layout.
        let mut ifd0 = self.ifd0.clone();
        let mut exif = self.exif.clone();
        if self.exif.is_some() || self.interop.is_some() {
            ifd0.push((EXIF_POINTER, Val::Long(vec![0])));
        }
        if self.gps.is_some() {
            ifd0.push((GPS_POINTER, Val::Long(vec![0])));
        }
        if self.interop.is_some() {
            exif.get_or_insert_with(Vec::new)
                .push((INTEROP_POINTER, Val::Long(vec![0])));
        }
        let order = [
            Some(ifd0),
            self.ifd1.clone(),
            exif,
            self.gps.clone(),
            self.interop.clone(),
        ];
        let mut offsets = [0u32; 5];
        let mut next = 8usize;
        for (i, ifd) in order.iter().enumerate() {
            if let Some(ifd) = ifd {
                offsets[i] = u32::try_from(next).expect("offset");
                next += ifd_size(ifd, le);
            }
        }
        let pointer = |tag: u16| match tag {
            EXIF_POINTER => Some(offsets[2]),
            GPS_POINTER => Some(offsets[3]),
            INTEROP_POINTER => Some(offsets[4]),
            _ => None,
        };
        let mut out = if le { b"II*\0".to_vec() } else { b"MM\0*".to_vec() };
        out.extend(if le {
            8u32.to_le_bytes()
        } else {
            8u32.to_be_bytes()
        });
        for (i, ifd) in order.iter().enumerate() {
            let Some(ifd) = ifd else { continue };
            let next_ifd = if i == 0 && order[1].is_some() {
                offsets[1]
            } else {
                0
            };
            let filled: Ifd = ifd
                .iter()
                .map(|(tag, val)| {
                    (
                        *tag,
                        pointer(*tag).map_or_else(|| val.clone(), |p| Val::Long(vec![p])),
                    )
                })
                .collect();
            write_ifd(&mut out, &filled, offsets[i], next_ifd, le);
        }
        out
    }
}

fn padded(len: usize) -> usize {
    if len > 4 { len + len % 2 } else { 0 }
}

fn ifd_size(ifd: &Ifd, le: bool) -> usize {
    2 + 12 * ifd.len() + 4 + ifd.iter().map(|(_, v)| padded(v.bytes(le).len())).sum::<usize>()
}

fn write_ifd(out: &mut Vec<u8>, ifd: &Ifd, at: u32, next_ifd: u32, le: bool) {
    let u16b = |n: u16| if le { n.to_le_bytes() } else { n.to_be_bytes() };
    let u32b = |n: u32| if le { n.to_le_bytes() } else { n.to_be_bytes() };
    let mut sorted = ifd.clone();
    sorted.sort_by_key(|(tag, _)| *tag);
    let count = u16::try_from(sorted.len()).expect("entries");
    let mut data_at = at as usize + 2 + 12 * sorted.len() + 4;
    let mut data = Vec::new();
    out.extend(u16b(count));
    for (tag, val) in &sorted {
        let (kind, n) = val.type_and_count();
        out.extend(u16b(*tag));
        out.extend(u16b(kind));
        out.extend(u32b(n));
        let mut bytes = val.bytes(le);
        if bytes.len() <= 4 {
            bytes.resize(4, 0);
            out.extend(bytes);
        } else {
            out.extend(u32b(u32::try_from(data_at).expect("offset")));
            let len = padded(bytes.len());
            bytes.resize(len, 0);
            data_at += len;
            data.extend(bytes);
        }
    }
    out.extend(u32b(next_ifd));
    out.extend(data);
}

/// A camera-like EXIF block used across the tests.
pub fn camera_exif(big_endian: bool) -> ExifBlock {
    ExifBlock {
        big_endian,
        ifd0: vec![
            (0x010F, Val::Ascii("Canon")),
            (0x0110, Val::Ascii("Canon EOS 40D")),
            (0x0112, Val::Short(vec![6])),
            (0x011A, Val::Rational(vec![(300, 1)])),
            (0x011B, Val::Rational(vec![(300, 1)])),
            (0x0128, Val::Short(vec![2])),
            (0x0131, Val::Ascii("GIMP 2.4.5")),
            (0x0132, Val::Ascii("2008:07:31 10:38:11")),
        ],
        ifd1: Some(vec![
            (0x0103, Val::Short(vec![6])),
            (0x011A, Val::Rational(vec![(72, 1)])),
            (0x0201, Val::Long(vec![1090])),
            (0x0202, Val::Long(vec![1378])),
        ]),
        exif: Some(vec![
            (0x829A, Val::Rational(vec![(1, 160)])),
            (0x829D, Val::Rational(vec![(71, 10)])),
            (0x8827, Val::Short(vec![100])),
            (0x9000, Val::Undefined(b"0221".to_vec())),
            (0x9003, Val::Ascii("2019:08:24 06:14:41")),
            (0x9004, Val::Ascii("2019:08:24 06:14:41")),
            (0x9204, Val::SRational(vec![(-2, 3)])),
            (0x9286, Val::Undefined(b"ASCII\0\0\0a comment".to_vec())),
            (0x9291, Val::Ascii("25")),
            (0xA002, Val::Long(vec![4000])),
            (0xA003, Val::Long(vec![3000])),
            (0xA301, Val::Undefined(vec![1])),
            (0x927C, Val::Undefined(vec![9; 40])),
        ]),
        gps: Some(vec![
            (0x0000, Val::Byte(vec![2, 2, 0, 0])),
            (0x0001, Val::Ascii("S")),
            (0x0002, Val::Rational(vec![(33, 1), (51, 1), (5445, 100)])),
            (0x0003, Val::Ascii("E")),
            (0x0004, Val::Rational(vec![(151, 1), (12, 1), (3, 1)])),
            (0x0005, Val::Byte(vec![0])),
            (0x0006, Val::Rational(vec![(1234, 10)])),
        ]),
        interop: Some(vec![
            (0x0001, Val::Ascii("R98")),
            (0x0002, Val::Undefined(b"0100".to_vec())),
        ]),
    }
}
