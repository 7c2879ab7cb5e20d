//! Working copies: a smaller rendition of a large upload that renders of small outputs decode
//! instead of the original. Made with the same pipeline as deliveries, so a 12-megapixel JPEG
//! is decoded at a reduced DCT scale (a quarter of the memory and time of a full decode).

use image::DynamicImage;

use super::geometry::{Request, Strategy};
use super::{Output, OutputFormat, StepSpec, decode, render};

/// Above delivery quality (the copy is a source for further resizing), and below 90 so that
/// the encoder subsamples chroma (4:2:0): half the blocks of 4:4:4 to entropy-decode on every
/// render, which is most of a render's time.
const QUALITY: u8 = 88;

pub struct WorkingCopy {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A copy of `source` that fits in `side`×`side`, or `None` when
/// the source is not a decodable image or is not stored upright: a working copy stands in for
/// the original's stored dimensions, which EXIF rotation would swap.
pub fn make(source: &[u8], side: u32) -> Option<WorkingCopy> {
    let header = decode::header(source).ok()?;
    if !header.upright {
        return None;
    }
    // A lossy copy of a lossless source would put JPEG artefacts into flat graphics.
    let lossy = header.lossy;
    let mut steps = Some(StepSpec {
        geometry: Request {
            width: Some(side),
            height: Some(side),
            strategy: Strategy::AtMax,
            ..Request::default()
        },
        ..StepSpec::default()
    });
    let mut size = (0, 0);
    let rendered = render(
        source,
        None,
        |_, _| Ok(steps.take()),
        |image: &DynamicImage| {
            size = (image.width(), image.height());
            let format = if lossy && !image.color().has_alpha() {
                OutputFormat::Jpeg
            } else {
                OutputFormat::Png
            };
            Output {
                format,
                quality: QUALITY,
                background: image::Rgba([255, 255, 255, 255]),
            }
        },
    )
    .ok()?;
    Some(WorkingCopy {
        bytes: rendered.bytes.to_vec(),
        width: size.0,
        height: size.1,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn fits_the_box_and_keeps_the_aspect_ratio() {
        let copy = make(&jpeg(3000, 1500), 1024).unwrap();
        assert_eq!((copy.width, copy.height), (1024, 512));
        let decoded = image::load_from_memory(&copy.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (1024, 512));
        assert_eq!(
            image::guess_format(&copy.bytes).unwrap(),
            image::ImageFormat::Jpeg
        );
    }

    #[test]
    fn keeps_alpha_as_png() {
        let image = image::RgbaImage::from_pixel(2000, 2000, image::Rgba([10, 20, 30, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        let copy = make(&out.into_inner(), 1024).unwrap();
        assert_eq!(image::guess_format(&copy.bytes).unwrap(), image::ImageFormat::Png);
        assert_eq!((copy.width, copy.height), (1024, 1024));
    }

    #[test]
    fn lossless_sources_get_lossless_copies() {
        let image = image::RgbImage::from_pixel(1500, 1000, image::Rgb([200, 10, 10]));
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        let copy = make(&out.into_inner(), 512).unwrap();
        assert_eq!(image::guess_format(&copy.bytes).unwrap(), image::ImageFormat::Png);
        assert_eq!((copy.width, copy.height), (512, 341));
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        assert!(make(b"not an image", 1024).is_none());
    }
}
