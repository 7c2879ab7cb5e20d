//! Hand-built AVIF files for tests (feature `test-files`): a container around given AV1 data,
//! with an optional `irot`, and a bare AV1 sequence header claiming any size, so that tests
//! can make decompression bombs and rotated files that no encoder here writes.

/// An AVIF file whose primary item is `av1` (OBUs), rotated anti-clockwise by
/// `quarter_turns` × 90° (`irot`; 0 writes no `irot`).
pub fn still(av1: &[u8], quarter_turns: u8) -> Vec<u8> {
    let ftyp = boxed(b"ftyp", b"avif\0\0\0\0avifmif1miaf");
    let hdlr = full(b"hdlr", 0, &[&[0; 4][..], b"pict", &[0; 12], b"\0"].concat());
    let pitm = full(b"pitm", 0, &1u16.to_be_bytes());
    let infe = full(
        b"infe",
        2,
        &[&1u16.to_be_bytes()[..], &[0, 0], b"av01", b"\0"].concat(),
    );
    let iinf = full(b"iinf", 0, &[&1u16.to_be_bytes()[..], &infe].concat());
    let mut properties = Vec::new();
    let mut associations = Vec::new();
    if !quarter_turns.is_multiple_of(4) {
        properties.extend(boxed(b"irot", &[quarter_turns % 4]));
        // Property 1, essential (the high bit).
        associations.push(0x81);
    }
    let ipco = boxed(b"ipco", &properties);
    let ipma_body = [
        &1u32.to_be_bytes()[..],
        &1u16.to_be_bytes(),
        &[u8::try_from(associations.len()).unwrap_or(0)],
        &associations,
    ]
    .concat();
    let iprp = boxed(b"iprp", &[ipco, full(b"ipma", 0, &ipma_body)].concat());
    let iloc = |offset: u32| {
        let body = [
            &[0x44, 0x00][..],
            &1u16.to_be_bytes(),
            &1u16.to_be_bytes(),
            &0u16.to_be_bytes(),
            &1u16.to_be_bytes(),
            &offset.to_be_bytes(),
            &u32::try_from(av1.len()).unwrap_or(0).to_be_bytes(),
        ]
        .concat();
        full(b"iloc", 0, &body)
    };
    let meta = |offset| {
        full(
            b"meta",
            0,
            &[
                hdlr.clone(),
                pitm.clone(),
                iloc(offset),
                iinf.clone(),
                iprp.clone(),
            ]
            .concat(),
        )
    };
    // The iloc's size does not depend on the offset it holds.
    let offset = ftyp.len() + meta(0).len() + 8;
    let meta = meta(u32::try_from(offset).unwrap_or(0));
    [ftyp, meta, boxed(b"mdat", av1)].concat()
}

/// A sequence header OBU (8-bit 4:2:0, reduced still-picture header) of `width`×`height`
/// and nothing else: a header that promises pixels no frame delivers.
pub fn sequence_header(width: u32, height: u32) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(0, 3); // seq_profile
    bits.put(1, 1); // still_picture
    bits.put(1, 1); // reduced_still_picture_header
    bits.put(31, 5); // seq_level_idx
    bits.put(15, 4); // frame_width_bits_minus_1
    bits.put(15, 4); // frame_height_bits_minus_1
    bits.put(width.saturating_sub(1), 16);
    bits.put(height.saturating_sub(1), 16);
    bits.put(0, 6); // 128×128 superblocks, filter intra, intra edge, superres, cdef, restoration
    bits.put(0, 4); // high bit depth, monochrome, colour description, colour range
    bits.put(0, 2); // chroma_sample_position
    bits.put(0, 1); // separate_uv_delta_q
    bits.put(0, 1); // film_grain_params_present
    bits.put(1, 1); // trailing one bit
    let payload = bits.bytes();
    // OBU type 1 (sequence header) with a size field; the size fits in one LEB128 byte.
    [&[0x0a, u8::try_from(payload.len()).unwrap_or(0)][..], &payload].concat()
}

#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in (0..count).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> i) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 0x80 >> (self.used % 8);
            }
            self.used += 1;
        }
    }

    fn bytes(self) -> Vec<u8> {
        self.bytes
    }
}

fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let size = u32::try_from(body.len() + 8).unwrap_or(0);
    [&size.to_be_bytes()[..], kind, body].concat()
}

fn full(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    boxed(kind, &[&[version, 0, 0, 0][..], body].concat())
}
