//! Which raster format the bytes are, sniffed from their signature, and the name ImageKit
//! gives it in the Metadata object (`jpg`, not `jpeg`).

use image::ImageFormat;

/// A raster format this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jpeg,
    Png,
    Gif,
    WebP,
    Bmp,
    Tiff,
    Avif,
}

impl Format {
    /// The format of `bytes` from its magic number, or `None` for anything else.
    pub(crate) fn detect(bytes: &[u8]) -> Option<Format> {
        if avif::is_avif(bytes) {
            return Some(Format::Avif);
        }
        match image::guess_format(bytes).ok()? {
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::Gif => Some(Format::Gif),
            ImageFormat::WebP => Some(Format::WebP),
            ImageFormat::Bmp => Some(Format::Bmp),
            ImageFormat::Tiff => Some(Format::Tiff),
            _ => None,
        }
    }

    /// The `format` value of ImageKit's Metadata object.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::WebP => "webp",
            Format::Bmp => "bmp",
            Format::Tiff => "tiff",
            Format::Avif => "avif",
        }
    }

    pub(crate) fn image_format(self) -> ImageFormat {
        match self {
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::Gif => ImageFormat::Gif,
            Format::WebP => ImageFormat::WebP,
            Format::Bmp => ImageFormat::Bmp,
            Format::Tiff => ImageFormat::Tiff,
            Format::Avif => ImageFormat::Avif,
        }
    }

    /// Whether the container can carry an EXIF block that `kamadak-exif` reads.
    pub(crate) fn may_carry_exif(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::WebP | Format::Tiff)
    }
}
