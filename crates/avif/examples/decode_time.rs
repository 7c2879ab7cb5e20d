//! Times one decode of generated photo-like AVIFs (1920×1080 and 4000×3000, 8-bit, ravif at
//! speed 10, quality 80) for docs/benchmarks.md: `cargo run --release -p avif --example
//! decode_time`. Encoding them takes most of the run.

use std::time::Instant;

use avif::AvifDecoder;
use image::DynamicImage;
use ravif::{BitDepth, Encoder, Img, RGB8};

fn photo(width: usize, height: usize) -> Vec<RGB8> {
    let mut seed = 0x2545_f491_u32;
    (0..width * height)
        .map(|i| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed % 24) as u8;
            let (x, y) = (i % width, i / width);
            RGB8::new(
                ((x * 255 / width) as u8).saturating_add(noise),
                ((y * 255 / height) as u8).saturating_add(noise),
                90 + noise,
            )
        })
        .collect()
}

fn main() {
    for (width, height) in [(1920, 1080), (4000, 3000)] {
        for depth in [BitDepth::Eight, BitDepth::Ten] {
            let pixels = photo(width, height);
            let started = Instant::now();
            let encoded = Encoder::new()
                .with_quality(80.0)
                .with_speed(10)
                .with_bit_depth(depth)
                .encode_rgb(Img::new(&pixels[..], width, height));
            let bytes = match encoded {
                Ok(encoded) => encoded.avif_file,
                Err(e) => panic!("encode: {e}"),
            };
            let encode_ms = started.elapsed().as_secs_f64() * 1000.0;
            let mut times = Vec::new();
            for _ in 0..3 {
                let started = Instant::now();
                let decoded = AvifDecoder::new(&bytes).and_then(|d| {
                    DynamicImage::from_decoder(d).map_err(|e| avif::Error::Corrupt(e.to_string()))
                });
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                if let Err(e) = decoded {
                    panic!("decode: {e}");
                }
            }
            println!(
                "{width}x{height} {depth:?}: {} KB, encode {encode_ms:.0} ms, decode {:.0} / {:.0} / {:.0} ms",
                bytes.len() / 1024,
                times[0],
                times[1],
                times[2]
            );
        }
    }
}
