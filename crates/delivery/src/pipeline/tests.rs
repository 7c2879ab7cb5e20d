//! Renders of generated images, checked by dimensions, format and a perceptual hash.

use super::geometry::{Anchor, Mode, Request, Strategy};
use super::*;
use image::RgbaImage;

/// A 400×300 photo-like image: a gradient with a red square in the top-left quarter.
fn photo() -> Vec<u8> {
    super::tests_formats::photo_png()
}

fn run(steps: Vec<StepSpec>, format: OutputFormat) -> DynamicImage {
    let mut steps = steps.into_iter();
    let rendered = render(
        &photo(),
        None,
        |_, _| Ok(steps.next()),
        |_| Output {
            format,
            quality: 80,
            background: Rgba([255, 255, 255, 255]),
        },
    );
    let rendered = rendered.unwrap_or_else(|e| panic!("render: {e}"));
    assert_eq!(rendered.mime, format.mime());
    image::load_from_memory(&rendered.bytes).unwrap_or_else(|e| panic!("decode output: {e}"))
}

fn step(width: Option<u32>, height: Option<u32>) -> StepSpec {
    StepSpec {
        geometry: Request {
            width,
            height,
            ..Request::default()
        },
        ..StepSpec::default()
    }
}

/// Average hash of an 8×8 greyscale thumbnail.
fn ahash(image: &DynamicImage) -> u64 {
    let small = image
        .resize_exact(8, 8, image::imageops::FilterType::Triangle)
        .to_luma8();
    let mean = small.pixels().map(|p| u32::from(p[0])).sum::<u32>() / 64;
    small.pixels().enumerate().fold(0u64, |acc, (i, p)| {
        if u32::from(p[0]) > mean {
            acc | (1 << i)
        } else {
            acc
        }
    })
}

#[test]
fn sizes_for_every_mode() {
    let cases: Vec<(StepSpec, (u32, u32))> = vec![
        (step(Some(200), None), (200, 150)),
        (step(None, Some(150)), (200, 150)),
        (step(Some(100), Some(100)), (100, 100)),
        (
            StepSpec {
                geometry: Request {
                    strategy: Strategy::Force,
                    ..step(Some(100), Some(40)).geometry
                },
                ..StepSpec::default()
            },
            (100, 40),
        ),
        (
            StepSpec {
                geometry: Request {
                    strategy: Strategy::AtMax,
                    ..step(Some(100), Some(100)).geometry
                },
                ..StepSpec::default()
            },
            (100, 75),
        ),
        (
            StepSpec {
                geometry: Request {
                    strategy: Strategy::AtLeast,
                    ..step(Some(100), Some(100)).geometry
                },
                ..StepSpec::default()
            },
            (133, 100),
        ),
        (
            StepSpec {
                geometry: Request {
                    mode: Some(Mode::PadResize),
                    ..step(Some(100), Some(100)).geometry
                },
                ..StepSpec::default()
            },
            (100, 100),
        ),
        (
            StepSpec {
                geometry: Request {
                    mode: Some(Mode::Extract),
                    ..step(Some(50), Some(60)).geometry
                },
                ..StepSpec::default()
            },
            (50, 60),
        ),
        (
            StepSpec {
                rotate: Some(90),
                ..step(Some(100), None)
            },
            (100, 133),
        ),
        (
            StepSpec {
                border: Some((5, Rgba([0, 0, 0, 255]))),
                ..step(Some(100), Some(100))
            },
            (110, 110),
        ),
    ];
    for (spec, expected) in cases {
        let out = run(vec![spec.clone()], OutputFormat::Png);
        assert_eq!(out.dimensions(), expected, "{spec:?}");
    }
}

#[test]
fn crops_follow_focus_and_formats_encode() {
    let top_left = StepSpec {
        geometry: Request {
            mode: Some(Mode::Extract),
            anchor: Anchor::Gravity(0.0, 0.0),
            ..step(Some(100), Some(100)).geometry
        },
        ..StepSpec::default()
    };
    let out = run(vec![top_left], OutputFormat::Png).to_rgb8();
    assert_eq!(
        out.get_pixel(50, 50),
        &image::Rgb([220, 20, 20]),
        "top-left extract is the red square"
    );
    let bottom_right = StepSpec {
        geometry: Request {
            mode: Some(Mode::Extract),
            anchor: Anchor::Gravity(1.0, 1.0),
            ..step(Some(100), Some(100)).geometry
        },
        ..StepSpec::default()
    };
    let out = run(vec![bottom_right], OutputFormat::Png).to_rgb8();
    assert_ne!(out.get_pixel(50, 50), &image::Rgb([220, 20, 20]));
    for format in [
        OutputFormat::Jpeg,
        OutputFormat::Png,
        OutputFormat::Webp,
        OutputFormat::Gif,
    ] {
        let out = run(vec![step(Some(80), None)], format);
        assert_eq!(out.dimensions(), (80, 60), "{format:?}");
    }
}

#[test]
fn resized_output_looks_like_the_source() {
    let source = image::load_from_memory(&photo()).unwrap_or_else(|e| panic!("{e}"));
    let small = run(vec![step(Some(100), None)], OutputFormat::Jpeg);
    let distance = (ahash(&source) ^ ahash(&small)).count_ones();
    assert!(distance <= 6, "perceptual distance {distance}");
    let grey = run(
        vec![StepSpec {
            grayscale: true,
            ..step(Some(100), None)
        }],
        OutputFormat::Png,
    )
    .to_rgb8();
    let p = grey.get_pixel(10, 10);
    assert!(p[0] == p[1] && p[1] == p[2], "grayscale pixel {p:?}");
}

#[test]
fn round_corners_make_transparent_corners() {
    let out = run(
        vec![StepSpec {
            radius: Some(None),
            ..step(Some(100), Some(100))
        }],
        OutputFormat::Png,
    )
    .to_rgba8();
    assert_eq!(out.get_pixel(0, 0)[3], 0);
    assert_eq!(out.get_pixel(50, 50)[3], 255);
    let _: &RgbaImage = &out;
}

#[test]
fn hostile_sources_are_errors() {
    assert_eq!(
        render(
            b"not an image",
            None,
            |_, _| Ok(None),
            |_| Output {
                format: OutputFormat::Png,
                quality: 80,
                background: Rgba([0; 4])
            }
        )
        .err(),
        Some(RenderError::NotAnImage)
    );
    let truncated = &photo()[..60];
    assert!(
        render(
            truncated,
            None,
            |_, _| Ok(None),
            |_| Output {
                format: OutputFormat::Png,
                quality: 80,
                background: Rgba([0; 4])
            }
        )
        .is_err()
    );
    // A PNG header claiming 50000×50000 pixels.
    let mut bomb = photo();
    bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let result = render(
        &bomb,
        None,
        |_, _| Ok(None),
        |_| Output {
            format: OutputFormat::Png,
            quality: 80,
            background: Rgba([0; 4]),
        },
    );
    assert!(result.is_err());
    let mut once = Some(step(Some(60_000), Some(60_000)));
    let huge = render(
        &photo(),
        None,
        |_, _| Ok(once.take()),
        |_| Output {
            format: OutputFormat::Png,
            quality: 80,
            background: Rgba([0; 4]),
        },
    );
    assert!(
        matches!(huge, Err(RenderError::OutputTooLarge { .. })),
        "{:?}",
        huge.err()
    );
}
