//! The Metadata object's top-level fields: size, format, transparency, colour profile,
//! quality, density and the perceptual hash, plus the size limits.

mod support;

use image::codecs::jpeg::PixelDensity;
use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma};
use imagemeta::{MetadataError, hamming_distance, metadata};
use serde_json::Value;
use support::images::{self, jpeg, pattern, png, rgba};
use support::tiff::camera_exif;

fn phash(bytes: &[u8]) -> u64 {
    let meta = metadata(bytes).expect("metadata");
    let hex = meta["pHash"].as_str().expect("pHash string");
    assert_eq!(hex.len(), 16);
    u64::from_str_radix(hex, 16).expect("hex")
}

fn encode(image: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("encode");
    out
}

#[test]
fn png_basics_and_transparency() {
    let holed = png(&DynamicImage::ImageRgba8(rgba(40, 30, true)));
    let meta = metadata(&holed).expect("metadata");
    assert_eq!(meta["width"], 40);
    assert_eq!(meta["height"], 30);
    assert_eq!(meta["size"], holed.len());
    assert_eq!(meta["format"], "png");
    assert_eq!(meta["hasTransparency"], true);
    assert_eq!(meta["hasColorProfile"], false);
    assert_eq!(meta["quality"], 0);
    assert_eq!(meta["density"], 72);
    assert_eq!(meta["exif"], serde_json::json!({}));

    let opaque = png(&DynamicImage::ImageRgba8(rgba(40, 30, false)));
    assert_eq!(metadata(&opaque).expect("metadata")["hasTransparency"], false);
    let rgb = png(&DynamicImage::ImageRgb8(pattern(20, 20, 1)));
    assert_eq!(metadata(&rgb).expect("metadata")["hasTransparency"], false);
}

#[test]
fn every_format_is_named_like_imagekit() {
    let image = DynamicImage::ImageRgb8(pattern(24, 16, 2));
    let cases = [
        (image::ImageFormat::Jpeg, "jpg"),
        (image::ImageFormat::Png, "png"),
        (image::ImageFormat::Gif, "gif"),
        (image::ImageFormat::WebP, "webp"),
        (image::ImageFormat::Bmp, "bmp"),
        (image::ImageFormat::Tiff, "tiff"),
    ];
    for (format, name) in cases {
        let meta = metadata(&encode(&image, format)).expect("metadata");
        assert_eq!(meta["format"], name);
        assert_eq!(
            (meta["width"].as_u64(), meta["height"].as_u64()),
            (Some(24), Some(16)),
            "{name}"
        );
        assert!(meta["quality"].is_u64() && meta["density"].is_u64(), "{name}");
    }
}

#[test]
fn jpeg_quality_estimate() {
    let image = pattern(64, 48, 3);
    for quality in [50u8, 90] {
        let meta = metadata(&jpeg(&image, quality)).expect("metadata");
        let estimate = meta["quality"].as_u64().expect("integer quality");
        assert!(
            estimate.abs_diff(u64::from(quality)) <= 5,
            "q={quality} estimated {estimate}"
        );
    }
}

#[test]
fn density_sources() {
    let image = pattern(16, 16, 4);
    let jfif_dpi = images::jpeg_with(&image, 80, Some(PixelDensity::dpi(150)), None, None);
    assert_eq!(metadata(&jfif_dpi).expect("metadata")["density"], 150);

    let aspect_only = jpeg(&image, 80);
    assert_eq!(metadata(&aspect_only).expect("metadata")["density"], 72);

    // EXIF XResolution (300 dpi) wins over JFIF.
    let exif = camera_exif(false).build();
    let both = images::jpeg_with(&image, 80, Some(PixelDensity::dpi(150)), None, Some(exif));
    assert_eq!(metadata(&both).expect("metadata")["density"], 300);

    // PNG pHYs: 3780 px/m = 96 dpi.
    let plain = png(&DynamicImage::ImageRgb8(image));
    let phys = [&3780u32.to_be_bytes()[..], &3780u32.to_be_bytes(), &[1]].concat();
    let with_phys = images::insert_png_chunk(&plain, b"pHYs", &phys);
    assert_eq!(metadata(&with_phys).expect("metadata")["density"], 96);
}

#[test]
fn colour_profile_is_detected() {
    let image = pattern(16, 16, 5);
    let icc = vec![7u8; 200];
    let jpeg = images::jpeg_with(&image, 80, None, Some(icc.clone()), None);
    assert_eq!(metadata(&jpeg).expect("metadata")["hasColorProfile"], true);
    let png = images::png_with(&DynamicImage::ImageRgb8(image), Some(icc), None);
    assert_eq!(metadata(&png).expect("metadata")["hasColorProfile"], true);
}

