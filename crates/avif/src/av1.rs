//! One AV1 still frame through rav1d's safe `dav1d` API.

use std::panic::{AssertUnwindSafe, catch_unwind};

use re_rav1d::{Decoder, Error as Av1Error, Picture, Settings};

use crate::{Error, MAX_PIXELS};

/// Rounds of "take a picture / feed pending data" before giving up; a still item needs one.
const MAX_ROUNDS: usize = 16;

/// Decodes the one frame of an AVIF item. A panic inside the decoder (it has asserts on
/// bitstream invariants) is reported as corrupt data, never passed to the caller.
pub(crate) fn decode(data: &[u8]) -> Result<Picture, Error> {
    let data = data.to_vec();
    catch_unwind(AssertUnwindSafe(move || decode_frame(data)))
        .unwrap_or_else(|_| Err(Error::Corrupt("the AV1 decoder stopped on invalid data".into())))
}

fn decode_frame(data: Vec<u8>) -> Result<Picture, Error> {
    let mut settings = Settings::new();
    // One frame context makes the frame available as soon as it is sent (nothing to
    // pipeline in a still image); tiles are still decoded on every core.
    settings.set_max_frame_delay(1);
    settings.set_frame_size_limit(MAX_PIXELS);
    // Only the highest spatial layer is the whole image.
    settings.set_all_layers(false);
    // Film grain is part of the picture the encoder meant.
    settings.set_apply_grain(true);
    let mut decoder = Decoder::with_settings(&settings).map_err(av1_error)?;
    match decoder.send_data(data, None, None, None) {
        Ok(()) => {}
        Err(e) if e.is_again() => {}
        Err(e) => return Err(av1_error(e)),
    }
    for _ in 0..MAX_ROUNDS {
        match decoder.get_picture() {
            Ok(picture) => return Ok(picture),
            Err(e) if e.is_again() => match decoder.send_pending_data() {
                Ok(()) => {}
                Err(e) if e.is_again() => {}
                Err(e) => return Err(av1_error(e)),
            },
            Err(e) => return Err(av1_error(e)),
        }
    }
    Err(Error::Corrupt("the AV1 data holds no complete frame".into()))
}

fn av1_error(error: Av1Error) -> Error {
    match error {
        Av1Error::NotEnoughMemory => Error::TooLarge,
        Av1Error::UnsupportedBitstream => Error::Unsupported("AV1 bitstream".into()),
        other => Error::Corrupt(format!("AV1 data: {other}")),
    }
}
