//! Decoded AV1 planes (Y′CbCr, or GBR for the identity matrix) to interleaved L/LA/RGB/RGBA,
//! 8-bit or 16-bit native-endian as `image` expects. Chroma is upsampled by taking the
//! nearest sample; every output is resized afterwards, which hides the difference from a
//! bilinear upsampler.

use re_rav1d::pixel::{MatrixCoefficients, YUVRange};
use re_rav1d::{Picture, PixelLayout, PlanarImageComponent as Component};

use crate::Error;

/// The buffer to fill.
pub(crate) struct Layout {
    pub width: u32,
    pub height: u32,
    /// 1 (L), 2 (LA), 3 (RGB) or 4 (RGBA).
    pub channels: usize,
    /// 16 bits per sample instead of 8.
    pub wide: bool,
}

/// How Y′CbCr maps to R′G′B′.
#[derive(Clone, Copy)]
enum Matrix {
    /// Luma weights of red and blue (ITU-T H.273).
    YCbCr { kr: f32, kb: f32 },
    /// The planes are G, B, R.
    Identity,
}

fn matrix(coefficients: MatrixCoefficients) -> Result<Matrix, Error> {
    use MatrixCoefficients as M;
    let (kr, kb) = match coefficients {
        M::Identity => return Ok(Matrix::Identity),
        M::BT709 => (0.2126, 0.0722),
        M::BT2020NonConstantLuminance | M::BT2020ConstantLuminance => (0.2627, 0.0593),
        M::ST240M => (0.212, 0.087),
        M::BT470M => (0.30, 0.11),
        // BT.601, and what libavif assumes when the header leaves it unspecified.
        M::BT470BG | M::ST170M | M::Unspecified => (0.299, 0.114),
        other => return Err(Error::Unsupported(format!("matrix coefficients {other:?}"))),
    };
    Ok(Matrix::YCbCr { kr, kb })
}

/// Samples of one plane, read with bounds checks (a short plane reads as zero, never panics).
struct Plane {
    data: re_rav1d::Plane,
    stride: usize,
    wide: bool,
    shift_x: u32,
    shift_y: u32,
}

impl Plane {
    fn new(picture: &Picture, component: Component, subsampled: (u32, u32)) -> Self {
        Self {
            data: picture.plane(component),
            stride: picture.stride(component) as usize,
            wide: picture.bit_depth() > 8,
            shift_x: subsampled.0,
            shift_y: subsampled.1,
        }
    }

    fn at(&self, x: u32, y: u32) -> u16 {
        let (x, y) = ((x >> self.shift_x) as usize, (y >> self.shift_y) as usize);
        let row = y * self.stride;
        if self.wide {
            let i = row + x * 2;
            match self.data.get(i..i + 2) {
                Some(&[lo, hi]) => u16::from_ne_bytes([lo, hi]),
                _ => 0,
            }
        } else {
            self.data.get(row + x).map_or(0, |&v| u16::from(v))
        }
    }
}

/// Maps coded samples of one bit depth and range to 0..=1 (luma, full-scale planes) and
/// -0.5..=0.5 (chroma).
#[derive(Clone, Copy)]
struct Scale {
    y_offset: f32,
    y_range: f32,
    c_offset: f32,
    c_range: f32,
}

impl Scale {
    fn new(depth: usize, range: YUVRange) -> Self {
        let max = ((1u32 << depth) - 1) as f32;
        let unit = (1u32 << (depth - 8)) as f32;
        let half = (1u32 << (depth - 1)) as f32;
        match range {
            YUVRange::Full => Self {
                y_offset: 0.0,
                y_range: max,
                c_offset: half,
                c_range: max,
            },
            YUVRange::Limited => Self {
                y_offset: 16.0 * unit,
                y_range: 219.0 * unit,
                c_offset: half,
                c_range: 224.0 * unit,
            },
        }
    }

    fn luma(self, v: u16) -> f32 {
        ((f32::from(v) - self.y_offset) / self.y_range).clamp(0.0, 1.0)
    }

    fn chroma(self, v: u16) -> f32 {
        (f32::from(v) - self.c_offset) / self.c_range
    }
}

fn subsampling(layout: PixelLayout) -> (u32, u32) {
    match layout {
        PixelLayout::I420 => (1, 1),
        PixelLayout::I422 => (1, 0),
        PixelLayout::I400 | PixelLayout::I444 => (0, 0),
    }
}

