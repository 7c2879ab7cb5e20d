//! The `e-*` effects: flags, arguments with defaults, AI names, and bad arguments.

use super::{err, one};
use crate::{Dim, Distort, Effect, Gradient, Rgba};

fn effect(tr: &str) -> Effect {
    let step = one(tr);
    assert_eq!(step.effects.len(), 1, "{tr}: {:?}", step.effects);
    step.effects[0].clone()
}

#[test]
fn flags() {
    assert_eq!(effect("e-grayscale"), Effect::Grayscale);
    assert_eq!(effect("e-grayscale-true"), Effect::Grayscale);
    assert_eq!(effect("e-contrast"), Effect::Contrast);
    assert_eq!(effect("e-contrast-true"), Effect::Contrast);
    assert!(one("e-contrast,e-contrast-false,w-1").effects.is_empty());
    let _ = err("e-grayscale-5");
}

#[test]
fn sharpen_and_usm() {
    assert_eq!(effect("e-sharpen"), Effect::Sharpen(None));
    assert_eq!(effect("e-sharpen-10"), Effect::Sharpen(Some(10)));
    assert_eq!(effect("e-sharpen-10,e-sharpen-20"), Effect::Sharpen(Some(20)));
    assert_eq!(
        effect("e-usm-2-2-0.8-0.024"),
        Effect::Usm {
            radius: 2.0,
            sigma: 2.0,
            amount: 0.8,
            threshold: 0.024
        }
    );
    assert_eq!(effect("e-usm"), effect("e-usm-2-2-0.8-0.024"));
    for bad in [
        "e-sharpen-x",
        "e-sharpen-N1",
        "e-sharpen-1001",
        "e-usm-1-2-3",
        "e-usm-1-2-3-x",
        "e-usm-1-2-3-4-5",
    ] {
        let _ = err(bad);
    }
}

#[test]
fn shadow() {
    assert_eq!(
        effect("e-shadow"),
        Effect::Shadow {
            blur: 10,
            saturation: 30,
            x: 2,
            y: 2
        }
    );
    assert_eq!(
        effect("e-shadow-bl-15_st-40_x-10_y-N5"),
        Effect::Shadow {
            blur: 15,
            saturation: 40,
            x: 10,
            y: -5
        }
    );
    assert_eq!(
        effect("e-shadow-x-N100"),
        Effect::Shadow {
            blur: 10,
            saturation: 30,
            x: -100,
            y: 2
        }
    );
    for bad in [
        "e-shadow-bl-16",
        "e-shadow-st-101",
        "e-shadow-x-101",
        "e-shadow-y-N101",
        "e-shadow-q-1",
        "e-shadow-15",
    ] {
        let _ = err(bad);
    }
}

#[test]
fn gradient() {
    let default = Gradient {
        direction: 180,
        from: Rgba::WHITE,
        to: Rgba::TRANSPARENT,
        stop: Dim::Fraction(1.0),
    };
    assert_eq!(effect("e-gradient"), Effect::Gradient(default.clone()));
    let g = Gradient {
        direction: 45,
        from: Rgba {
            a: 103,
            ..Rgba::from_rgb(0xFF0000)
        },
        to: Rgba {
            a: 103,
            ..Rgba::from_rgb(0x00FF00)
        },
        stop: Dim::Fraction(0.9),
    };
    assert_eq!(
        effect("e-gradient-ld-top_right_from-FF000040_to-00FF0040_sp-0.9"),
        Effect::Gradient(g)
    );
    let Effect::Gradient(g) = effect("e-gradient-ld-90_from-red_to-white_sp-100") else {
        panic!()
    };
    assert_eq!((g.direction, g.stop), (90, Dim::Px(100.0)));
    let Effect::Gradient(g) = effect("e-gradient-sp-ch_div_2") else {
        panic!()
    };
    assert!(matches!(g.stop, Dim::Expr(_)));
    for (word, deg) in [
        ("top", 0),
        ("right", 90),
        ("bottom_left", 225),
        ("left", 270),
        ("top_left", 315),
    ] {
        let Effect::Gradient(g) = effect(&format!("e-gradient-ld-{word}")) else {
            panic!()
        };
        assert_eq!(g.direction, deg, "{word}");
    }
    for bad in [
        "e-gradient-ld-360",
        "e-gradient-ld-up",
        "e-gradient-from-nocolor",
        "e-gradient-sp-0",
        "e-gradient-xx-1",
    ] {
        let _ = err(bad);
    }
}

