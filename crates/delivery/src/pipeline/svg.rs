//! SVG sources, rasterised with resvg. Nothing outside the file is ever read: `<image>` links
//! to paths or URLs are dropped (usvg would otherwise read local files; it never fetches), only
//! embedded `data:` images are drawn, and only when their declared size is sane. Text needs a
//! font database and none is loaded, so `<text>` is not drawn. Sizes are checked before the
//! canvas is allocated.

use std::io::Cursor;
use std::sync::Arc;

use image::{DynamicImage, ImageReader, RgbaImage};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{ImageHrefResolver, ImageKind, Options, Tree};

use super::decode::Header;
use super::{MAX_OUTPUT_PIXELS, RenderError};

/// ImageKit refuses vector sources over 5 MB.
pub const MAX_SVG_BYTES: usize = 5 * 1024 * 1024;
/// The density at which an SVG has its own size (`dn-72`, ImageKit's default density).
const BASE_DENSITY: f64 = 72.0;
/// Largest embedded raster image drawn, in pixels (its decode is not otherwise limited).
const MAX_EMBEDDED_PIXELS: u64 = 25_000_000;
const MAX_SIDE: f64 = 65_535.0;

/// Whether `bytes` look like SVG markup: XML whose first element is `<svg`.
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// A parsed SVG and the size it rasterises to at the requested density.
pub struct Svg {
    tree: Tree,
    scale: f64,
}

impl Svg {
    pub fn parse(bytes: &[u8], density: Option<u32>) -> Result<Svg, RenderError> {
        if bytes.len() > MAX_SVG_BYTES {
            return Err(RenderError::Corrupt(format!(
                "vector sources are limited to {MAX_SVG_BYTES} bytes"
            )));
        }
        let tree =
            Tree::from_data(bytes, &options()).map_err(|e| RenderError::Corrupt(format!("SVG: {e}")))?;
        let scale = density.map_or(1.0, |d| f64::from(d) / BASE_DENSITY);
        Ok(Svg { tree, scale })
    }

    /// The size at the requested density, refused like a raster source over the limits.
    pub fn header(&self) -> Result<Header, RenderError> {
        let size = self.tree.size();
        let (width, height) = checked_size(
            f64::from(size.width()) * self.scale,
            f64::from(size.height()) * self.scale,
        )?;
        Ok(Header {
            width,
            height,
            is_jpeg: false,
            lossy: false,
            upright: true,
        })
    }

    /// Rasterises at the header's size, or, when the first step resizes to `at_least`, at the
    /// smallest size covering it (a vector gains detail when drawn larger, not when upscaled).
    pub fn rasterise(&self, at_least: Option<(u32, u32)>) -> Result<DynamicImage, RenderError> {
        let size = self.tree.size();
        let (sw, sh) = (f64::from(size.width()), f64::from(size.height()));
        let scale = match at_least {
            Some((w, h)) => (f64::from(w) / sw).max(f64::from(h) / sh),
            None => self.scale,
        };
        let (width, height) = checked_size((sw * scale).ceil(), (sh * scale).ceil())?;
        let mut pixmap = Pixmap::new(width, height).ok_or(RenderError::OutputTooLarge { width, height })?;
        let transform = Transform::from_scale(scale as f32, scale as f32);
        resvg::render(&self.tree, transform, &mut pixmap.as_mut());
        RgbaImage::from_raw(width, height, pixmap.take_demultiplied())
            .map(DynamicImage::ImageRgba8)
            .ok_or_else(|| RenderError::Internal("SVG canvas size".into()))
    }
}

fn checked_size(width: f64, height: f64) -> Result<(u32, u32), RenderError> {
    let clamp = |v: f64| {
        if v.is_finite() {
            v.round().clamp(0.0, f64::from(u32::MAX)) as u32
        } else {
            u32::MAX
        }
    };
    let (w, h) = (clamp(width), clamp(height));
    if w == 0 || h == 0 {
        return Err(RenderError::Corrupt("the SVG has no size".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_OUTPUT_PIXELS {
        return Err(RenderError::TooLarge { width: w, height: h });
    }
    Ok((w, h))
}

/// usvg's options with links refused and embedded images checked.
fn options() -> Options<'static> {
    let embedded = ImageHrefResolver::default_data_resolver();
    Options {
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(move |mime, data: Arc<Vec<u8>>, opts| {
                if !raster_fits(&data) {
                    return None;
                }
                embedded(mime, data, opts)
            }),
            resolve_string: Box::new(|_, _| None::<ImageKind>),
        },
        ..Options::default()
    }
}

/// True for embedded SVG (parsed by usvg under the same options) and for raster images whose
/// header declares at most `MAX_EMBEDDED_PIXELS`.
fn raster_fits(data: &[u8]) -> bool {
    let Ok(reader) = ImageReader::new(Cursor::new(data)).with_guessed_format() else {
        return false;
    };
    if reader.format().is_none() {
        return true;
    }
    reader
        .into_dimensions()
        .is_ok_and(|(w, h)| u64::from(w) * u64::from(h) <= MAX_EMBEDDED_PIXELS)
}