#[test]
fn phash_is_stable_under_resize_and_recompression() {
    let original = pattern(256, 256, 1);
    let base = phash(&png(&DynamicImage::ImageRgb8(original.clone())));

    let smaller = imageops::resize(&original, 128, 128, FilterType::Lanczos3);
    let resized = phash(&png(&DynamicImage::ImageRgb8(smaller)));
    assert!(
        hamming_distance(base, resized) <= 6,
        "resized differs by {}",
        hamming_distance(base, resized)
    );

    let recompressed = phash(&jpeg(&original, 70));
    assert!(
        hamming_distance(base, recompressed) <= 6,
        "jpeg differs by {}",
        hamming_distance(base, recompressed)
    );

    for seed in [2, 5] {
        let other = phash(&png(&DynamicImage::ImageRgb8(pattern(256, 256, seed))));
        let distance = hamming_distance(base, other);
        assert!(distance >= 20, "seed {seed} differs by only {distance}");
    }
    let flipped = imageops::flip_vertical(&original);
    let distance = hamming_distance(base, phash(&png(&DynamicImage::ImageRgb8(flipped))));
    assert!(distance >= 20, "flipped differs by only {distance}");
}

#[test]
fn phash_of_large_image_uses_the_shrink_path() {
    let big = imageops::resize(&pattern(256, 256, 1), 1200, 1200, FilterType::Triangle);
    let small = pattern(256, 256, 1);
    let distance = hamming_distance(
        phash(&png(&DynamicImage::ImageRgb8(big))),
        phash(&png(&DynamicImage::ImageRgb8(small))),
    );
    assert!(distance <= 6, "differs by {distance}");
}

#[test]
fn oversized_images_are_refused_before_decoding() {
    let huge = images::png_header_only(20_000, 20_000);
    assert_eq!(
        metadata(&huge),
        Err(MetadataError::TooLarge {
            width: 20_000,
            height: 20_000
        })
    );
    // Under the pixel limit, the header-only file is simply corrupt.
    let small = images::png_header_only(100, 100);
    assert!(matches!(metadata(&small), Err(MetadataError::Corrupt(_))));
}

#[test]
fn non_images_are_rejected() {
    assert_eq!(metadata(b""), Err(MetadataError::NotAnImage));
    assert_eq!(metadata(b"hello, world"), Err(MetadataError::NotAnImage));
    assert_eq!(
        metadata(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        Err(MetadataError::NotAnImage)
    );
}

#[test]
fn greyscale_and_sixteen_bit_images() {
    let grey = GrayImage::from_fn(30, 20, |x, y| Luma([(x * 8 + y) as u8]));
    let meta = metadata(&png(&DynamicImage::ImageLuma8(grey))).expect("metadata");
    assert_eq!(meta["hasTransparency"], false);
    let deep = DynamicImage::ImageRgba16(DynamicImage::ImageRgba8(rgba(10, 10, true)).to_rgba16());
    let meta = metadata(&png(&deep)).expect("metadata");
    assert_eq!(meta["hasTransparency"], true);
    assert!(matches!(meta["pHash"], Value::String(_)));
}

#[test]
fn avif_metadata_from_its_own_decoder() {
    let pixels: Vec<ravif::RGBA8> = (0..48 * 32)
        .map(|i| ravif::RGBA8::new(200, 40, 40, if i % 48 < 24 { 255 } else { 0 }))
        .collect();
    let bytes = ravif::Encoder::new()
        .with_speed(10)
        .encode_rgba(ravif::Img::new(&pixels[..], 48, 32))
        .expect("encode")
        .avif_file;
    let meta = metadata(&bytes).expect("metadata");
    assert_eq!(
        (meta["width"].clone(), meta["height"].clone()),
        (48.into(), 32.into())
    );
    assert_eq!(meta["format"], "avif");
    assert_eq!(meta["hasTransparency"], true);
    assert_eq!(meta["quality"], 0);
    assert_eq!(meta["pHash"].as_str().map(str::len), Some(16));
    // A header claiming 400 MP is refused before any pixel is decoded.
    let bomb = avif::test_files::still(&avif::test_files::sequence_header(20_000, 20_000), 0);
    assert_eq!(
        metadata(&bomb),
        Err(MetadataError::TooLarge {
            width: 20_000,
            height: 20_000
        })
    );
}