#[test]
fn colorize_and_distort() {
    assert_eq!(
        effect("e-colorize"),
        Effect::Colorize {
            color: Rgba::from_rgb(0x808080),
            intensity: 100
        }
    );
    assert_eq!(
        effect("e-colorize-co-red_in-50"),
        Effect::Colorize {
            color: Rgba::from_rgb(0xFF0000),
            intensity: 50
        }
    );
    assert_eq!(
        effect("e-distort-p-10_10_290_20_280_290_20_280"),
        Effect::Distort(Distort::Perspective([10, 10, 290, 20, 280, 290, 20, 280]))
    );
    assert_eq!(
        effect("e-distort-p-N10_0_100_0_100_100_0_N5"),
        Effect::Distort(Distort::Perspective([-10, 0, 100, 0, 100, 100, 0, -5]))
    );
    assert_eq!(effect("e-distort-a-N30"), Effect::Distort(Distort::Arc(-30)));
    for bad in [
        "e-colorize-in-101",
        "e-colorize-co-nocolor",
        "e-distort",
        "e-distort-p-1_2_3",
        "e-distort-a-x",
        "e-distort-q-1",
    ] {
        let _ = err(bad);
    }
}

#[test]
fn ai_effects_are_parsed_as_unsupported() {
    for tr in [
        "e-bgremove",
        "e-removedotbg",
        "e-changebg-prompt-snow%20road",
        "e-edit-prompt-make%20it%20blue",
        "e-dropshadow",
        "e-dropshadow-az-45",
        "e-retouch",
        "e-upscale",
        "e-genvar",
    ] {
        let step = one(tr);
        assert!(matches!(step.effects[0], Effect::Unsupported(_)), "{tr}");
        let u = step.unsupported().unwrap();
        assert!(tr.starts_with(&u), "{tr}: {u}");
    }
    let step = one("e-changebg-prompt-snow%20road");
    assert_eq!(
        step.effects[0],
        Effect::Unsupported("e-changebg-prompt-snow road".into())
    );
}

#[test]
fn the_rendered_effects_are_supported_and_ai_effects_are_not() {
    assert_eq!(one("e-bgremove").unsupported().as_deref(), Some("e-bgremove"));
    for tr in [
        "e-distort-a-10",
        "e-distort-p-0_0_10_0_10_10_0_10",
        "e-shadow",
        "e-gradient",
        "e-colorize",
        "e-sharpen",
        "e-usm",
        "e-grayscale",
        "e-contrast",
        "t-true",
        "o-50",
        "cr-red",
        "rt-45",
        "bg-blurred",
        "bg-dominant",
        "bg-gradient_dominant_4",
    ] {
        assert_eq!(one(tr).unsupported(), None, "{tr}");
    }
}

#[test]
fn one_effect_per_kind_in_application_order() {
    let step = one(
        "e-shadow,e-sharpen,e-grayscale,e-contrast,e-bgremove,e-gradient,e-colorize,e-usm,e-distort-a-10",
    );
    let keys: Vec<String> = step.effects.iter().map(Effect::key).collect();
    assert_eq!(
        keys,
        [
            "e-distort",
            "e-contrast",
            "e-grayscale",
            "e-colorize",
            "e-sharpen",
            "e-usm",
            "e-gradient",
            "e-shadow",
            "e-bgremove"
        ]
    );
}
