//! Reads what an upload is from its first bytes: image format, size and alpha from the
//! header only (no pixel decoding, so a decompression bomb costs nothing here), otherwise
//! a MIME type guessed from the file name.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader};

#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub mime: String,
    pub file_type: &'static str,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub has_alpha: bool,
}

pub fn probe(bytes: &[u8], file_name: &str) -> Probe {
    if let Some(image) = probe_raster(bytes) {
        return image;
    }
    if looks_like_svg(bytes) {
        let size = svg_size(bytes);
        return Probe {
            mime: "image/svg+xml".into(),
            file_type: "image",
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            has_alpha: true,
        };
    }
    let mime = mime_guess::from_path(file_name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned();
    Probe {
        mime,
        file_type: "non-image",
        width: None,
        height: None,
        has_alpha: false,
    }
}

fn probe_raster(bytes: &[u8]) -> Option<Probe> {
    if avif::is_avif(bytes) {
        return probe_avif(bytes);
    }
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let format = reader.format()?;
    let mime = mime_of(format)?;
    let decoder = reader.into_decoder().ok()?;
    let (width, height) = decoder.dimensions();
    Some(Probe {
        mime: mime.into(),
        file_type: "image",
        width: Some(i64::from(width)),
        height: Some(i64::from(height)),
        has_alpha: decoder.color_type().has_alpha(),
    })
}

/// AVIF through the `avif` crate (the `image` build here has no AVIF decoder); a broken file
/// is still stored, as a non-image like any other unreadable upload.
fn probe_avif(bytes: &[u8]) -> Option<Probe> {
    let decoder = avif::AvifDecoder::new(bytes).ok()?;
    let (width, height) = decoder.dimensions();
    Some(Probe {
        mime: "image/avif".into(),
        file_type: "image",
        width: Some(i64::from(width)),
        height: Some(i64::from(height)),
        has_alpha: decoder.color_type().has_alpha(),
    })
}

fn mime_of(format: ImageFormat) -> Option<&'static str> {
    Some(match format {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Gif => "image/gif",
        ImageFormat::WebP => "image/webp",
        ImageFormat::Bmp => "image/bmp",
        ImageFormat::Tiff => "image/tiff",
        _ => return None,
    })
}

/// Larger SVGs are not transformed (ImageKit's vector limit), so their size is not needed.
const MAX_SVG_BYTES: usize = 5 * 1024 * 1024;

/// The SVG's own size in CSS pixels (`width`/`height`, else its `viewBox`), parsed without
/// following any link.
fn svg_size(bytes: &[u8]) -> Option<(i64, i64)> {
    if bytes.len() > MAX_SVG_BYTES {
        return None;
    }
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let size = usvg::Tree::from_data(bytes, &options).ok()?.size();
    let side = |v: f32| (0.5..=1e9).contains(&v).then(|| v.round() as i64);
    Some((side(size.width())?, side(size.height())?))
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<svg") || text.starts_with("<?xml")) && text.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    // A 1x1 RGBA PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0,
        0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c,
        0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn png_header_gives_size_and_alpha() {
        let p = probe(PNG, "x.bin");
        assert_eq!(
            (p.mime.as_str(), p.file_type, p.width, p.height, p.has_alpha),
            ("image/png", "image", Some(1), Some(1), true)
        );
    }

    #[test]
    fn other_bytes_are_non_images_typed_by_name() {
        let p = probe(b"hello", "notes.txt");
        assert_eq!(
            (p.mime.as_str(), p.file_type, p.width),
            ("text/plain", "non-image", None)
        );
        let p = probe(b"\x89PNG\r\n\x1a\ntruncated", "broken.png");
        assert_eq!(p.file_type, "non-image");
    }

    #[test]
    fn avif_header_gives_size_without_decoding() {
        // A container around a bare sequence header: no frame to decode, yet the size is known.
        let bytes = avif::test_files::still(&avif::test_files::sequence_header(4000, 3000), 0);
        let p = probe(&bytes, "upload.bin");
        assert_eq!(
            (p.mime.as_str(), p.file_type, p.width, p.height, p.has_alpha),
            ("image/avif", "image", Some(4000), Some(3000), false)
        );
        let p = probe(&bytes[..bytes.len() - 4], "cut.avif");
        assert_eq!(
            (p.mime.as_str(), p.file_type, p.width),
            ("image/avif", "non-image", None)
        );
    }

    #[test]
    fn svg_size_from_attributes_or_view_box() {
        let cases: [(&[u8], Option<i64>, Option<i64>); 4] = [
            (
                b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80\"/>",
                Some(120),
                Some(80),
            ),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 30 20\"/>", Some(30), Some(20)),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1in\" height=\"2in\"/>", Some(96), Some(192)),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", None, None),
        ];
        for (bytes, width, height) in cases {
            let p = probe(bytes, "a.svg");
            assert_eq!((p.mime.as_str(), p.file_type), ("image/svg+xml", "image"));
            assert_eq!(
                (p.width, p.height),
                (width, height),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
