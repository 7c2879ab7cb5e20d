//! Output formats: lossy and lossless WebP, AVIF, progressive JPEG; encoded, then decoded or
//! parsed back and checked by magic bytes, dimensions and colours.
#![allow(clippy::unwrap_used, reason = "test inputs are generated and valid")]

use super::geometry::{Request, Strategy};
use super::*;
use image::{ImageFormat, RgbImage};

/// A 400×300 image: a red square in the top-left quarter on a gradient.
pub(super) fn photo_png() -> Vec<u8> {
    let img = RgbImage::from_fn(400, 300, |x, y| {
        if x < 100 && y < 100 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([(x / 2) as u8, (y / 2) as u8, 128])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub(super) fn resize_to(width: u32, height: Option<u32>) -> StepSpec {
    StepSpec {
        geometry: Request {
            width: Some(width),
            height,
            strategy: Strategy::Force,
            ..Request::default()
        },
        ..StepSpec::default()
    }
}

/// Renders `source` with at most one step; the raw output bytes.
pub(super) fn render_bytes(
    source: &[u8],
    step: Option<StepSpec>,
    format: OutputFormat,
    quality: u8,
    options: Options,
) -> Result<Vec<u8>, RenderError> {
    let mut step = step;
    let rendered = render_with(
        source,
        None,
        &options,
        |_, _| Ok(step.take()),
        |_| Output {
            format,
            quality,
            background: Rgba([255, 255, 255, 255]),
        },
    )?;
    assert_eq!(rendered.mime, format.mime());
    Ok(rendered.bytes.to_vec())
}

pub(super) fn near(got: [u8; 3], want: [u8; 3], tolerance: u8) -> bool {
    got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= tolerance)
}

fn rgb_at(image: &DynamicImage, x: u32, y: u32) -> [u8; 3] {
    let p = image.to_rgb8().get_pixel(x, y).0;
    [p[0], p[1], p[2]]
}

/// The RIFF chunk after the `WEBP` tag: `VP8 ` (lossy), `VP8L` (lossless) or `VP8X`.
fn webp_chunk(bytes: &[u8]) -> &[u8] {
    assert_eq!(&bytes[0..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WEBP");
    &bytes[12..16]
}

#[test]
fn lossy_webp_honours_quality() {
    let encode = |q| {
        render_bytes(
            &photo_png(),
            Some(resize_to(200, Some(150))),
            OutputFormat::Webp,
            q,
            Options::default(),
        )
        .unwrap()
    };
    let (low, high) = (encode(20), encode(90));
    assert_eq!(webp_chunk(&low), b"VP8 ");
    assert!(
        low.len() < high.len(),
        "q-20 {} bytes, q-90 {} bytes",
        low.len(),
        high.len()
    );
    let decoded = image::load_from_memory_with_format(&high, ImageFormat::WebP).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (200, 150));
    assert!(
        near(rgb_at(&decoded, 20, 20), [220, 20, 20], 12),
        "{:?}",
        rgb_at(&decoded, 20, 20)
    );
    assert!(
        near(rgb_at(&decoded, 150, 120), [150, 120, 128], 12),
        "{:?}",
        rgb_at(&decoded, 150, 120)
    );
}

#[test]
fn lossless_webp_keeps_every_pixel() {
    let options = Options {
        lossless: true,
        ..Options::default()
    };
    let bytes = render_bytes(&photo_png(), None, OutputFormat::Webp, 80, options).unwrap();
    assert_eq!(webp_chunk(&bytes), b"VP8L");
    let decoded = image::load_from_memory_with_format(&bytes, ImageFormat::WebP).unwrap();
    let source = image::load_from_memory(&photo_png()).unwrap();
    assert_eq!(decoded.to_rgb8(), source.to_rgb8());
}

#[test]
fn webp_keeps_alpha() {
    let img = image::RgbaImage::from_fn(64, 32, |x, _| {
        image::Rgba([0, 0, 255, if x < 32 { 0 } else { 255 }])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(img)
        .write_to(&mut png, ImageFormat::Png)
        .unwrap();
    let bytes = render_bytes(png.get_ref(), None, OutputFormat::Webp, 80, Options::default()).unwrap();
    let decoded = image::load_from_memory_with_format(&bytes, ImageFormat::WebP)
        .unwrap()
        .to_rgba8();
    assert_eq!(decoded.get_pixel(8, 16)[3], 0);
    assert_eq!(decoded.get_pixel(56, 16)[3], 255);
}

#[test]
fn webp_over_16383_px_is_refused() {
    let wide = render_bytes(
        &photo_png(),
        Some(resize_to(16_384, Some(2))),
        OutputFormat::Webp,
        80,
        Options::default(),
    );
    assert!(
        matches!(
            wide,
            Err(RenderError::OutputTooLarge {
                width: 16_384,
                height: 2
            })
        ),
        "{wide:?}"
    );
    let png = render_bytes(
        &photo_png(),
        Some(resize_to(16_384, Some(2))),
        OutputFormat::Png,
        80,
        Options::default(),
    );
    assert!(png.is_ok());
}

/// Width and height from the AVIF's `ispe` (image spatial extents) property.
fn avif_size(bytes: &[u8]) -> (u32, u32) {
    let at = bytes.windows(4).position(|w| w == b"ispe").unwrap();
    let word = |o: usize| u32::from_be_bytes(bytes[o..o + 4].try_into().unwrap());
    (word(at + 8), word(at + 12))
}

#[test]
fn avif_output_has_the_avif_brand_and_size() {
    let bytes = render_bytes(
        &photo_png(),
        Some(resize_to(120, Some(90))),
        OutputFormat::Avif,
        60,
        Options::default(),
    )
    .unwrap();
    assert_eq!(&bytes[4..12], b"ftypavif");
    assert_eq!(avif_size(&bytes), (120, 90));
    let low = render_bytes(
        &photo_png(),
        Some(resize_to(120, Some(90))),
        OutputFormat::Avif,
        10,
        Options::default(),
    )
    .unwrap();
    assert!(
        low.len() < bytes.len(),
        "q-10 {} bytes, q-60 {} bytes",
        low.len(),
        bytes.len()
    );
}

/// The JPEG frame marker: C0 baseline, C2 progressive.
fn jpeg_frame(bytes: &[u8]) -> u8 {
    let at = bytes
        .windows(2)
        .position(|w| w[0] == 0xFF && matches!(w[1], 0xC0..=0xC2))
        .unwrap();
    bytes[at + 1]
}

#[test]
fn progressive_jpeg_on_request() {
    let baseline = render_bytes(&photo_png(), None, OutputFormat::Jpeg, 80, Options::default()).unwrap();
    assert_eq!(jpeg_frame(&baseline), 0xC0);
    let options = Options {
        progressive: true,
        ..Options::default()
    };
    let progressive = render_bytes(&photo_png(), None, OutputFormat::Jpeg, 80, options).unwrap();
    assert_eq!(jpeg_frame(&progressive), 0xC2);
    let decoded = image::load_from_memory_with_format(&progressive, ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (400, 300));
    assert!(near(rgb_at(&decoded, 50, 50), [220, 20, 20], 10));
}
