//! `e-gradient`: a linear gradient painted over the image, laid out like CSS
//! `linear-gradient(<direction>deg, from, to <stop>)`: the gradient line runs through the
//! centre in the direction (0 = to top, 90 = to right, 180 = to bottom), long enough that
//! its ends touch opposite corners; `from` at its start, `to` at the stop point and beyond.
//! Colours blend in premultiplied alpha; the image keeps its own alpha (transparent parts
//! stay transparent).

use image::{DynamicImage, Rgba};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearGradient {
    /// 0–359, clockwise from "to top".
    pub direction: u16,
    pub from: Rgba<u8>,
    pub to: Rgba<u8>,
    pub stop: Stop,
}

/// Where `to` is reached along the gradient line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// 0 < v ≤ 1 of the line's length.
    Fraction(f64),
    /// Pixels from the line's start.
    Pixels(f64),
}

pub fn paint(image: DynamicImage, g: &LinearGradient) -> DynamicImage {
    let mut rgba = image.into_rgba8();
    let (w, h) = (f64::from(rgba.width()), f64::from(rgba.height()));
    let (sin, cos) = f64::from(g.direction).to_radians().sin_cos();
    let (dx, dy) = (sin, -cos);
    let length = (w * sin.abs() + h * cos.abs()).max(1.0);
    let stop = match g.stop {
        Stop::Fraction(f) => f,
        Stop::Pixels(p) => p / length,
    }
    .max(1e-6);
    let premultiplied = |c: Rgba<u8>| {
        let a = f64::from(c[3]) / 255.0;
        [f64::from(c[0]) * a, f64::from(c[1]) * a, f64::from(c[2]) * a, a]
    };
    let (from, to) = (premultiplied(g.from), premultiplied(g.to));
    for (x, y, pixel) in rgba.enumerate_pixels_mut() {
        let (px, py) = (f64::from(x) + 0.5 - w / 2.0, f64::from(y) + 0.5 - h / 2.0);
        let t = ((px * dx + py * dy) / length + 0.5) / stop;
        let t = t.clamp(0.0, 1.0);
        let paint: [f64; 4] = std::array::from_fn(|i| from[i] + (to[i] - from[i]) * t);
        let alpha = paint[3];
        for c in 0..3 {
            // Paint over the pixel's colour: premultiplied paint + colour × (1 − paint alpha).
            let v = paint[c] + f64::from(pixel[c]) * (1.0 - alpha);
            pixel[c] = v.round().clamp(0.0, 255.0) as u8;
        }
    }
    DynamicImage::ImageRgba8(rgba)
}
