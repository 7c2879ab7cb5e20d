use image::error::{DecodingError, ImageFormatHint, LimitError, LimitErrorKind};
use image::{ImageError, ImageFormat};

/// Why an AVIF file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The container or the AV1 data is broken or cut short.
    Corrupt(String),
    /// Valid AVIF that this decoder does not handle (the text says what).
    Unsupported(String),
    /// The frame is larger than [`crate::MAX_PIXELS`].
    TooLarge,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Corrupt(why) => write!(f, "corrupt AVIF: {why}"),
            Error::Unsupported(what) => write!(f, "unsupported AVIF: {what}"),
            Error::TooLarge => write!(f, "the AVIF frame is larger than {} pixels", crate::MAX_PIXELS),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    pub(crate) fn into_image(self) -> ImageError {
        match self {
            Error::TooLarge => ImageError::Limits(LimitError::from_kind(LimitErrorKind::DimensionError)),
            other => ImageError::Decoding(DecodingError::new(
                ImageFormatHint::Exact(ImageFormat::Avif),
                other.to_string(),
            )),
        }
    }
}
