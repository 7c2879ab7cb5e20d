//! Why metadata could not be produced. The HTTP layer maps `Corrupt` to 400 "The requested
//! file is corrupt or invalid."; `NotAnImage` and `TooLarge` are for it to decide.

/// Failure to read an image's metadata.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    /// The bytes are not in a raster format this crate reads (PNG, JPEG, GIF, WebP, BMP, TIFF).
    #[error("not an image in a supported format")]
    NotAnImage,
    /// The format was recognised but its header or pixel data could not be read.
    #[error("corrupt image: {0}")]
    Corrupt(String),
    /// The image is over the pixel or memory limit for decoding (see [`crate::limits`]).
    #[error("image of {width}x{height} pixels is too large to decode")]
    TooLarge { width: u32, height: u32 },
}
