//! Colour profiles: sources tagged Display P3 (PNG iCCP, JPEG APP2) come out in sRGB;
//! `cp-true` keeps the pixels and the profile; `md-true` keeps EXIF.
#![allow(clippy::unwrap_used, reason = "test inputs are generated and valid")]

use image::codecs::png::PngEncoder;
use image::{ImageEncoder, ImageFormat, RgbImage};
use moxcms::ColorProfile;

use super::tests_formats::{near, render_bytes, resize_to};
use super::*;

/// In-gamut Display P3 colour, and pure P3 red (outside sRGB: clipped to sRGB red).
const P3_ROSE: [u8; 3] = [200, 100, 100];
const P3_RED: [u8; 3] = [255, 0, 0];

/// Left half rose, right half red, tagged with `icc`.
fn tagged_png(icc: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
    let img = halves(width, height);
    let mut out = Vec::new();
    let mut encoder = PngEncoder::new(&mut out);
    encoder.set_icc_profile(icc).unwrap();
    encoder
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        image::Rgb(if x < width / 2 { P3_ROSE } else { P3_RED })
    })
}

fn tagged_jpeg(icc: &[u8], exif: Option<&[u8]>, width: u16, height: u16) -> Vec<u8> {
    let img = halves(u32::from(width), u32::from(height));
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 95);
    encoder.add_icc_profile(icc).unwrap();
    if let Some(exif) = exif {
        encoder.add_exif_metadata(exif).unwrap();
    }
    encoder
        .encode(img.as_raw(), width, height, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

fn p3() -> Vec<u8> {
    ColorProfile::new_display_p3().encode().unwrap()
}

/// Display P3 → sRGB by the textbook route: both use the sRGB curve and D65, so linear values
/// go through the P3-to-sRGB primaries matrix.
fn expected_srgb(p3: [u8; 3]) -> [u8; 3] {
    let linear = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let encode = |l: f64| {
        let l = l.clamp(0.0, 1.0);
        let c = if l <= 0.003_130_8 {
            l * 12.92
        } else {
            1.055 * l.powf(1.0 / 2.4) - 0.055
        };
        (c * 255.0).round() as u8
    };
    let [r, g, b] = p3.map(linear);
    [
        encode(1.224_9 * r - 0.224_9 * g),
        encode(-0.042_1 * r + 1.042_1 * g),
        encode(-0.019_6 * r - 0.078_6 * g + 1.098_2 * b),
    ]
}

fn rgb_at(bytes: &[u8], x: u32, y: u32) -> [u8; 3] {
    image::load_from_memory(bytes)
        .unwrap()
        .to_rgb8()
        .get_pixel(x, y)
        .0
}

#[test]
fn p3_png_is_converted_to_srgb() {
    let want = expected_srgb(P3_ROSE);
    assert!(!near(want, P3_ROSE, 10), "the test colour must move: {want:?}");
    let out = render_bytes(
        &tagged_png(p3(), 40, 20),
        None,
        OutputFormat::Png,
        80,
        Options::default(),
    )
    .unwrap();
    assert!(
        near(rgb_at(&out, 5, 10), want, 3),
        "{:?} vs {want:?}",
        rgb_at(&out, 5, 10)
    );
    assert!(
        near(rgb_at(&out, 35, 10), [255, 0, 0], 3),
        "{:?}",
        rgb_at(&out, 35, 10)
    );
    assert!(
        !out.windows(4).any(|w| w == b"iCCP"),
        "the converted output is untagged"
    );
}

#[test]
fn p3_jpeg_is_converted_on_full_and_scaled_decodes() {
    let want = expected_srgb(P3_ROSE);
    let source = tagged_jpeg(&p3(), None, 800, 400);
    // Full size, then a w-100 that takes the DCT-scaled decode.
    for (step, x) in [(None, 100), (Some(resize_to(100, Some(50))), 10)] {
        let out = render_bytes(&source, step, OutputFormat::Png, 80, Options::default()).unwrap();
        assert!(
            near(rgb_at(&out, x, 10), want, 6),
            "{:?} vs {want:?}",
            rgb_at(&out, x, 10)
        );
    }
}

#[test]
fn srgb_tagged_sources_are_left_as_they_are() {
    let srgb = ColorProfile::new_srgb().encode().unwrap();
    let out = render_bytes(
        &tagged_png(srgb, 40, 20),
        None,
        OutputFormat::Png,
        80,
        Options::default(),
    )
    .unwrap();
    assert_eq!(rgb_at(&out, 5, 10), P3_ROSE);
}

#[test]
fn cp_true_keeps_pixels_and_profile() {
    let options = Options {
        keep_profile: true,
        ..Options::default()
    };
    let png = render_bytes(&tagged_png(p3(), 40, 20), None, OutputFormat::Png, 80, options).unwrap();
    assert_eq!(rgb_at(&png, 5, 10), P3_ROSE);
    assert!(png.windows(4).any(|w| w == b"iCCP"));
    let jpeg = render_bytes(&tagged_png(p3(), 40, 20), None, OutputFormat::Jpeg, 95, options).unwrap();
    assert!(jpeg.windows(12).any(|w| w == b"ICC_PROFILE\0"));
    assert!(near(rgb_at(&jpeg, 5, 10), P3_ROSE, 6));
}

/// Big-endian TIFF with one IFD entry: Orientation = 6 (rotate 90°).
const EXIF_ROTATED: [u8; 26] = [
    b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
];

#[test]
fn md_true_keeps_exif_with_orientation_reset() {
    let srgb = ColorProfile::new_srgb().encode().unwrap();
    let source = tagged_jpeg(&srgb, Some(&EXIF_ROTATED), 80, 40);
    let stripped = render_bytes(&source, None, OutputFormat::Jpeg, 80, Options::default()).unwrap();
    assert!(!stripped.windows(6).any(|w| w == b"Exif\0\0"));
    let options = Options {
        keep_metadata: true,
        ..Options::default()
    };
    let kept = render_bytes(&source, None, OutputFormat::Jpeg, 80, options).unwrap();
    let at = kept.windows(8).position(|w| w == b"Exif\0\0MM").unwrap();
    // The pixels were turned upright (40×80), so the kept orientation says "as stored".
    let orientation = &kept[at + 6 + 18..at + 6 + 20];
    assert_eq!(orientation, [0, 1]);
    let decoded = image::load_from_memory_with_format(&kept, ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (40, 80));
}

#[test]
fn exif_rotated_jpeg_is_resized_as_displayed() {
    let srgb = ColorProfile::new_srgb().encode().unwrap();
    // Stored 80×40, displayed 40×80: `w-20` is 20×40, not the stored ratio squeezed.
    let source = tagged_jpeg(&srgb, Some(&EXIF_ROTATED), 80, 40);
    let step = StepSpec {
        geometry: geometry::Request {
            width: Some(20),
            ..geometry::Request::default()
        },
        ..StepSpec::default()
    };
    let out = render_bytes(&source, Some(step), OutputFormat::Jpeg, 90, Options::default()).unwrap();
    let decoded = image::load_from_memory_with_format(&out, ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (20, 40));
}
