//! Colour management: pixels of a source with an embedded ICC profile are converted to sRGB
//! (moxcms) before anything else, so resizing and effects work in the space browsers assume
//! for untagged output. Sources without a profile, or tagged sRGB, are left untouched.

use image::{DynamicImage, RgbImage, RgbaImage};
use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};

use super::RenderError;
use super::options::{Embedded, Options};

/// Converts to sRGB unless `cp-true`, and returns what the output keeps of `embedded`: the
/// profile with `cp-true`, EXIF (orientation reset, pixels are upright) with `md-true`.
pub fn prepare(
    image: DynamicImage,
    embedded: Embedded,
    options: &Options,
) -> Result<(DynamicImage, Embedded), RenderError> {
    let Embedded { icc, exif } = embedded;
    let exif = exif.filter(|_| options.keep_metadata).map(|mut exif| {
        let _ = image::metadata::Orientation::remove_from_exif_chunk(&mut exif);
        exif
    });
    if options.keep_profile {
        return Ok((image, Embedded { icc, exif }));
    }
    let image = match &icc {
        Some(icc) => to_srgb(image, icc)?,
        None => image,
    };
    Ok((image, Embedded { icc: None, exif }))
}

/// Converts `image` from the colour space of `icc` to sRGB. A profile that cannot be parsed or
/// is not RGB (grey, CMYK: the decoder already made RGB of CMYK) leaves the pixels as they are,
/// as browsers do.
pub fn to_srgb(image: DynamicImage, icc: &[u8]) -> Result<DynamicImage, RenderError> {
    let Ok(source) = ColorProfile::new_from_slice(icc) else {
        return Ok(image);
    };
    if source.color_space != DataColorSpace::Rgb || is_srgb(&source) {
        return Ok(image);
    }
    let srgb = ColorProfile::new_srgb();
    let (width, height) = (image.width(), image.height());
    let fail = |e: moxcms::CmsError| RenderError::Corrupt(format!("colour profile: {e}"));
    if image.color().has_alpha() {
        let pixels = image.to_rgba8();
        let transform = source
            .create_transform_8bit(Layout::Rgba, &srgb, Layout::Rgba, TransformOptions::default())
            .map_err(fail)?;
        let mut out = vec![0u8; pixels.as_raw().len()];
        transform.transform(pixels.as_raw(), &mut out).map_err(fail)?;
        let converted = RgbaImage::from_raw(width, height, out).map(DynamicImage::ImageRgba8);
        converted.ok_or_else(|| RenderError::Internal("colour conversion size".into()))
    } else {
        let pixels = image.to_rgb8();
        let transform = source
            .create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, TransformOptions::default())
            .map_err(fail)?;
        let mut out = vec![0u8; pixels.as_raw().len()];
        transform.transform(pixels.as_raw(), &mut out).map_err(fail)?;
        let converted = RgbImage::from_raw(width, height, out).map(DynamicImage::ImageRgb8);
        converted.ok_or_else(|| RenderError::Internal("colour conversion size".into()))
    }
}

/// Cameras and editors tag most photos with an sRGB profile: the same primaries (adapted to
/// the D50 connection space) mean no conversion is needed; tone curves of sRGB profiles differ
/// only in rounding, and v2 profiles disagree on the media white point, so neither is compared.
fn is_srgb(profile: &ColorProfile) -> bool {
    let srgb = ColorProfile::new_srgb();
    let close = |a: moxcms::Xyzd, b: moxcms::Xyzd| {
        (a.x - b.x).abs() < 0.002 && (a.y - b.y).abs() < 0.002 && (a.z - b.z).abs() < 0.002
    };
    close(profile.red_colorant, srgb.red_colorant)
        && close(profile.green_colorant, srgb.green_colorant)
        && close(profile.blue_colorant, srgb.blue_colorant)
        && profile.lut_a_to_b_perceptual.is_none()
}
