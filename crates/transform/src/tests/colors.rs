//! Colours: 6-hex, 8-hex with a decimal opacity, names, and their canonical spelling.

use super::{canon, err, one};
use crate::{Background, Rgba};

fn bg(tr: &str) -> Rgba {
    match one(&format!("bg-{tr}")).background {
        Some(Background::Color(c)) => c,
        other => panic!("{tr}: {other:?}"),
    }
}

#[test]
fn hex6_any_case() {
    assert_eq!(
        bg("AAFF00"),
        Rgba {
            r: 0xAA,
            g: 0xFF,
            b: 0x00,
            a: 255
        }
    );
    assert_eq!(
        bg("0f0fac"),
        Rgba {
            r: 0x0F,
            g: 0x0F,
            b: 0xAC,
            a: 255
        }
    );
    assert_eq!(canon("bg-0f0fac"), "bg-0F0FAC");
}

#[test]
fn hex8_last_two_digits_are_decimal_opacity() {
    let a = |s: &str| bg(s).a;
    assert_eq!(a("FFAABB00"), 0);
    assert_eq!(a("FFAABB99"), 255);
    assert_eq!(a("FFAABB50"), 129); // 50/99 of 255, rounded
    assert_eq!(a("FFAABB01"), 3);
    assert_eq!(
        bg("AAFF0040"),
        Rgba {
            r: 0xAA,
            g: 0xFF,
            b: 0x00,
            a: 103
        }
    );
    // Every opacity prints back as itself; 99 is opaque and prints as 6-hex.
    for o in 0..99 {
        assert_eq!(canon(&format!("bg-FFAABB{o:02}")), format!("bg-FFAABB{o:02}"));
    }
    assert_eq!(canon("bg-FFAABB99"), "bg-FFAABB");
}

#[test]
fn hex8_with_hex_letters_in_opacity_is_rejected() {
    for s in ["bg-FFAABBA0", "bg-FFAABB9F", "co-FFAABBFF"] {
        let _ = err(s);
    }
}

#[test]
fn names() {
    let named = [
        ("black", 0x000000),
        ("silver", 0xC0C0C0),
        ("gray", 0x808080),
        ("grey", 0x808080),
        ("white", 0xFFFFFF),
        ("maroon", 0x800000),
        ("red", 0xFF0000),
        ("purple", 0x800080),
        ("fuchsia", 0xFF00FF),
        ("green", 0x008000),
        ("lime", 0x00FF00),
        ("olive", 0x808000),
        ("yellow", 0xFFFF00),
        ("navy", 0x000080),
        ("blue", 0x0000FF),
        ("teal", 0x008080),
        ("aqua", 0x00FFFF),
        ("orange", 0xFFA500),
        ("pink", 0xFFC0CB),
        ("beige", 0xF5F5DC),
        ("lightgreen", 0x90EE90),
        ("rebeccapurple", 0x663399),
        ("yellowgreen", 0x9ACD32),
        ("aliceblue", 0xF0F8FF),
    ];
    for (name, rgb) in named {
        assert_eq!(bg(name), Rgba::from_rgb(rgb), "{name}");
    }
    assert_eq!(bg("Red"), Rgba::from_rgb(0xFF0000));
    assert_eq!(bg("transparent"), Rgba::TRANSPARENT);
    assert_eq!(canon("bg-red"), "bg-FF0000");
    assert_eq!(canon("bg-red"), canon("bg-ff0000"));
}

#[test]
fn name_table_is_sorted_and_unique() {
    let names: Vec<&str> = crate::color_names::NAMED_COLORS.iter().map(|(n, _)| *n).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]));
    assert!(names.len() >= 147);
}

#[test]
fn bad_colours() {
    for s in [
        "bg-FFF",
        "bg-GGGGGG",
        "bg-FFAABBC",
        "bg-notacolour",
        "bg-",
        "bg-#FF0000",
    ] {
        let _ = err(s);
    }
}
