//! Overlay layers rendered end to end from transformation text: parsed by `transform`,
//! resolved step by step as a delivery render does, composited, encoded, decoded again and
//! checked by size and pixel colours.

#![allow(clippy::unwrap_used, reason = "tests")]

use std::cell::Cell;
use std::collections::VecDeque;

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};

use crate::layers::{Ctx, LayerFiles};
use crate::pipeline::{self, MAX_OUTPUT_PIXELS, Output, OutputFormat, RenderError};
use crate::transform_step::next_step;

const WHITE: Rgba<u8> = Rgba([255, 255, 255, 255]);
const RED: Rgba<u8> = Rgba([255, 0, 0, 255]);
const BLUE: Rgba<u8> = Rgba([0, 0, 255, 255]);

fn png(w: u32, h: u32, colour: Rgba<u8>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(w, h, colour))
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

const GREEN: Rgba<u8> = Rgba([0, 255, 0, 255]);

/// A 40×40 image: a 10 px green frame around a 20×20 red square.
fn framed() -> Vec<u8> {
    let image = RgbaImage::from_fn(40, 40, |x, y| {
        if (10..30).contains(&x) && (10..30).contains(&y) {
            RED
        } else {
            GREEN
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(image)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// Renders `tr` over a 100×80 white PNG, with a 20×20 blue `/logo.png` to overlay.
fn render(tr: &str) -> Result<RgbaImage, RenderError> {
    render_on(tr, &png(100, 80, WHITE), OutputFormat::Png)
}

fn render_on(tr: &str, base: &[u8], format: OutputFormat) -> Result<RgbaImage, RenderError> {
    let plan = transform::parse(tr).unwrap_or_else(|e| panic!("{tr}: {e}"));
    let files: LayerFiles = [
        ("/logo.png".to_owned(), png(20, 20, BLUE).into()),
        ("/notes.txt".to_owned(), b"not an image"[..].into()),
        ("/framed.png".to_owned(), framed().into()),
    ]
    .into();
    let budget = Cell::new(MAX_OUTPUT_PIXELS);
    let ctx = Ctx {
        coordinates: None,
        base: (0, 0),
        files: &files,
        budget: &budget,
    };
    let mut queue: VecDeque<_> = plan.steps.into();
    let mut source = None;
    let rendered = pipeline::render(
        base,
        None,
        |w, h| {
            let (iw, ih) = *source.get_or_insert((w, h));
            next_step(&mut queue, w, h, iw, ih, &ctx)
        },
        |_| Output {
            format,
            quality: 95,
            background: WHITE,
        },
    )?;
    assert_eq!(rendered.mime, format.mime());
    Ok(image::load_from_memory(&rendered.bytes).unwrap().to_rgba8())
}

fn ok(tr: &str) -> RgbaImage {
    render(tr).unwrap_or_else(|e| panic!("{tr}: {e}"))
}

/// The pixels of `colour`, as a bounding box (x0, y0, x1, y1) exclusive, and their count.
fn extent(image: &RgbaImage, colour: Rgba<u8>) -> Option<((u32, u32, u32, u32), usize)> {
    let hits: Vec<(u32, u32)> = image
        .enumerate_pixels()
        .filter(|(_, _, p)| **p == colour)
        .map(|(x, y, _)| (x, y))
        .collect();
    let x0 = hits.iter().map(|p| p.0).min()?;
    let y0 = hits.iter().map(|p| p.1).min()?;
    let x1 = hits.iter().map(|p| p.0).max()? + 1;
    let y1 = hits.iter().map(|p| p.1).max()? + 1;
    Some(((x0, y0, x1, y1), hits.len()))
}

#[test]
fn a_canvas_at_lx_ly_changes_exactly_its_pixels() {
    let out = ok("l-image,i-ik_canvas,bg-FF0000,w-20,h-10,lx-5,ly-7,l-end");
    assert_eq!(out.dimensions(), (100, 80));
    assert_eq!(extent(&out, RED), Some(((5, 7, 25, 17), 200)));
    assert_eq!(extent(&out, WHITE).map(|e| e.1), Some(100 * 80 - 200));
}

#[test]
fn image_layers_are_placed_by_focus_offsets_and_anchor() {
    let cases = [
        ("l-image,i-logo.png,l-end", (40, 30, 60, 50)),
        ("l-image,i-logo.png,lfo-top_left,l-end", (0, 0, 20, 20)),
        ("l-image,i-logo.png,lfo-bottom_right,l-end", (80, 60, 100, 80)),
        ("l-image,i-logo.png,lx-N10,ly-N5,l-end", (0, 0, 10, 15)),
        ("l-image,i-logo.png,lx-90,ly-70,l-end", (90, 70, 100, 80)),
        (
            "l-image,i-logo.png,lx-bw_sub_cw,ly-bh_sub_ch,l-end",
            (80, 60, 100, 80),
        ),
        (
            "l-image,i-logo.png,lap-bottom_right,lx-N25,ly-N20,l-end",
            (75, 60, 95, 80),
        ),
        ("l-image,i-logo.png,lxc-30,lyc-20,l-end", (20, 10, 40, 30)),
        ("l-image,i-logo.png,ly-3,lfo-bottom_right,l-end", (0, 3, 20, 23)),
        ("l-image,i-logo.png,w-10,lfo-top_right,l-end", (90, 0, 100, 10)),
        (
            "l-image,i-@@logo.png,h-bh_div_2,lfo-top_left,l-end",
            (0, 0, 40, 40),
        ),
    ];
    for (tr, bbox) in cases {
        let out = ok(tr);
        assert_eq!(out.dimensions(), (100, 80), "{tr}");
        let area = ((bbox.2 - bbox.0) * (bbox.3 - bbox.1)) as usize;
        assert_eq!(extent(&out, BLUE), Some((bbox, area)), "{tr}");
    }
}

#[test]
fn layers_far_away_or_larger_than_the_base_are_clipped() {
    for tr in [
        "l-image,i-logo.png,lx-100,l-end",
        "l-image,i-logo.png,lx-N20,l-end",
        "l-image,i-logo.png,lx-99999999999,ly-N99999999999,l-end",
    ] {
        assert_eq!(extent(&ok(tr), BLUE), None, "{tr}");
    }
    let big = ok("l-image,i-ik_canvas,bg-FF0000,w-5000,h-3000,l-end");
    assert_eq!(big.dimensions(), (100, 80));
    assert_eq!(extent(&big, RED).map(|e| e.1), Some(8000));
}

#[test]
fn layers_go_on_the_image_their_step_made() {
    let out = ok("w-50,l-image,i-ik_canvas,bg-red,w-bw_div_2,h-bh,lfo-left,l-end");
    assert_eq!(out.dimensions(), (50, 40));
    assert_eq!(extent(&out, RED), Some(((0, 0, 25, 40), 1000)));
    // In a later chain step, the base is the result of the earlier ones.
    let out = ok("w-50:l-image,i-logo.png,lfo-top_left,l-end:w-100");
    assert_eq!(out.dimensions(), (100, 80));
    let (bbox, _) = extent(&out, BLUE).unwrap();
    assert!(
        bbox.0 == 0 && bbox.1 == 0 && (38..=40).contains(&bbox.2),
        "{bbox:?}"
    );
}

#[test]
fn nested_layers_are_placed_inside_their_parent() {
    let out = ok("l-image,i-ik_canvas,bg-FF0000,w-40,h-40,lx-10,ly-10,\
         l-image,i-logo.png,w-bw_div_4,lfo-bottom_right,l-end,l-end");
    assert_eq!(extent(&out, BLUE), Some(((40, 40, 50, 50), 100)));
    assert_eq!(extent(&out, RED), Some(((10, 10, 50, 50), 1500)));
    assert_eq!(out.get_pixel(5, 5), &WHITE);
}

#[test]
fn alpha_multiply_and_radius_change_how_a_layer_covers() {
    let half = ok("l-image,i-ik_canvas,bg-FF0000,w-10,h-10,al-5,lfo-top_left,l-end");
    let p = half.get_pixel(5, 5);
    assert!(
        p[0] == 255 && (125..=130).contains(&p[1]) && p[1] == p[2],
        "{p:?}"
    );
    let translucent = ok("l-image,i-ik_canvas,bg-FF000050,w-10,h-10,lfo-top_left,l-end");
    let p = translucent.get_pixel(5, 5);
    assert!(p[0] == 255 && (125..=130).contains(&p[1]), "{p:?}");
    let dark = ok("l-image,i-ik_canvas,bg-FF0000,w-20,h-20,lfo-top_left,l-end,\
         l-image,i-ik_canvas,bg-808080,w-40,h-40,lm-multiply,lfo-top_left,l-end");
    assert_eq!(dark.get_pixel(5, 5), &Rgba([128, 0, 0, 255]), "red × grey");
    assert_eq!(
        dark.get_pixel(30, 30),
        &Rgba([128, 128, 128, 255]),
        "white × grey"
    );
    assert_eq!(dark.get_pixel(50, 50), &WHITE);
    let round = ok("l-image,i-ik_canvas,bg-FF0000,w-40,h-40,r-max,lfo-top_left,l-end");
    assert_eq!(round.get_pixel(1, 1), &WHITE, "corner cut");
    assert_eq!(round.get_pixel(20, 20), &RED);
}

#[test]
fn opaque_bases_stay_opaque_in_every_format() {
    let out = render_on(
        "l-image,i-logo.png,lfo-top_left,l-end",
        &png(100, 80, WHITE),
        OutputFormat::Jpeg,
    )
    .unwrap();
    let p = out.get_pixel(10, 10);
    assert!(p[0] < 20 && p[1] < 20 && p[2] > 230, "{p:?}");
    let q = out.get_pixel(60, 60);
    assert!(q[0] > 240 && q[2] > 240, "{q:?}");
}

#[test]
fn text_layers_draw_the_text_on_a_box() {
    let out = ok("l-text,i-Hi,fs-30,co-FF0000,bg-0000FF,pa-5,lfo-top_left,l-end");
    let (bbox, _) = extent(&out, BLUE).unwrap();
    assert_eq!((bbox.0, bbox.1), (0, 0));
    // "Hi" at 30 px in DejaVu Sans is about 33 px wide and 35 px tall, plus 2 × 5 padding.
    assert!((38..=50).contains(&bbox.2), "box width {bbox:?}");
    assert!((40..=50).contains(&bbox.3), "box height {bbox:?}");
    let (ink, count) = extent(&out, RED).unwrap();
    assert!(count > 50, "text pixels {count}");
    assert!(
        ink.0 >= 5 && ink.2 <= bbox.2 - 5,
        "ink {ink:?} inside the padding"
    );
    // Without a background only the glyphs cover the base.
    let bare = ok("l-text,i-Hi,fs-30,co-FF0000,lfo-top_left,l-end");
    assert_eq!(extent(&bare, BLUE), None);
    assert!(extent(&bare, RED).is_some_and(|e| e.1 > 50));
    // ie- (base64 of "Hi") draws the same.
    let encoded = ok("l-text,ie-SGk%3D,fs-30,co-FF0000,lfo-top_left,l-end");
    assert_eq!(encoded, bare);
}

#[test]
fn text_wraps_aligns_and_takes_the_bold_face() {
    let wrapped = ok("l-text,i-aa bb cc dd,fs-20,w-50,bg-0000FF,lfo-top_left,l-end");
    let (bbox, _) = extent(&wrapped, BLUE).unwrap();
    assert_eq!(bbox.2, 50, "box as wide as w");
    assert!(bbox.3 > 40, "wrapped to several lines: {bbox:?}");
    let red_count = |tr: &str| extent(&ok(tr), RED).map_or(0, |e| e.1);
    let regular = red_count("l-text,i-Heavy,fs-30,co-FF0000,l-end");
    let bold = red_count("l-text,i-Heavy,fs-30,co-FF0000,tg-b,l-end");
    let named = red_count("l-text,i-Heavy,fs-30,co-FF0000,ff-DejaVuSans-Bold,l-end");
    assert!(bold > regular + 20 && named == bold, "{regular} {bold} {named}");
    let italic = ok("l-text,i-Heavy,fs-30,co-FF0000,tg-i,l-end");
    assert_ne!(
        extent(&italic, RED),
        extent(&ok("l-text,i-Heavy,fs-30,co-FF0000,l-end"), RED)
    );
    let left = ok("l-text,i-x,fs-20,w-80,ia-left,lfo-top_left,co-FF0000,l-end");
    let right = ok("l-text,i-x,fs-20,w-80,ia-right,lfo-top_left,co-FF0000,l-end");
    let (l, _) = extent(&left, RED).unwrap();
    let (r, _) = extent(&right, RED).unwrap();
    assert!(l.0 < 5 && r.0 > 60, "{l:?} {r:?}");
}

#[test]
fn bad_layer_parameters_are_errors() {
    let unsupported = [
        "l-image,i-logo.png,lm-displace,l-end",
        "l-text,i-hi,ff-Lato,l-end",
        "l-text,i-hi,ff-fonts@@Lato.ttf,l-end",
        "l-text,i-hi,fs-100000,l-end",
        "l-image,i-ik_canvas,w-70000,h-10,l-end",
        "l-image,i-logo.png,lx-bw_div_0,l-end",
        "l-text,i-hi,bg-dominant,l-end",
    ];
    for tr in unsupported {
        assert!(
            matches!(render(tr), Err(RenderError::Unsupported(_))),
            "{tr}: {:?}",
            render(tr).err()
        );
    }
    let text_file = render("l-image,i-notes.txt,l-end");
    assert!(
        matches!(&text_file, Err(RenderError::BadLayer(m)) if m.contains("/notes.txt")),
        "{text_file:?}"
    );
    let huge = render(&format!("l-text,i-{},fs-2000,l-end", "W".repeat(100)));
    assert!(
        matches!(huge, Err(RenderError::OutputTooLarge { .. })),
        "{huge:?}"
    );
}

#[test]
fn layer_paths_are_collected_from_nested_layers_and_branches_once() {
    let plan = transform::parse(
        "l-image,i-a.png,l-image,i-b@@c.png,l-end,l-end:\
         if-w_gt_10,l-image,i-d.png,l-end,if-else,l-image,i-a.png,l-end,if-end:\
         l-text,i-not a file,l-end,l-image,i-ik_canvas,l-end",
    )
    .unwrap();
    assert_eq!(
        crate::layers::image_paths(&plan),
        ["/a.png", "/b/c.png", "/d.png"]
    );
}

#[test]
fn cutout_punches_holes_and_cutter_keeps_only_the_layer_shape() {
    let holed = ok("l-image,i-ik_canvas,bg-black,w-20,h-10,lx-5,ly-7,lm-cutout,l-end");
    assert_eq!(holed.dimensions(), (100, 80));
    let clear: Vec<(u32, u32)> = holed
        .enumerate_pixels()
        .filter(|(_, _, p)| p[3] == 0)
        .map(|(x, y, _)| (x, y))
        .collect();
    assert_eq!(clear.len(), 200);
    assert!(
        clear
            .iter()
            .all(|(x, y)| (5..25).contains(x) && (7..17).contains(y))
    );
    assert_eq!(holed.get_pixel(50, 50), &WHITE);

    let cut = ok("l-image,i-ik_canvas,w-30,h-20,r-max,lx-10,ly-10,lm-cutter,l-end");
    assert_eq!(cut.dimensions(), (30, 20));
    assert_eq!(cut.get_pixel(15, 10), &WHITE);
    assert_eq!(cut.get_pixel(0, 0)[3], 0, "outside the ellipse");
    // Layers after the cutter keep their places on the uncut base.
    let after =
        ok("l-image,i-ik_canvas,w-30,h-20,lx-10,ly-10,lm-cutter,l-end,l-image,i-logo.png,lx-20,ly-15,l-end");
    assert_eq!(after.dimensions(), (30, 20));
    assert_eq!(extent(&after, BLUE), Some(((10, 5, 30, 20), 300)));
}

#[test]
fn image_layers_are_trimmed_unless_t_false() {
    let trimmed = ok("l-image,i-framed.png,lx-0,ly-0,l-end");
    assert_eq!(
        extent(&trimmed, RED),
        Some(((0, 0, 20, 20), 400)),
        "the frame is cut away"
    );
    assert_eq!(extent(&trimmed, GREEN), None);

    let kept = ok("l-image,i-framed.png,t-false,lx-0,ly-0,l-end");
    assert_eq!(extent(&kept, RED), Some(((10, 10, 30, 30), 400)));
    assert_eq!(extent(&kept, GREEN).map(|(b, _)| b), Some((0, 0, 40, 40)));
}
