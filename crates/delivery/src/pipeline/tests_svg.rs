//! SVG sources: rasterised at their own size, at a density, or straight at the first resize;
//! never reading a file or the network; bombs and oversized files refused.
#![allow(clippy::unwrap_used, reason = "test inputs are generated and valid")]

use std::io::ErrorKind;
use std::net::TcpListener;

use image::{ImageFormat, RgbaImage};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::tests_formats::{near, render_bytes, resize_to};
use super::*;

/// 200×100: a red left half and a blue right half.
const HALVES: &str = r#"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 20 10">
  <rect x="0" y="0" width="10" height="10" fill="red"/>
  <rect x="10" y="0" width="10" height="10" fill="blue"/>
</svg>"#;

fn render_png(svg: &str, step: Option<StepSpec>, options: Options) -> Result<RgbaImage, RenderError> {
    let bytes = render_bytes(svg.as_bytes(), step, OutputFormat::Png, 80, options)?;
    Ok(image::load_from_memory_with_format(&bytes, ImageFormat::Png)
        .unwrap()
        .to_rgba8())
}

fn rgb(image: &RgbaImage, x: u32, y: u32) -> [u8; 3] {
    let p = image.get_pixel(x, y).0;
    [p[0], p[1], p[2]]
}

#[test]
fn svg_rasterises_at_its_size() {
    let out = render_png(HALVES, None, Options::default()).unwrap();
    assert_eq!(out.dimensions(), (200, 100));
    assert_eq!(rgb(&out, 50, 50), [255, 0, 0]);
    assert_eq!(rgb(&out, 150, 50), [0, 0, 255]);
}

#[test]
fn svg_resize_draws_at_the_target_size() {
    let out = render_png(HALVES, Some(resize_to(1000, Some(500))), Options::default()).unwrap();
    assert_eq!(out.dimensions(), (1000, 500));
    // Drawn at 1000 px, the edge between the halves stays one pixel wide (an upscale blurs it).
    assert_eq!(rgb(&out, 498, 250), [255, 0, 0]);
    assert_eq!(rgb(&out, 501, 250), [0, 0, 255]);
}

#[test]
fn density_scales_from_72_dpi() {
    let options = Options {
        density: Some(144),
        ..Options::default()
    };
    let out = render_png(HALVES, None, options).unwrap();
    assert_eq!(out.dimensions(), (400, 200));
}

#[test]
fn svg_to_jpeg_flattens_on_the_background() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="20" height="20" fill="red"/></svg>"#;
    let bytes = render_bytes(svg.as_bytes(), None, OutputFormat::Jpeg, 90, Options::default()).unwrap();
    let out = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg)
        .unwrap()
        .to_rgb8();
    assert_eq!(out.dimensions(), (40, 20));
    assert!(near(out.get_pixel(5, 10).0, [255, 0, 0], 12));
    assert!(near(out.get_pixel(35, 10).0, [255, 255, 255], 12));
}

#[test]
fn links_to_files_and_urls_are_never_followed() {
    // A red PNG on disk and a listener on a local port: an SVG linking to them must draw neither
    // and connect to nothing.
    let path = std::env::temp_dir().join(format!("halftone-svg-link-{}.png", std::process::id()));
    let red = RgbaImage::from_pixel(10, 10, image::Rgba([255, 0, 0, 255]));
    red.save_with_format(&path, ImageFormat::Png).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let file = path.display();
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="10">
          <image x="0" y="0" width="10" height="10" href="{file}"/>
          <image x="10" y="0" width="10" height="10" xlink:href="file://{file}"/>
          <image x="20" y="0" width="10" height="10" href="http://127.0.0.1:{port}/red.png"/>
          <image x="30" y="0" width="10" height="10" href="file:///etc/passwd"/>
        </svg>"#
    );
    let out = render_png(&svg, None, Options::default()).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.dimensions(), (40, 10));
    for x in [5, 15, 25, 35] {
        assert_eq!(out.get_pixel(x, 5)[3], 0, "something was drawn at x={x}");
    }
    assert!(matches!(listener.accept(), Err(e) if e.kind() == ErrorKind::WouldBlock));
}

#[test]
fn embedded_data_images_are_drawn() {
    let inner = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="lime"/></svg>"#;
    let href = format!(
        "data:image/svg+xml,{}",
        utf8_percent_encode(inner, NON_ALPHANUMERIC)
    );
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><image width="10" height="10" href="{href}"/></svg>"#
    );
    let out = render_png(&svg, None, Options::default()).unwrap();
    assert_eq!(rgb(&out, 5, 5), [0, 255, 0]);
    assert_eq!(out.get_pixel(15, 5)[3], 0);
}

#[test]
fn svg_bombs_are_refused_before_allocating() {
    for (w, h) in [("1000000", "1000000"), ("70000", "10"), ("1e30", "1e30")] {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"><rect width="10" height="10"/></svg>"#
        );
        let out = render_png(&svg, None, Options::default());
        assert!(
            matches!(out, Err(RenderError::TooLarge { .. })),
            "{w}x{h}: {out:?}"
        );
    }
    // A sane SVG asked for at a huge density is refused the same way.
    let options = Options {
        density: Some(5000),
        ..Options::default()
    };
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"/>"#;
    assert!(matches!(
        render_png(svg, None, options),
        Err(RenderError::TooLarge { .. })
    ));
}

#[test]
fn oversized_and_broken_svgs_are_refused() {
    let padding = " ".repeat(svg::MAX_SVG_BYTES);
    let big = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{padding}</svg>"#);
    assert!(matches!(
        render_png(&big, None, Options::default()),
        Err(RenderError::Corrupt(_))
    ));
    let broken = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect"#;
    assert!(matches!(
        render_png(broken, None, Options::default()),
        Err(RenderError::Corrupt(_))
    ));
}