/// Fills `buf` from the colour picture and, when given, the alpha picture (its luma plane).
/// With `premultiplied`, colour is divided by alpha (AVIF `prem`).
pub(crate) fn convert(
    color: &Picture,
    alpha: Option<&Picture>,
    premultiplied: bool,
    layout: &Layout,
    buf: &mut [u8],
) -> Result<(), Error> {
    let (width, height) = (layout.width, layout.height);
    if color.width() != width || color.height() != height {
        return Err(Error::Corrupt(format!(
            "the frame is {}x{}, the sequence header says {width}x{height}",
            color.width(),
            color.height()
        )));
    }
    if let Some(alpha) = alpha
        && (alpha.width() != width || alpha.height() != height)
    {
        return Err(Error::Unsupported(
            "an alpha plane of another size than the image".into(),
        ));
    }
    let bytes = if layout.wide { 2 } else { 1 };
    let pixel = layout.channels * bytes;
    let expected = width as usize * height as usize * pixel;
    if buf.len() != expected {
        return Err(Error::Corrupt(
            "the output buffer does not match the header".into(),
        ));
    }
    let color_layout = color.pixel_layout();
    let gray = color_layout == PixelLayout::I400;
    if gray != (layout.channels <= 2) {
        return Err(Error::Corrupt(
            "the frame's layout differs from its sequence header".into(),
        ));
    }
    let scale = Scale::new(color.bit_depth(), color.color_range());
    let matrix = matrix(color.matrix_coefficients())?;
    let sub = subsampling(color_layout);
    let y_plane = Plane::new(color, Component::Y, (0, 0));
    let chroma = (!gray).then(|| {
        (
            Plane::new(color, Component::U, sub),
            Plane::new(color, Component::V, sub),
        )
    });
    let alpha = alpha.map(|a| {
        (
            Plane::new(a, Component::Y, (0, 0)),
            Scale::new(a.bit_depth(), a.color_range()),
        )
    });
    let put = |out: &mut [u8], channel: usize, v: f32| {
        if layout.wide {
            let v = (v * 65535.0 + 0.5) as u16;
            if let Some(slot) = out.get_mut(channel * 2..channel * 2 + 2) {
                slot.copy_from_slice(&v.to_ne_bytes());
            }
        } else if let Some(slot) = out.get_mut(channel) {
            *slot = (v * 255.0 + 0.5) as u8;
        }
    };
    for (y, row) in (0..height).zip(buf.chunks_exact_mut(width as usize * pixel)) {
        for (x, out) in (0..width).zip(row.chunks_exact_mut(pixel)) {
            let a = alpha.as_ref().map(|(plane, scale)| scale.luma(plane.at(x, y)));
            let mut rgb = match (&chroma, matrix) {
                (None, _) => [scale.luma(y_plane.at(x, y)); 3],
                (Some((u, v)), Matrix::Identity) => [
                    scale.luma(v.at(x, y)),
                    scale.luma(y_plane.at(x, y)),
                    scale.luma(u.at(x, y)),
                ],
                (Some((u, v)), Matrix::YCbCr { kr, kb }) => {
                    let l = scale.luma(y_plane.at(x, y));
                    let cb = scale.chroma(u.at(x, y));
                    let cr = scale.chroma(v.at(x, y));
                    let kg = 1.0 - kr - kb;
                    [
                        l + 2.0 * (1.0 - kr) * cr,
                        l - (2.0 * kb * (1.0 - kb) / kg) * cb - (2.0 * kr * (1.0 - kr) / kg) * cr,
                        l + 2.0 * (1.0 - kb) * cb,
                    ]
                }
            };
            if premultiplied && let Some(a) = a {
                for c in &mut rgb {
                    *c = if a > 0.0 { *c / a } else { 0.0 };
                }
            }
            let rgb = rgb.map(|c| c.clamp(0.0, 1.0));
            if gray {
                put(out, 0, rgb[0]);
            } else {
                for (channel, c) in rgb.into_iter().enumerate() {
                    put(out, channel, c);
                }
            }
            if let Some(a) = a {
                put(out, layout.channels - 1, a);
            }
        }
    }
    Ok(())
}
