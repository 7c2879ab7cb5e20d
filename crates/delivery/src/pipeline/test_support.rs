//! Helpers for the effect tests: encode a generated image, render it through the pipeline,
//! decode the answer.

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};

use super::{Output, OutputFormat, RenderError, StepSpec, render};

pub fn encode(image: RgbaImage, format: ImageFormat) -> Vec<u8> {
    let image = match format {
        ImageFormat::Jpeg => DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(image).to_rgb8()),
        _ => DynamicImage::ImageRgba8(image),
    };
    let mut out = std::io::Cursor::new(Vec::new());
    let written = image.write_to(&mut out, format);
    assert!(written.is_ok(), "{written:?}");
    out.into_inner()
}

/// Renders `source` (PNG-encoded) through `steps`, one step per call.
pub fn try_render(
    source: RgbaImage,
    steps: Vec<StepSpec>,
    format: OutputFormat,
) -> Result<DynamicImage, RenderError> {
    let mut steps = steps.into_iter();
    let rendered = render(
        &encode(source, ImageFormat::Png),
        None,
        |_, _| Ok(steps.next()),
        |_| Output {
            format,
            quality: 95,
            background: Rgba([255, 255, 255, 255]),
        },
    )?;
    assert_eq!(rendered.mime, format.mime());
    image::load_from_memory(&rendered.bytes).map_err(|e| RenderError::Internal(e.to_string()))
}

pub fn png_render(source: RgbaImage, step: StepSpec) -> RgbaImage {
    match try_render(source, vec![step], OutputFormat::Png) {
        Ok(image) => image.to_rgba8(),
        Err(e) => panic!("render: {e}"),
    }
}

/// A `w`×`h` image of `background` with a `colour` rectangle at (`x`, `y`) of `rw`×`rh`.
pub fn rect_on(
    (w, h): (u32, u32),
    background: Rgba<u8>,
    (x, y, rw, rh): (u32, u32, u32, u32),
    colour: Rgba<u8>,
) -> RgbaImage {
    RgbaImage::from_fn(w, h, |px, py| {
        if (x..x + rw).contains(&px) && (y..y + rh).contains(&py) {
            colour
        } else {
            background
        }
    })
}

/// True if every channel of `a` is within `tolerance` of `b`.
pub fn near(a: &Rgba<u8>, b: [u8; 4], tolerance: u8) -> bool {
    a.0.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

pub const RED: Rgba<u8> = Rgba([220, 20, 20, 255]);
pub const BLUE: Rgba<u8> = Rgba([20, 40, 200, 255]);
pub const WHITE: Rgba<u8> = Rgba([255, 255, 255, 255]);
pub const CLEAR: Rgba<u8> = Rgba([0, 0, 0, 0]);
