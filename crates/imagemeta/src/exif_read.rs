//! Parses the EXIF block of a JPEG, PNG, WebP or TIFF with `kamadak-exif`, keeping whatever
//! parsed when part of the block is malformed; a block that cannot be read at all is absent.

use std::io::Cursor;

use exif::{Exif, Reader};

use crate::format::Format;

/// The parsed EXIF of `bytes`, if it has any that can be read.
pub(crate) fn read(bytes: &[u8], format: Format) -> Option<Exif> {
    if !format.may_carry_exif() {
        return None;
    }
    let mut reader = Reader::new();
    reader.continue_on_error(true);
    let exif = match reader.read_from_container(&mut Cursor::new(bytes)) {
        Ok(exif) => exif,
        Err(error) => error.distill_partial_result(|_ignored| {}).ok()?,
    };
    let has_fields = exif.fields().len() > 0;
    has_fields.then_some(exif)
}
