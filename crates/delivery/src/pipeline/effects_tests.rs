//! Trim, opacity, rotation by any angle, shadow, gradient, tint and colour replace, on
//! generated images: sizes, formats and pixel colours.

use image::{GenericImageView, ImageFormat, Rgba, RgbaImage};

use super::effects::{ColorReplace, Effects, LinearGradient, Shadow, Stop};
use super::test_support::*;
use super::*;

fn with(effects: Effects) -> StepSpec {
    StepSpec {
        effects,
        ..StepSpec::default()
    }
}

fn trimmed(threshold: u8) -> StepSpec {
    with(Effects {
        trim: Some(threshold),
        ..Effects::default()
    })
}

#[test]
fn trim_cuts_the_uniform_border() {
    let source = rect_on((200, 150), WHITE, (40, 60, 50, 30), RED);
    let out = png_render(source.clone(), trimmed(trim::DEFAULT_THRESHOLD));
    assert_eq!(out.dimensions(), (50, 30));
    assert!(out.pixels().all(|p| *p == RED));
    // A speck 15 levels off the border colour stays at the default threshold, goes at 20.
    let mut specked = source;
    specked.put_pixel(5, 5, Rgba([240, 240, 240, 255]));
    assert_eq!(png_render(specked.clone(), trimmed(10)).dimensions(), (85, 85));
    assert_eq!(png_render(specked, trimmed(20)).dimensions(), (50, 30));
}

#[test]
fn trim_of_one_colour_keeps_the_image_and_transparent_borders_go() {
    let flat = RgbaImage::from_pixel(64, 48, BLUE);
    assert_eq!(png_render(flat, trimmed(10)).dimensions(), (64, 48));
    // Transparent pixels with different stored colours are all border.
    let mut clear = rect_on((100, 100), CLEAR, (10, 20, 30, 40), RED);
    clear.put_pixel(90, 90, Rgba([255, 255, 255, 0]));
    assert_eq!(png_render(clear, trimmed(10)).dimensions(), (30, 40));
}

#[test]
fn trim_sees_the_whole_image_before_the_resize_of_its_step() {
    let step = StepSpec {
        geometry: geometry::Request {
            width: Some(24),
            ..geometry::Request::default()
        },
        ..trimmed(10)
    };
    assert_eq!(first_resize(&step, 200, 150), None, "no reduced JPEG decode");
    // On 8-pixel block edges, so JPEG ringing stays inside the rectangle's blocks.
    let source = encode(
        rect_on((200, 152), WHITE, (40, 56, 48, 32), RED),
        ImageFormat::Jpeg,
    );
    let mut once = Some(step);
    let rendered = render(
        &source,
        None,
        |_, _| Ok(once.take()),
        |_| Output {
            format: OutputFormat::Jpeg,
            quality: 90,
            background: WHITE,
        },
    );
    let out = rendered.map(|r| image::load_from_memory(&r.bytes).map(|i| i.dimensions()));
    assert!(matches!(out, Ok(Ok((24, 16)))), "{out:?}");
}

#[test]
fn opacity_multiplies_alpha_and_jpeg_flattens_it() {
    let half = with(Effects {
        opacity: Some(50),
        ..Effects::default()
    });
    let out = png_render(RgbaImage::from_pixel(20, 10, RED), half.clone());
    assert_eq!(out.get_pixel(3, 3), &Rgba([220, 20, 20, 128]));
    let jpeg = try_render(RgbaImage::from_pixel(20, 10, RED), vec![half], OutputFormat::Jpeg);
    let jpeg = jpeg.map(|i| i.to_rgba8());
    assert!(
        jpeg.as_ref()
            .is_ok_and(|j| near(j.get_pixel(10, 5), [237, 137, 137, 255], 6)),
        "{jpeg:?}"
    );
}

fn rotated(degrees: i32, fill: Option<Rgba<u8>>) -> StepSpec {
    StepSpec {
        rotate: Some(degrees),
        effects: Effects {
            rotate_fill: fill,
            ..Effects::default()
        },
        ..StepSpec::default()
    }
}

#[test]
fn rotation_by_any_angle_grows_the_canvas() {
    let mut source = rect_on((400, 300), BLUE, (150, 100, 100, 100), RED);
    let green = Rgba([0, 255, 0, 255]);
    for (x, y) in (380..400).flat_map(|x| (0..20).map(move |y| (x, y))) {
        source.put_pixel(x, y, green);
    }
    let out = png_render(source.clone(), rotated(45, None));
    // Clockwise: the top-right corner moves to the right side, below the top.
    assert_eq!(out.get_pixel(480, 283), &green);
    assert_eq!(out.dimensions(), (495, 495));
    assert_eq!(out.get_pixel(0, 0)[3], 0, "corners are transparent without bg");
    assert!(
        near(out.get_pixel(247, 247), [220, 20, 20, 255], 2),
        "the centre stays"
    );
    assert!(
        near(out.get_pixel(247, 40), [20, 40, 200, 255], 2),
        "top corner of the image"
    );
    let filled = png_render(source.clone(), rotated(-30, Some(Rgba([0, 255, 0, 255]))));
    // 400·cos30 + 300·sin30 = 496.4, 400·sin30 + 300·cos30 = 459.8.
    assert_eq!(filled.dimensions(), (497, 460));
    assert_eq!(filled.get_pixel(0, 0), &Rgba([0, 255, 0, 255]));
    assert_eq!(png_render(source, rotated(-270, None)).dimensions(), (300, 400));
    let strip = RgbaImage::from_pixel(40_000, 10, RED);
    let huge = try_render(strip, vec![rotated(45, None)], OutputFormat::Png);
    assert!(
        matches!(huge, Err(RenderError::OutputTooLarge { .. })),
        "{huge:?}"
    );
}

