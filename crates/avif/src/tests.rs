#![allow(clippy::unwrap_used)]

use image::{ColorType, DynamicImage, ImageDecoder};
use ravif::{BitDepth, ColorModel, Encoder, Img, RGB8, RGBA8};

use super::*;

/// Left half red, right half blue, `width`×`height`.
fn halves(width: usize, height: usize) -> Vec<RGB8> {
    (0..width * height)
        .map(|i| {
            if i % width < width / 2 {
                RGB8::new(220, 30, 30)
            } else {
                RGB8::new(30, 30, 220)
            }
        })
        .collect()
}

fn encoder(depth: BitDepth) -> Encoder<'static> {
    Encoder::new()
        .with_quality(90.0)
        .with_speed(10)
        .with_bit_depth(depth)
}

fn rgb_avif(width: usize, height: usize, depth: BitDepth) -> Vec<u8> {
    let pixels = halves(width, height);
    encoder(depth)
        .encode_rgb(Img::new(&pixels[..], width, height))
        .unwrap()
        .avif_file
}

fn decode(bytes: &[u8]) -> DynamicImage {
    DynamicImage::from_decoder(AvifDecoder::new(bytes).unwrap()).unwrap()
}

fn near(a: u8, b: u8) -> bool {
    a.abs_diff(b) <= 12
}

#[test]
fn sniffs_the_brand() {
    let bytes = rgb_avif(16, 16, BitDepth::Eight);
    assert!(is_avif(&bytes));
    assert!(!is_avif(b"\x89PNG\r\n\x1a\n"));
    assert!(!is_avif(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"));
}

#[test]
fn header_gives_size_depth_and_no_alpha() {
    let bytes = rgb_avif(64, 48, BitDepth::Eight);
    let decoder = AvifDecoder::new(&bytes).unwrap();
    assert_eq!(decoder.dimensions(), (64, 48));
    assert_eq!(decoder.color_type(), ColorType::Rgb8);
    assert_eq!(decoder.bit_depth(), 8);
}

#[test]
fn eight_bit_pixels_keep_their_colours() {
    let image = decode(&rgb_avif(64, 48, BitDepth::Eight)).to_rgb8();
    assert_eq!(image.dimensions(), (64, 48));
    let left = image.get_pixel(8, 24);
    let right = image.get_pixel(56, 24);
    assert!(near(left[0], 220) && near(left[2], 30), "left {left:?}");
    assert!(near(right[0], 30) && near(right[2], 220), "right {right:?}");
}

#[test]
fn ten_bit_sources_decode_to_sixteen_bit() {
    let bytes = rgb_avif(64, 48, BitDepth::Ten);
    let decoder = AvifDecoder::new(&bytes).unwrap();
    assert_eq!(decoder.bit_depth(), 10);
    assert_eq!(decoder.color_type(), ColorType::Rgb16);
    let image = DynamicImage::from_decoder(decoder).unwrap();
    let wide = image.as_rgb16().unwrap();
    // Full 16-bit scale: 220/255 of 65535 is about 56540.
    assert!(
        wide.get_pixel(8, 24)[0].abs_diff(56540) < 3000,
        "{:?}",
        wide.get_pixel(8, 24)
    );
    let narrow = image.to_rgb8();
    assert!(near(narrow.get_pixel(56, 24)[2], 220));
}

#[test]
fn rgb_colour_model_uses_the_identity_matrix() {
    let pixels = halves(32, 32);
    let bytes = encoder(BitDepth::Eight)
        .with_internal_color_model(ColorModel::RGB)
        .encode_rgb(Img::new(&pixels[..], 32, 32))
        .unwrap()
        .avif_file;
    let image = decode(&bytes).to_rgb8();
    let left = image.get_pixel(4, 16);
    assert!(
        near(left[0], 220) && near(left[1], 30) && near(left[2], 30),
        "{left:?}"
    );
}

#[test]
fn alpha_is_read_from_the_alpha_item() {
    let pixels: Vec<RGBA8> = (0..32 * 32)
        .map(|i| RGBA8::new(20, 200, 20, if i % 32 < 16 { 255 } else { 0 }))
        .collect();
    let bytes = encoder(BitDepth::Eight)
        .encode_rgba(Img::new(&pixels[..], 32, 32))
        .unwrap()
        .avif_file;
    let decoder = AvifDecoder::new(&bytes).unwrap();
    assert_eq!(decoder.color_type(), ColorType::Rgba8);
    let image = DynamicImage::from_decoder(decoder).unwrap().to_rgba8();
    let opaque = image.get_pixel(4, 16);
    assert!(near(opaque[1], 200) && opaque[3] > 245, "{opaque:?}");
    assert!(image.get_pixel(28, 16)[3] < 10);
}

#[test]
fn broken_files_are_errors_not_panics() {
    let bytes = rgb_avif(64, 64, BitDepth::Eight);
    for cut in [10, 40, bytes.len() / 2, bytes.len() - 20] {
        let result = AvifDecoder::new(&bytes[..cut]).map(DynamicImage::from_decoder);
        assert!(matches!(result, Err(_) | Ok(Err(_))), "cut at {cut} decoded");
    }
    let mut flipped = bytes.clone();
    let len = flipped.len();
    for b in &mut flipped[len - 60..len - 10] {
        *b ^= 0x5a;
    }
    // Damaged entropy-coded data may still decode to some picture; it must not panic.
    let _ = AvifDecoder::new(&flipped).map(DynamicImage::from_decoder);
    assert!(AvifDecoder::new(b"\0\0\0\x14ftypavif\0\0\0\0avif").is_err());
}

#[test]
fn a_header_claiming_400_megapixels_is_read_without_decoding() {
    let bytes = test_files::still(&test_files::sequence_header(20_000, 20_000), 0);
    assert!(is_avif(&bytes));
    let decoder = AvifDecoder::new(&bytes).unwrap();
    assert_eq!(decoder.dimensions(), (20_000, 20_000));
}

#[test]
fn a_header_without_a_frame_fails_to_decode() {
    let bytes = test_files::still(&test_files::sequence_header(64, 64), 0);
    let decoder = AvifDecoder::new(&bytes).unwrap();
    assert!(DynamicImage::from_decoder(decoder).is_err());
}

#[test]
fn irot_becomes_the_orientation() {
    let encoded = rgb_avif(64, 32, BitDepth::Eight);
    let context = mp4parse::read_avif(&mut Cursor::new(&encoded), ParseStrictness::Permissive).unwrap();
    let av1 = context.primary_item_coded_data().unwrap();
    for (turns, expected) in [
        (0, Orientation::NoTransforms),
        (1, Orientation::Rotate270),
        (2, Orientation::Rotate180),
        (3, Orientation::Rotate90),
    ] {
        let mut decoder = AvifDecoder::new(&test_files::still(av1, turns)).unwrap();
        assert_eq!(decoder.orientation().unwrap(), expected, "irot {turns}");
        let mut image = DynamicImage::from_decoder(decoder).unwrap();
        image.apply_orientation(expected);
        if turns == 1 {
            // 90° anti-clockwise: the red left half ends up at the bottom.
            let image = image.to_rgb8();
            assert_eq!(image.dimensions(), (32, 64));
            assert!(
                near(image.get_pixel(16, 56)[0], 220),
                "{:?}",
                image.get_pixel(16, 56)
            );
            assert!(
                near(image.get_pixel(16, 8)[2], 220),
                "{:?}",
                image.get_pixel(16, 8)
            );
        }
    }
}
