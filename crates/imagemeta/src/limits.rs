//! The limits that keep a hostile file from exhausting memory: pixels are decoded (for the
//! pHash and the transparency check) only below these, and the decoder itself is capped.

/// Largest `width * height` whose pixels are decoded; above it `metadata` is `TooLarge`.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Most bytes a decoder may allocate (decoded buffer included); above it `metadata` is
/// `TooLarge`.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// The `image` crate limits applied to every decoder this crate opens.
pub(crate) fn decoder_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}