fn shadowed(source: RgbaImage) -> Result<DynamicImage, RenderError> {
    let shadow = Shadow {
        blur: 4,
        saturation: 60,
        x: 10,
        y: 10,
    };
    let step = with(Effects {
        shadow: Some(shadow),
        ..Effects::default()
    });
    try_render(source, vec![step], OutputFormat::Png)
}

#[test]
fn shadow_darkens_beside_the_object_only() {
    let object = rect_on((100, 100), CLEAR, (30, 30, 40, 40), RED);
    let out = shadowed(object).map(|i| i.to_rgba8());
    let Ok(out) = out else { panic!("{out:?}") };
    assert_eq!(out.get_pixel(50, 50), &RED, "the object stays on top");
    let beside = out.get_pixel(75, 75);
    assert!(beside[3] > 60 && beside[0] == 0, "shadow below right: {beside:?}");
    assert_eq!(out.get_pixel(5, 5)[3], 0, "no shadow far away");
    assert_eq!(out.get_pixel(25, 50)[3], 0, "shadow moves right, not left");
    let opaque = rect_on((100, 100), BLUE, (30, 30, 40, 40), RED);
    let same = shadowed(opaque.clone()).map(|i| i.to_rgba8());
    assert!(same.is_ok_and(|s| s == opaque), "an opaque image is unchanged");
    let big = shadowed(RgbaImage::new(2000, 1001));
    assert!(
        matches!(&big, Err(RenderError::Unsupported(m)) if m.contains("2 megapixels")),
        "{big:?}"
    );
}

fn gradient(direction: u16, from: Rgba<u8>, to: Rgba<u8>, stop: Stop) -> StepSpec {
    with(Effects {
        gradient: Some(LinearGradient {
            direction,
            from,
            to,
            stop,
        }),
        ..Effects::default()
    })
}

#[test]
fn gradient_paints_from_start_to_stop() {
    // The defaults: white to transparent, top to bottom.
    let out = png_render(
        RgbaImage::from_pixel(50, 100, BLUE),
        gradient(180, WHITE, CLEAR, Stop::Fraction(1.0)),
    );
    assert!(
        near(out.get_pixel(25, 0), [255, 255, 255, 255], 3),
        "{:?}",
        out.get_pixel(25, 0)
    );
    assert!(
        near(out.get_pixel(25, 99), [20, 40, 200, 255], 3),
        "{:?}",
        out.get_pixel(25, 99)
    );
    assert!(
        near(out.get_pixel(25, 50), [137, 147, 227, 255], 3),
        "{:?}",
        out.get_pixel(25, 50)
    );
    // To the right, opaque red to blue, reaching blue at 40 pixels.
    let out = png_render(
        RgbaImage::from_pixel(100, 20, WHITE),
        gradient(90, RED, BLUE, Stop::Pixels(40.0)),
    );
    assert!(near(out.get_pixel(0, 10), [220, 20, 20, 255], 6));
    assert_eq!(out.get_pixel(60, 10), &BLUE);
    // Transparent parts stay transparent.
    let clear = png_render(
        rect_on((20, 20), CLEAR, (5, 5, 10, 10), BLUE),
        gradient(0, RED, RED, Stop::Fraction(1.0)),
    );
    assert_eq!(clear.get_pixel(1, 1)[3], 0);
    assert_eq!(clear.get_pixel(10, 10), &RED);
}

#[test]
fn colorize_tints_and_colour_replace_swaps() {
    let grey = RgbaImage::from_pixel(10, 10, Rgba([128, 128, 128, 255]));
    let tint = |intensity| {
        with(Effects {
            colorize: Some((Rgba([255, 0, 0, 255]), intensity)),
            ..Effects::default()
        })
    };
    let red = png_render(grey.clone(), tint(100));
    let p = red.get_pixel(5, 5);
    assert!(p[0] > 200 && p[1] < 100 && p[2] < 100, "{p:?}");
    assert_eq!(
        png_render(grey, tint(0)).get_pixel(5, 5),
        &Rgba([128, 128, 128, 255])
    );
    let greyed = png_render(RgbaImage::from_pixel(4, 4, RED), tint(100));
    assert!(greyed.get_pixel(0, 0)[0] > greyed.get_pixel(0, 0)[1]);
    let source = rect_on((60, 40), BLUE, (10, 10, 10, 10), RED);
    let replace = |from| {
        with(Effects {
            color_replace: Some(ColorReplace {
                to: Rgba([0, 200, 0, 255]),
                tolerance: 10,
                from,
            }),
            ..Effects::default()
        })
    };
    let out = png_render(source.clone(), replace(Some(RED)));
    assert_eq!(out.get_pixel(15, 15), &Rgba([0, 200, 0, 255]));
    assert_eq!(out.get_pixel(40, 30), &BLUE);
    // Without `from`, the dominant colour (blue) is replaced.
    let out = png_render(source, replace(None));
    assert_eq!(out.get_pixel(40, 30), &Rgba([0, 200, 0, 255]));
    assert_eq!(out.get_pixel(15, 15), &RED);
}
