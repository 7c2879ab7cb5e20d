//! AVIF sources: encoded here with ravif (8- and 10-bit, with and without alpha), rendered,
//! decoded back; broken files and headers claiming huge sizes are refused.

use image::{DynamicImage, RgbaImage};
use ravif::{BitDepth, Encoder, Img, RGB8, RGBA8};

use super::geometry::Request;
use super::test_support::{BLUE, CLEAR, RED, near, rect_on};
use super::*;

/// `image` as AVIF; opaque images are encoded without an alpha item.
fn avif(image: &RgbaImage, depth: BitDepth) -> Vec<u8> {
    let encoder = Encoder::new()
        .with_quality(92.0)
        .with_alpha_quality(92.0)
        .with_speed(10)
        .with_bit_depth(depth);
    let (w, h) = (image.width() as usize, image.height() as usize);
    let encoded = if image.pixels().all(|p| p[3] == 255) {
        let pixels: Vec<RGB8> = image.pixels().map(|p| RGB8::new(p[0], p[1], p[2])).collect();
        encoder.encode_rgb(Img::new(&pixels[..], w, h))
    } else {
        let pixels: Vec<RGBA8> = image
            .pixels()
            .map(|p| RGBA8::new(p[0], p[1], p[2], p[3]))
            .collect();
        encoder.encode_rgba(Img::new(&pixels[..], w, h))
    };
    encoded.unwrap_or_else(|e| panic!("encode: {e}")).avif_file
}

/// Left half red, right half blue.
fn halves(width: u32, height: u32) -> RgbaImage {
    rect_on((width, height), BLUE, (0, 0, width / 2, height), RED)
}

fn width(w: u32) -> StepSpec {
    StepSpec {
        geometry: Request {
            width: Some(w),
            ..Request::default()
        },
        ..StepSpec::default()
    }
}

fn try_render(source: &[u8], step: StepSpec, format: OutputFormat) -> Result<DynamicImage, RenderError> {
    let mut step = Some(step);
    let rendered = render(
        source,
        None,
        |_, _| Ok(step.take()),
        |_| Output {
            format,
            quality: 90,
            background: Rgba([255, 255, 255, 255]),
        },
    )?;
    assert_eq!(rendered.mime, format.mime());
    image::load_from_memory(&rendered.bytes).map_err(|e| RenderError::Internal(e.to_string()))
}

#[test]
fn avif_source_becomes_a_resized_jpeg_with_its_colours() {
    for depth in [BitDepth::Eight, BitDepth::Ten] {
        let source = avif(&halves(600, 400), depth);
        let out = try_render(&source, width(300), OutputFormat::Jpeg).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((out.width(), out.height()), (300, 200));
        let out = out.to_rgba8();
        assert!(
            near(out.get_pixel(60, 100), RED.0, 24),
            "{depth:?} left {:?}",
            out.get_pixel(60, 100)
        );
        assert!(
            near(out.get_pixel(240, 100), BLUE.0, 24),
            "{depth:?} right {:?}",
            out.get_pixel(240, 100)
        );
    }
}

#[test]
fn avif_alpha_survives_into_png() {
    let source = avif(
        &rect_on((200, 100), CLEAR, (0, 0, 100, 100), RED),
        BitDepth::Eight,
    );
    let out = try_render(&source, width(100), OutputFormat::Png).unwrap_or_else(|e| panic!("{e}"));
    let out = out.to_rgba8();
    assert_eq!(out.dimensions(), (100, 50));
    let opaque = out.get_pixel(20, 25);
    assert!(near(opaque, RED.0, 24), "{opaque:?}");
    assert!(out.get_pixel(80, 25)[3] < 8, "{:?}", out.get_pixel(80, 25));
}

#[test]
fn header_reports_avif_size_without_decoding() {
    let source = avif(&halves(64, 48), BitDepth::Eight);
    let header = decode::header(&source).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (header.width, header.height, header.upright, header.lossy),
        (64, 48, true, true)
    );
}

#[test]
fn truncated_or_damaged_avif_is_an_error() {
    let source = avif(&halves(128, 128), BitDepth::Eight);
    for cut in [12, 100, source.len() / 2, source.len() - 8] {
        let out = try_render(&source[..cut], width(64), OutputFormat::Jpeg);
        assert!(
            matches!(out, Err(RenderError::Corrupt(_) | RenderError::NotAnImage)),
            "cut at {cut}: {:?}",
            out.err()
        );
    }
    // A container around a sequence header with no frame after it.
    let empty = avif::test_files::still(&avif::test_files::sequence_header(64, 64), 0);
    let out = try_render(&empty, width(32), OutputFormat::Jpeg);
    assert!(matches!(out, Err(RenderError::Corrupt(_))), "{:?}", out.err());
}

#[test]
fn avif_bomb_header_is_refused_before_decoding() {
    let bomb = avif::test_files::still(&avif::test_files::sequence_header(20_000, 20_000), 0);
    let out = try_render(&bomb, width(100), OutputFormat::Jpeg);
    assert!(
        matches!(
            out,
            Err(RenderError::TooLarge {
                width: 20_000,
                height: 20_000
            })
        ),
        "{:?}",
        out.err()
    );
}

#[test]
fn rotated_avif_is_turned_upright_and_gets_no_working_copy() {
    let plain = avif(&halves(64, 32), BitDepth::Eight);
    // Re-wrap the AV1 data with `irot` = 90° anti-clockwise.
    let av1 = av1_item(&plain);
    let rotated = avif::test_files::still(av1, 1);
    let header = decode::header(&rotated).unwrap_or_else(|e| panic!("{e}"));
    assert!(!header.upright);
    assert!(working_copy::make(&rotated, 16).is_none());
    let out = try_render(&rotated, width(16), OutputFormat::Png).unwrap_or_else(|e| panic!("{e}"));
    let out = out.to_rgba8();
    assert_eq!(out.dimensions(), (16, 32));
    // The red left half is now at the bottom.
    assert!(
        near(out.get_pixel(8, 28), RED.0, 24),
        "{:?}",
        out.get_pixel(8, 28)
    );
    assert!(near(out.get_pixel(8, 4), BLUE.0, 24), "{:?}", out.get_pixel(8, 4));
}

#[test]
fn upright_avif_gets_a_jpeg_working_copy() {
    let copy = working_copy::make(&avif(&halves(600, 400), BitDepth::Eight), 300)
        .unwrap_or_else(|| panic!("no working copy"));
    assert_eq!((copy.width, copy.height), (300, 200));
    assert_eq!(
        image::guess_format(&copy.bytes).ok(),
        Some(image::ImageFormat::Jpeg)
    );
}

/// The AV1 data of a file written by ravif: its single `mdat` holds exactly the colour item.
fn av1_item(file: &[u8]) -> &[u8] {
    let at = file
        .windows(4)
        .position(|w| w == b"mdat")
        .unwrap_or_else(|| panic!("no mdat"));
    &file[at + 4..]
}
