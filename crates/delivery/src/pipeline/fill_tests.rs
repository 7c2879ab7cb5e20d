//! `bg-dominant`, `bg-gradient_dominant` and `bg-blurred` padding on generated images.

use image::{Rgba, RgbaImage};

use super::background_fill::BackgroundFill;
use super::effects::Effects;
use super::geometry::{Mode, Request};
use super::test_support::*;
use super::*;

/// `w-100,h-100,cm-pad_resize` with `fill`.
fn padded(source: RgbaImage, fill: BackgroundFill) -> RgbaImage {
    png_render(
        source,
        StepSpec {
            geometry: Request {
                width: Some(100),
                height: Some(100),
                mode: Some(Mode::PadResize),
                ..Request::default()
            },
            effects: Effects {
                fill: Some(fill),
                ..Effects::default()
            },
            ..StepSpec::default()
        },
    )
}

/// A 100×50 image of vertical stripes: each colour over the given share of the width.
fn stripes(parts: &[(Rgba<u8>, u32)]) -> RgbaImage {
    RgbaImage::from_fn(100, 50, |x, _| {
        let mut end = 0;
        for (colour, width) in parts {
            end += width;
            if x < end {
                return *colour;
            }
        }
        parts.last().map_or(CLEAR, |p| p.0)
    })
}

#[test]
fn dominant_padding_is_the_most_common_colour() {
    let source = rect_on((100, 50), BLUE, (10, 10, 20, 20), RED);
    let out = padded(source, BackgroundFill::Dominant);
    assert_eq!(out.dimensions(), (100, 100));
    assert_eq!(out.get_pixel(50, 5), &BLUE);
    assert_eq!(out.get_pixel(50, 95), &BLUE);
    assert_eq!(out.get_pixel(20, 45), &RED, "the image sits in the middle");
    let mostly_red = rect_on((100, 50), RED, (10, 10, 20, 20), BLUE);
    assert_eq!(padded(mostly_red, BackgroundFill::Dominant).get_pixel(0, 0), &RED);
}

#[test]
fn gradient_padding_runs_between_the_dominant_colours() {
    let green = Rgba([10, 180, 30, 255]);
    let two = stripes(&[(RED, 60), (BLUE, 40)]);
    let out = padded(two, BackgroundFill::GradientDominant(2));
    // Padding above and below: red at the top, blue at the bottom.
    assert_eq!(out.get_pixel(30, 0), &RED);
    assert_eq!(out.get_pixel(30, 99), &BLUE);
    let mid = out.get_pixel(30, 20);
    assert!(mid[0] < RED[0] && mid[2] > RED[2], "in between: {mid:?}");
    let four = stripes(&[(RED, 40), (BLUE, 30), (green, 20), (WHITE, 10)]);
    let out = padded(four, BackgroundFill::GradientDominant(4));
    assert_eq!(out.get_pixel(0, 0), &RED);
    assert_eq!(out.get_pixel(99, 0), &BLUE);
    assert_eq!(out.get_pixel(99, 99), &green);
    assert_eq!(out.get_pixel(0, 99), &WHITE);
}

#[test]
fn blurred_padding_shows_the_image_blurred_and_brightened() {
    let halves = stripes(&[(RED, 50), (BLUE, 50)]);
    let sharp = padded(
        halves.clone(),
        BackgroundFill::Blurred {
            intensity: 0,
            brightness: 0,
        },
    );
    assert!(
        near(sharp.get_pixel(5, 5), [220, 20, 20, 255], 4),
        "{:?}",
        sharp.get_pixel(5, 5)
    );
    assert!(near(sharp.get_pixel(95, 5), [20, 40, 200, 255], 4));
    let darker = padded(
        halves.clone(),
        BackgroundFill::Blurred {
            intensity: 0,
            brightness: -100,
        },
    );
    assert!(
        near(darker.get_pixel(5, 5), [120, 0, 0, 255], 4),
        "{:?}",
        darker.get_pixel(5, 5)
    );
    assert_eq!(darker.get_pixel(5, 50), &RED, "the image itself is not darkened");
    let blurred = padded(
        halves,
        BackgroundFill::Blurred {
            intensity: 100,
            brightness: 0,
        },
    );
    let edge = blurred.get_pixel(50, 5);
    assert!(
        edge[0] > 60 && edge[2] > 60,
        "red and blue mix at the middle: {edge:?}"
    );
    // At 100 sigma is a tenth of the side: 10 pixels from the edge is one sigma.
    assert_eq!(sharp.get_pixel(40, 5), &RED);
    let near_edge = blurred.get_pixel(40, 5);
    assert!(near_edge[2] > 35, "blur reaches across: {near_edge:?}");
}
