//! Per-thread reuse of a render's large buffers. The allocator returns freed memory to the OS
//! at once (it keeps the server's resident memory low, see `halftone/src/allocator.rs`), so
//! every fresh decode or resize buffer was page-faulted in again: ~17 % of a `w-800` render's
//! CPU. A few buffers kept for the process avoid that, within a byte cap.

use std::sync::Mutex;

use fast_image_resize::Resizer;
use image::{ColorType, DynamicImage, ImageBuffer};

/// Buffers kept for the whole process, and their total size: enough for the renders that run
/// at once (one per core), not one pool per thread — uploads run on many threads.
const MAX_KEPT: usize = 6;
const MAX_KEPT_BYTES: usize = 12 << 20;
/// Smaller buffers come from the allocator's own free lists, which it keeps anyway.
const MIN_KEPT_BYTES: usize = 64 << 10;
/// A resizer keeps its intermediate buffer (destination width × source height); one that has
/// worked on more than this is dropped rather than kept.
const MAX_RESIZER_BYTES: usize = 4 << 20;
const MAX_RESIZERS: usize = 2;

static BUFFERS: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
static RESIZERS: Mutex<Vec<Resizer>> = Mutex::new(Vec::new());

/// A buffer of `len` bytes whose contents are unspecified (initialised, possibly from an
/// earlier render): for callers that overwrite every byte.
pub fn take(len: usize) -> Vec<u8> {
    let reused = BUFFERS.lock().ok().and_then(|mut kept| {
        let best = kept
            .iter()
            .enumerate()
            .filter(|(_, b)| b.capacity() >= len)
            .min_by_key(|(_, b)| b.capacity())
            .map(|(at, _)| at);
        best.map(|at| kept.swap_remove(at))
    });
    let mut buffer = reused.unwrap_or_default();
    buffer.resize(len, 0);
    buffer
}

/// Keeps `buffer` for a later `take`, if it is worth keeping.
pub fn give(buffer: Vec<u8>) {
    let size = buffer.capacity();
    if !(MIN_KEPT_BYTES..=MAX_KEPT_BYTES / 3).contains(&size) {
        return;
    }
    if let Ok(mut kept) = BUFFERS.lock() {
        kept.push(buffer);
        kept.sort_by_key(|b| std::cmp::Reverse(b.capacity()));
        kept.truncate(MAX_KEPT);
        while kept.iter().map(Vec::capacity).sum::<usize>() > MAX_KEPT_BYTES {
            kept.remove(0);
        }
    }
}

/// Keeps the pixel buffer of an image that is no longer needed.
pub fn give_image(image: DynamicImage) {
    match image {
        DynamicImage::ImageLuma8(b) => give(b.into_raw()),
        DynamicImage::ImageLumaA8(b) => give(b.into_raw()),
        DynamicImage::ImageRgb8(b) => give(b.into_raw()),
        DynamicImage::ImageRgba8(b) => give(b.into_raw()),
        _ => {}
    }
}

/// An 8-bit image of the given layout on a reused buffer, for writers that set every pixel;
/// `None` for other layouts.
pub fn image(width: u32, height: u32, color: ColorType) -> Option<DynamicImage> {
    let channels = channels(color)?;
    let len = (width as usize)
        .checked_mul(height as usize)?
        .checked_mul(channels)?;
    from_raw(width, height, color, take(len))
}

/// Bytes per pixel of the 8-bit layouts this module makes images of; `None` for others.
pub fn channels(color: ColorType) -> Option<usize> {
    match color {
        ColorType::L8 => Some(1),
        ColorType::La8 => Some(2),
        ColorType::Rgb8 => Some(3),
        ColorType::Rgba8 => Some(4),
        _ => None,
    }
}

/// Wraps `pixels` (exactly `width × height` of `color`) as an image.
pub fn from_raw(width: u32, height: u32, color: ColorType, pixels: Vec<u8>) -> Option<DynamicImage> {
    Some(match color {
        ColorType::L8 => DynamicImage::ImageLuma8(ImageBuffer::from_raw(width, height, pixels)?),
        ColorType::La8 => DynamicImage::ImageLumaA8(ImageBuffer::from_raw(width, height, pixels)?),
        ColorType::Rgb8 => DynamicImage::ImageRgb8(ImageBuffer::from_raw(width, height, pixels)?),
        ColorType::Rgba8 => DynamicImage::ImageRgba8(ImageBuffer::from_raw(width, height, pixels)?),
        _ => return None,
    })
}

/// Runs `f` with a kept resizer; `work` is the size of its intermediate buffer for this
/// resize, which decides whether it is kept afterwards.
pub fn with_resizer<R>(work: usize, f: impl FnOnce(&mut Resizer) -> R) -> R {
    let kept = RESIZERS.lock().ok().and_then(|mut r| r.pop());
    let mut resizer = kept.unwrap_or_default();
    let result = f(&mut resizer);
    if work <= MAX_RESIZER_BYTES
        && let Ok(mut kept) = RESIZERS.lock()
        && kept.len() < MAX_RESIZERS
    {
        kept.push(resizer);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_buffer_comes_back_at_the_asked_length() {
        // An odd size no other test uses, so a parallel test cannot take this buffer.
        let mut first = take((1 << 20) + 12_345);
        first[0] = 7;
        let address = first.as_ptr();
        give(first);
        let again = take((1 << 20) + 12_000);
        assert_eq!(again.len(), (1 << 20) + 12_000);
        assert_eq!(again.as_ptr(), address, "the kept buffer is reused");
    }

    #[test]
    fn small_and_huge_buffers_are_not_kept() {
        give(vec![0; 1024]);
        give(vec![0; MAX_KEPT_BYTES]);
        let kept: Vec<usize> = BUFFERS
            .lock()
            .map(|k| k.iter().map(Vec::capacity).collect())
            .unwrap_or_default();
        assert!(
            kept.iter()
                .all(|c| (MIN_KEPT_BYTES..=MAX_KEPT_BYTES / 3).contains(c)),
            "{kept:?}"
        );
    }

    #[test]
    fn images_of_other_layouts_are_not_made() {
        assert!(image(4, 4, ColorType::Rgb16).is_none());
        let made = image(4, 3, ColorType::Rgb8);
        assert!(matches!(made, Some(DynamicImage::ImageRgb8(ref b)) if b.dimensions() == (4, 3)));
    }
}
