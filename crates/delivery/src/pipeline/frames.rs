//! `pg-N`: one frame of an animated GIF instead of the first. Other sources have one page, so
//! only `pg-1` applies to them.

use std::io::Cursor;

use image::codecs::gif::GifDecoder;
use image::{AnimationDecoder, DynamicImage, ImageFormat};

use super::RenderError;

/// Frames read at most while looking for the one asked for: each is a full-canvas decode.
const MAX_FRAMES: u32 = 1000;

/// Frame `page` (1-based) of `bytes`, composited as a viewer shows it.
pub fn select(bytes: &[u8], page: u32) -> Result<DynamicImage, RenderError> {
    let refuse = |why: String| RenderError::Unsupported(format!("pg-{page} ({why})"));
    if image::guess_format(bytes).ok() != Some(ImageFormat::Gif) {
        return Err(refuse("only animated GIFs have more than one page here".into()));
    }
    if page > MAX_FRAMES {
        return Err(refuse(format!("at most {MAX_FRAMES} frames are read")));
    }
    let decoder = GifDecoder::new(Cursor::new(bytes)).map_err(|e| RenderError::Corrupt(e.to_string()))?;
    let mut seen = 0;
    for frame in decoder.into_frames() {
        let frame = frame.map_err(|e| RenderError::Corrupt(e.to_string()))?;
        seen += 1;
        if seen == page {
            return Ok(DynamicImage::ImageRgba8(frame.into_buffer()));
        }
    }
    Err(refuse(format!("the GIF has {seen} frames")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, Rgba, RgbaImage};

    use super::*;

    fn gif(colours: &[[u8; 3]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut out);
            for c in colours {
                let image = RgbaImage::from_pixel(8, 6, Rgba([c[0], c[1], c[2], 255]));
                let frame = Frame::from_parts(image, 0, 0, Delay::from_numer_denom_ms(100, 1));
                encoder.encode_frame(frame).unwrap();
            }
        }
        out
    }

    #[test]
    fn picks_the_frame_asked_for() {
        let bytes = gif(&[[255, 0, 0], [0, 255, 0], [0, 0, 255]]);
        let second = select(&bytes, 2).unwrap().to_rgba8();
        assert_eq!(second.dimensions(), (8, 6));
        let p = second.get_pixel(3, 3);
        assert!(p[1] > 200 && p[0] < 50 && p[2] < 50, "green, got {p:?}");
        let third = select(&bytes, 3).unwrap().to_rgba8();
        assert!(third.get_pixel(0, 0)[2] > 200, "blue");
    }

    #[test]
    fn refuses_pages_that_do_not_exist() {
        let bytes = gif(&[[255, 0, 0], [0, 255, 0]]);
        let Err(RenderError::Unsupported(why)) = select(&bytes, 3) else {
            panic!("pg-3 of a 2-frame GIF must be refused")
        };
        assert!(why.contains("2 frames"), "{why}");
        let png = {
            let mut out = Cursor::new(Vec::new());
            DynamicImage::ImageRgba8(RgbaImage::new(4, 4))
                .write_to(&mut out, ImageFormat::Png)
                .unwrap();
            out.into_inner()
        };
        assert!(matches!(select(&png, 2), Err(RenderError::Unsupported(_))));
    }
}
