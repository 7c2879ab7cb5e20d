//! `cargo bench -p delivery`: time of each pipeline step on generated photos (4000×3000 and
//! 1920×1080 JPEG → w-300 / w-800 JPEG q80), as milliseconds and as a ratio to a plain
//! memory copy of the source measured in the same run.
//!
//! `cargo bench -p delivery --bench pipeline -- w-800 N` instead renders only the cache-miss
//! `w-800` of a 1920×1080 upload as the server does it (from its 1024×576 working copy, JPEG
//! q88) N times after one warm-up render, and prints only the output size: for counting instructions
//! with `valgrind --tool=callgrind --toggle-collect='pipeline::render_w'` on the bench binary.

use std::hint::black_box;
use std::time::Instant;

use delivery::pipeline::geometry::Request;
use delivery::pipeline::{Output, OutputFormat, StepSpec, render};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba};

fn photo(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let img = RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        Rgb([
            ((x * 255 / width) as u8).saturating_add(noise),
            ((y * 255 / height) as u8).saturating_add(noise),
            90 + noise,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    if let Err(e) = DynamicImage::ImageRgb8(img).write_to(&mut out, ImageFormat::Jpeg) {
        panic!("encode source: {e}");
    }
    out.into_inner()
}

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> f64 {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
}

#[inline(never)]
fn render_w(source: &[u8], planned: Option<(u32, u32)>, target: u32) -> usize {
    let mut once = Some(StepSpec {
        geometry: Request {
            width: Some(target),
            ..Request::default()
        },
        ..StepSpec::default()
    });
    render(
        source,
        planned,
        |_, _| Ok(once.take()),
        |_| Output {
            format: OutputFormat::Jpeg,
            quality: 80,
            background: Rgba([255; 4]),
        },
    )
    .map(|r| r.bytes.len())
    .unwrap_or(0)
}

/// The 1024 px working copy of a 1920×1080 photo, made as uploads make it.
fn working_copy_of_1080p() -> Vec<u8> {
    match delivery::pipeline::working_copy::make(&photo(1920, 1080), 1024) {
        Some(copy) if (copy.width, copy.height) == (1024, 576) => copy.bytes,
        _ => panic!("no 1024x576 working copy"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "w-800") {
        let runs: u32 = args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(10);
        let copy = working_copy_of_1080p();
        let mut bytes = render_w(&copy, Some((1920, 1080)), 800);
        for _ in 0..runs {
            bytes = render_w(&copy, Some((1920, 1080)), 800);
        }
        eprintln!(
            "w-800 from the 1024x576 copy ({} KB): {bytes} bytes",
            copy.len() / 1024
        );
        return;
    }
    // The working-copy path: a 2048x1536 copy stands in for the 4000x3000 original.
    let original = photo(4000, 3000);
    let from_original = time(5, || render_w(&original, None, 300));
    for side in [2048, 1024] {
        let working = photo(side, side * 3 / 4);
        let from_working = time(20, || render_w(&working, Some((4000, 3000)), 300));
        println!(
            "4000x3000 -> w-300: from the original {from_original:.1} ms, from a {side} working copy {from_working:.1} ms ({:.1}x faster)",
            from_original / from_working
        );
    }
    for (w, h, target, runs) in [(4000, 3000, 300, 5), (1920, 1080, 800, 10)] {
        let source = photo(w, h);
        let reference = time(runs, || source.clone());
        let decode = time(runs, || image::load_from_memory(&source).map(|i| i.width()));
        let full = time(runs, || render_w(&source, None, target));
        println!(
            "{w}x{h} JPEG ({} KB) -> w-{target}: decode {decode:.1} ms, whole render {full:.1} ms (copy of the source {reference:.3} ms; render = {:.0}x copy)",
            source.len() / 1024,
            full / reference
        );
    }
}
