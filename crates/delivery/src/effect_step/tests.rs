//! From transformation text to pixels: each new parameter parsed, resolved and rendered, and
//! bad or unsupported values refused before rendering.

use std::collections::HashMap;

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};

use crate::DeliveryError;
use crate::pipeline::{self, Output, OutputFormat, RenderError};
use crate::target::Target;
use crate::transform_step::{Prepared, resolve};

const RED: Rgba<u8> = Rgba([220, 20, 20, 255]);
const BLUE: Rgba<u8> = Rgba([20, 40, 200, 255]);

fn png(image: RgbaImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let written = DynamicImage::ImageRgba8(image).write_to(&mut out, ImageFormat::Png);
    assert!(written.is_ok(), "{written:?}");
    out.into_inner()
}

/// Renders `source` with the transformation `tr` as PNG.
fn render(tr: &str, source: RgbaImage) -> Result<RgbaImage, RenderError> {
    let plan = transform::parse(tr).map_err(|e| RenderError::Unsupported(e.to_string()))?;
    let mut steps = plan.steps.into_iter();
    let rendered = pipeline::render(
        &png(source),
        None,
        |w, h| {
            steps
                .next()
                .map(|s| resolve(&s, w, h, w, h, None, (0, 0)))
                .transpose()
        },
        |_| Output {
            format: OutputFormat::Png,
            quality: 80,
            background: Rgba([255, 255, 255, 255]),
        },
    )?;
    let decoded =
        image::load_from_memory(&rendered.bytes).map_err(|e| RenderError::Internal(e.to_string()))?;
    Ok(decoded.to_rgba8())
}

fn ok(tr: &str, source: RgbaImage) -> RgbaImage {
    render(tr, source).unwrap_or_else(|e| panic!("{tr}: {e}"))
}

/// 200×100 blue with a red 40×20 rectangle at (20, 30).
fn picture() -> RgbaImage {
    RgbaImage::from_fn(200, 100, |x, y| {
        if (20..60).contains(&x) && (30..50).contains(&y) {
            RED
        } else {
            BLUE
        }
    })
}

#[test]
fn each_parameter_renders() {
    assert_eq!(ok("t-true", picture()).dimensions(), (40, 20));
    assert_eq!(ok("t-true:w-20", picture()).dimensions(), (20, 10));
    let faded = ok("o-50", picture());
    assert_eq!(faded.get_pixel(0, 0), &Rgba([20, 40, 200, 128]));
    let turned = ok("rt-45", picture());
    assert_eq!(turned.dimensions(), (213, 213));
    assert_eq!(turned.get_pixel(0, 0)[3], 0);
    assert_eq!(
        ok("rt-N45,bg-00FF00", picture()).get_pixel(0, 0),
        &Rgba([0, 255, 0, 255])
    );
    let padded = ok("w-200,h-200,cm-pad_resize,bg-dominant", picture());
    assert_eq!(
        (padded.dimensions(), padded.get_pixel(100, 10)),
        ((200, 200), &BLUE)
    );
    let gradient = ok("w-200,h-200,cm-pad_resize,bg-gradient_dominant", picture());
    assert_eq!(gradient.get_pixel(100, 0), &BLUE);
    assert_eq!(gradient.get_pixel(100, 199), &RED);
    let blurred = ok("w-200,h-200,cm-pad_resize,bg-blurred_0_N20", picture());
    assert_eq!(blurred.get_pixel(100, 10), &Rgba([0, 20, 180, 255]));
    let tinted = ok("e-colorize-co-red_in-100", picture());
    assert!(tinted.get_pixel(0, 0)[0] > tinted.get_pixel(0, 0)[2]);
    let replaced = ok("cr-00FF00_10_DC1414", picture());
    assert_eq!(replaced.get_pixel(30, 40), &Rgba([0, 255, 0, 255]));
    assert_eq!(replaced.get_pixel(0, 0), &BLUE);
    let graded = ok("e-gradient", picture());
    assert!(
        graded.get_pixel(100, 0)[0] > 240,
        "{:?}",
        graded.get_pixel(100, 0)
    );
    let object = RgbaImage::from_fn(100, 100, |x, y| {
        if (30..70).contains(&x) && (30..70).contains(&y) {
            RED
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let shadowed = ok("e-shadow-bl-2_st-50_x-10_y-10", object);
    assert!(shadowed.get_pixel(75, 75)[3] > 60);
    assert_eq!(shadowed.get_pixel(50, 50), &RED);
}

#[test]
fn render_time_limits_are_bad_requests() {
    let big = RgbaImage::from_pixel(1500, 1500, Rgba([0, 0, 0, 0]));
    let err = render("e-shadow", big);
    assert!(
        matches!(&err, Err(RenderError::Unsupported(m)) if m.contains("2 megapixels")),
        "{err:?}"
    );
    let strip = RgbaImage::from_pixel(30_000, 20, RED);
    let err = render("rt-30", strip);
    assert!(matches!(err, Err(RenderError::OutputTooLarge { .. })), "{err:?}");
}

#[test]
fn bad_and_unsupported_values_are_refused_up_front() {
    let prepare = |tr: &str| {
        let target = Target::parse(&format!("/tr:{tr}/a.png")).unwrap_or_else(|e| panic!("{e:?}"));
        Prepared::new(&target, None, &HashMap::new()).err()
    };
    for tr in [
        "t-100",
        "t-0",
        "o-101",
        "bg-blurred_101",
        "bg-blurred_auto_N256",
        "bg-gradient_dominant_3",
        "e-shadow-bl-16",
        "e-shadow-x-N101",
        "e-gradient-ld-400",
        "e-colorize-in-101",
        "cr-red_101",
        "rt-4.5",
        "e-bgremove",
        "bg-genfill",
    ] {
        let err = prepare(tr);
        assert!(
            matches!(err, Some(DeliveryError::BadTransformation(_))),
            "{tr}: {err:?}"
        );
    }
    for tr in [
        "t-true",
        "o-0",
        "rt-33",
        "bg-blurred_auto_N40",
        "e-shadow-x-N5",
        "cr-red",
    ] {
        assert!(prepare(tr).is_none(), "{tr}");
    }
}
