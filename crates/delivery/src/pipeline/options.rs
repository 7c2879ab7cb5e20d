//! Format choices that do not depend on the image (`lo`, `pr`, `cp`, `md`, `dn`), and what a
//! source carries besides pixels that those choices may keep.

/// How to decode and encode, beside the output format and quality.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `lo-true`: lossless WebP (PNG is lossless anyway; AVIF and JPEG ignore it).
    pub lossless: bool,
    /// `pr-true`: progressive JPEG.
    pub progressive: bool,
    /// `cp-true`: keep the source's ICC profile (embedded in JPEG and PNG output) instead of
    /// converting the pixels to sRGB.
    pub keep_profile: bool,
    /// `md-true`: keep the source's EXIF in JPEG and PNG output.
    pub keep_metadata: bool,
    /// `dn-…`: dots per inch for rasterising vector sources (an SVG's own size is `dn-72`).
    pub density: Option<u32>,
    /// `pg-N`: the frame of an animated GIF to render (1-based; `None` = the first).
    pub page: Option<u32>,
}

/// What a decoder found beside the pixels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embedded {
    pub icc: Option<Vec<u8>>,
    pub exif: Option<Vec<u8>>,
}
