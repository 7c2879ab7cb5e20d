//! Encoded test images: smooth patterns (for pHash), PNG/JPEG encoding with optional EXIF or
//! ICC, and byte-level insertion of JPEG segments and PNG chunks.

use std::f64::consts::PI;
use std::io::Cursor;

use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// A smooth photo-like pattern: blobs and waves whose layout depends on `seed`.
pub fn pattern(width: u32, height: u32, seed: u32) -> RgbImage {
    let s = f64::from(seed);
    RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (f64::from(x) / f64::from(width), f64::from(y) / f64::from(height));
        let wave = (2.0 * PI * (u * (1.0 + s) + v * (2.0 - s * 0.5))).sin();
        let (cx, cy) = (0.3 + 0.4 * (s * 0.37).fract(), 0.6 - 0.3 * (s * 0.61).fract());
        let blob = (-((u - cx).powi(2) + (v - cy).powi(2)) * 18.0).exp();
        let value = 110.0 + 60.0 * wave + 120.0 * blob - 40.0 * u;
        let grey = value.clamp(0.0, 255.0) as u8;
        Rgb([grey, grey.saturating_add(20), 255 - grey])
    })
}

pub fn png(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

pub fn png_with(image: &DynamicImage, icc: Option<Vec<u8>>, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = PngEncoder::new(&mut out);
    if let Some(icc) = icc {
        encoder.set_icc_profile(icc).expect("png icc");
    }
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).expect("png exif");
    }
    encoder
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .expect("encode png");
    out
}

pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    jpeg_with(image, quality, None, None, None)
}

pub fn jpeg_with(
    image: &RgbImage,
    quality: u8,
    density: Option<PixelDensity>,
    icc: Option<Vec<u8>>,
    exif: Option<Vec<u8>>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(density) = density {
        encoder.set_pixel_density(density);
    }
    if let Some(icc) = icc {
        encoder.set_icc_profile(icc).expect("jpeg icc");
    }
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).expect("jpeg exif");
    }
    encoder
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode jpeg");
    out
}

/// An RGBA image, opaque except for a transparent square when `hole` is set.
pub fn rgba(width: u32, height: u32, hole: bool) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, y| {
        let alpha = if hole && x < width / 2 && y < height / 2 {
            0
        } else {
            255
        };
        Rgba([(x * 7) as u8, (y * 5) as u8, 90, alpha])
    })
}

/// Inserts a JPEG marker segment right after SOI.
pub fn insert_jpeg_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    let length = u16::try_from(payload.len() + 2).expect("segment fits");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, marker]);
    out.extend(length.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An APP13 payload carrying IPTC keywords and a caption.
pub fn iptc_app13(keywords: &[&str], caption: &str) -> Vec<u8> {
    let mut iim = Vec::new();
    let mut dataset = |number: u8, text: &str| {
        iim.extend([0x1C, 2, number]);
        iim.extend(u16::try_from(text.len()).expect("short").to_be_bytes());
        iim.extend_from_slice(text.as_bytes());
    };
    for keyword in keywords {
        dataset(25, keyword);
    }
    dataset(120, caption);
    dataset(55, "20190824");
    let mut payload = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    payload.extend(u32::try_from(iim.len()).expect("short").to_be_bytes());
    payload.extend(iim);
    payload
}

/// Inserts a PNG chunk (with its CRC) right after IHDR.
pub fn insert_png_chunk(png: &[u8], kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let after_ihdr = 8 + 8 + 13 + 4;
    let mut chunk = u32::try_from(data.len()).expect("short").to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    chunk.extend_from_slice(&body);
    chunk.extend(crc32(&body).to_be_bytes());
    let mut out = png[..after_ihdr].to_vec();
    out.extend(chunk);
    out.extend_from_slice(&png[after_ihdr..]);
    out
}

/// A PNG whose IHDR declares `width` x `height` but which has no real pixel data.
pub fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", ihdr.as_slice()),
        (b"IDAT", &[0x78, 0x9c, 0x03, 0x00][..]),
        (b"IEND", &[]),
    ] {
        out.extend(u32::try_from(data.len()).expect("short").to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    out
}

/// CRC-32 (ISO-HDLC), as PNG chunks use.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
