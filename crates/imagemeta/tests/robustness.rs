//! No input makes `metadata` or `embedded_metadata` panic: every truncation of small JPEG,
//! PNG, GIF and WebP files, garbage behind each format's magic bytes, and EXIF/IPTC blocks
//! with every byte corrupted. A panic hook counts panics, including ones the library's
//! `catch_unwind` would hide.

mod support;

use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::DynamicImage;
use imagemeta::{MetadataError, embedded_metadata, metadata};
use support::images::{self, insert_jpeg_segment, iptc_app13, pattern, rgba};
use support::tiff::camera_exif;

static PANICS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

fn count_panics() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

/// Runs both entry points; returns whether `metadata` succeeded.
fn exercise(bytes: &[u8]) -> bool {
    let result = metadata(bytes);
    let _ = embedded_metadata(bytes);
    if let Ok(meta) = &result {
        assert!(meta["width"].as_u64().is_some_and(|w| w > 0));
        assert!(meta["pHash"].is_string());
    }
    result.is_ok()
}

fn jpeg_with_everything() -> Vec<u8> {
    let exif = camera_exif(false).build();
    let base = images::jpeg_with(&pattern(24, 16, 1), 75, None, Some(vec![3; 64]), Some(exif));
    insert_jpeg_segment(&base, 0xED, &iptc_app13(&["a", "b"], "caption"))
}

#[test]
fn every_truncation_of_small_files() {
    count_panics();
    let exif = camera_exif(true).build();
    let png = images::png_with(
        &DynamicImage::ImageRgba8(rgba(12, 10, true)),
        Some(vec![5; 40]),
        Some(exif),
    );
    let encode = |format| {
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(rgba(12, 10, true))
            .write_to(&mut std::io::Cursor::new(&mut out), format)
            .expect("encode");
        out
    };
    let files = [
        ("jpeg", jpeg_with_everything()),
        ("png", png),
        ("gif", encode(image::ImageFormat::Gif)),
        ("webp", encode(image::ImageFormat::WebP)),
        ("bmp", encode(image::ImageFormat::Bmp)),
        ("tiff", encode(image::ImageFormat::Tiff)),
    ];
    for (name, file) in &files {
        assert!(exercise(file), "the whole {name} must read");
        for len in 0..file.len() {
            let truncated = &file[..len];
            let ok = exercise(truncated);
            // Cut inside the header, a file must be refused.
            if len < 20 {
                assert!(!ok, "{name} cut at {len} was accepted");
            }
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn png_truncations_are_errors() {
    let png = images::png(&DynamicImage::ImageRgb8(pattern(20, 20, 3)));
    for len in 0..png.len() - 12 {
        match metadata(&png[..len]) {
            Err(MetadataError::NotAnImage | MetadataError::Corrupt(_)) => {}
            other => panic!("png cut at {len}: {other:?}"),
        }
    }
}

#[test]
fn garbage_after_magic_bytes() {
    count_panics();
    let magics: [&[u8]; 7] = [
        b"\xFF\xD8\xFF",
        b"\xFF\xD8\xFF\xE1\x00\x20Exif\0\0II*\0",
        b"\x89PNG\r\n\x1a\n",
        b"GIF89a",
        b"RIFF\x00\x10\x00\x00WEBPVP8 ",
        b"II*\0",
        b"BM",
    ];
    let mut seed = 0x2545_F491_u32;
    for magic in magics {
        for length in [0usize, 1, 7, 64, 600] {
            let mut bytes = magic.to_vec();
            bytes.extend((0..length).map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            }));
            assert!(
                !exercise(&bytes) || bytes.len() > 100,
                "garbage accepted: {bytes:?}"
            );
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn every_byte_of_exif_and_iptc_corrupted() {
    count_panics();
    let file = jpeg_with_everything();
    // The metadata segments sit between SOI and the first DQT.
    let metadata_end = file.windows(2).position(|w| w == [0xFF, 0xDB]).expect("DQT");
    for pos in 2..metadata_end {
        for value in [0x00, 0xFF, 0x7F] {
            let mut broken = file.clone();
            broken[pos] = value;
            exercise(&broken);
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn plain_jpeg_still_reads_after_exif_damage() {
    let exif = camera_exif(false).build();
    let mut broken_exif = exif.clone();
    broken_exif[4..8].copy_from_slice(&[0xFF; 4]); // IFD0 offset far out of range
    let file = images::jpeg_with(&pattern(16, 16, 1), 80, None, None, Some(broken_exif));
    let meta = metadata(&file).expect("metadata despite broken EXIF");
    assert_eq!(meta["exif"], serde_json::json!({}));
    assert!(embedded_metadata(&file).is_empty());
}
