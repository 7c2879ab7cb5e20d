//! Every step parameter with valid values: the typed result and the canonical spelling.

use super::{canon, one};
use crate::*;

#[test]
fn width_and_height() {
    let cases: &[(&str, Option<Dim>, Option<Dim>)] = &[
        ("w-300", Some(Dim::Px(300.0)), None),
        ("w-1", Some(Dim::Px(1.0)), None),
        ("w-300.5", Some(Dim::Px(300.5)), None),
        ("w-0.4", Some(Dim::Fraction(0.4)), None),
        ("w-auto", Some(Dim::Auto), None),
        ("h-200", None, Some(Dim::Px(200.0))),
        ("h-0.25", None, Some(Dim::Fraction(0.25))),
        ("w-300,h-200", Some(Dim::Px(300.0)), Some(Dim::Px(200.0))),
        ("w-0", None, None),
        ("w-300,w-0", None, None),
        ("w-100,w-200", Some(Dim::Px(200.0)), None),
    ];
    for (tr, w, h) in cases {
        let plan = super::ok(tr);
        let step = plan.steps.first().cloned().unwrap_or_default();
        assert_eq!(&step.width, w, "{tr}");
        assert_eq!(&step.height, h, "{tr}");
    }
    assert!(matches!(one("w-iw_div_2").width, Some(Dim::Expr(_))));
    assert!(matches!(one("h-ih_mul_0.5").height, Some(Dim::Expr(_))));
    assert!(matches!(one("w-ih").width, Some(Dim::Expr(_))));
}

#[test]
fn aspect_ratio() {
    let r = |tr: &str| one(tr).aspect_ratio.unwrap();
    assert_eq!(r("ar-4-3"), Dim::Ratio(4.0 / 3.0));
    assert_eq!(r("ar-16-9"), Dim::Ratio(16.0 / 9.0));
    assert_eq!(r("ar-4_3"), Dim::Ratio(4.0 / 3.0));
    assert_eq!(r("ar-1.5"), Dim::Ratio(1.5));
    assert!(matches!(r("ar-car_mul_0.5"), Dim::Expr(_)));
    assert_eq!(canon("ar-8-6"), canon("ar-4-3"));
}

#[test]
fn crop_and_crop_mode() {
    for (tr, c) in [
        ("c-maintain_ratio", Crop::MaintainRatio),
        ("c-force", Crop::Force),
        ("c-at_max", Crop::AtMax),
        ("c-at_max_enlarge", Crop::AtMaxEnlarge),
        ("c-at_least", Crop::AtLeast),
        ("c-maintain_ratio_no_enlarge", Crop::MaintainRatioNoEnlarge),
    ] {
        assert_eq!(one(tr).crop, Some(c), "{tr}");
    }
    for (tr, cm) in [
        ("cm-pad_resize", CropMode::PadResize),
        ("cm-extract", CropMode::Extract),
        ("cm-pad_extract", CropMode::PadExtract),
        ("cm-pad_resize_no_enlarge", CropMode::PadResizeNoEnlarge),
        ("cm-pad_extract_no_shrink", CropMode::PadExtractNoShrink),
        ("c-pad_resize", CropMode::PadResize),
    ] {
        assert_eq!(one(tr).crop_mode, Some(cm), "{tr}");
    }
    assert_eq!(canon("c-pad_resize"), "cm-pad_resize");
}

#[test]
fn focus() {
    for (tr, f) in [
        ("fo-center", Focus::Center),
        ("fo-top", Focus::Top),
        ("fo-left", Focus::Left),
        ("fo-bottom", Focus::Bottom),
        ("fo-right", Focus::Right),
        ("fo-top_left", Focus::TopLeft),
        ("fo-top_right", Focus::TopRight),
        ("fo-bottom_left", Focus::BottomLeft),
        ("fo-bottom_right", Focus::BottomRight),
        ("fo-auto", Focus::Auto),
        ("fo-face", Focus::Face),
        ("fo-custom", Focus::Custom),
        ("fo-car", Focus::Object("car".into())),
        ("fo-trafficLight", Focus::Object("trafficLight".into())),
        ("fo-trafficlight", Focus::Object("trafficLight".into())),
    ] {
        assert_eq!(one(tr).focus, Some(f), "{tr}");
    }
}

#[test]
fn extract_coordinates_and_zoom() {
    let s = one("cm-extract,w-100,h-100,x-10,y-20");
    assert_eq!((s.x, s.y), (Some(Dim::Px(10.0)), Some(Dim::Px(20.0))));
    let s = one("cm-extract,w-100,h-100,xc-300,yc-500");
    assert_eq!(
        (s.x_center, s.y_center),
        (Some(Dim::Px(300.0)), Some(Dim::Px(500.0)))
    );
    assert!(matches!(one("x-iw_mul_0.4").x, Some(Dim::Expr(_))));
    assert!(matches!(one("yc-ch_mul_0.25").y_center, Some(Dim::Expr(_))));
    assert_eq!(one("fo-face,z-0.5").zoom, Some(0.5));
    assert_eq!(one("z-2").zoom, Some(2.0));
}

#[test]
fn quality_blur_opacity() {
    for (tr, q) in [("q-1", 1), ("q-80", 80), ("q-100", 100)] {
        assert_eq!(one(tr).quality, Some(q), "{tr}");
    }
    for (tr, b) in [("bl-1", 1), ("bl-10", 10), ("bl-100", 100)] {
        assert_eq!(one(tr).blur, Some(b), "{tr}");
    }
    for (tr, o) in [("o-0", 0), ("o-50", 50), ("o-100", 100)] {
        assert_eq!(one(tr).opacity, Some(o), "{tr}");
    }
}

#[test]
fn format() {
    for (tr, f, supported) in [
        ("f-auto", Format::Auto, true),
        ("f-webp", Format::Webp, true),
        ("f-jpg", Format::Jpg, true),
        ("f-jpeg", Format::Jpg, true),
        ("f-png", Format::Png, true),
        ("f-gif", Format::Gif, true),
        ("f-svg", Format::Svg, true),
        ("f-avif", Format::Avif, true),
        ("f-orig", Format::Orig, true),
        ("f-mp4", Format::Mp4, false),
        ("f-webm", Format::Webm, false),
    ] {
        let step = one(tr);
        assert_eq!(step.format, Some(f), "{tr}");
        assert_eq!(f.is_supported(), supported, "{tr}");
        assert_eq!(step.unsupported().is_none(), supported, "{tr}");
    }
    assert_eq!(canon("f-jpeg"), "f-jpg");
}

#[test]
fn background() {
    let bg = |tr: &str| one(tr).background.unwrap();
    assert_eq!(
        bg("bg-FF0000"),
        Background::Color(Rgba {
            r: 255,
            g: 0,
            b: 0,
            a: 255
        })
    );
    assert_eq!(
        bg("bg-red"),
        Background::Color(Rgba {
            r: 255,
            g: 0,
            b: 0,
            a: 255
        })
    );
    assert_eq!(
        bg("bg-blurred"),
        Background::Blurred {
            intensity: None,
            brightness: None
        }
    );
    assert_eq!(
        bg("bg-blurred_25_N15"),
        Background::Blurred {
            intensity: Some(BlurIntensity::Value(25)),
            brightness: Some(-15)
        }
    );
    assert_eq!(
        bg("bg-blurred_auto_30"),
        Background::Blurred {
            intensity: Some(BlurIntensity::Auto),
            brightness: Some(30)
        }
    );
    assert_eq!(
        bg("bg-blurred_100_N255"),
        Background::Blurred {
            intensity: Some(BlurIntensity::Value(100)),
            brightness: Some(-255)
        }
    );
    assert_eq!(bg("bg-dominant"), Background::Dominant);
    assert_eq!(bg("bg-gradient_dominant"), Background::GradientDominant(2));
    assert_eq!(bg("bg-gradient_dominant_2"), Background::GradientDominant(2));
    assert_eq!(bg("bg-gradient_dominant_4"), Background::GradientDominant(4));
    assert_eq!(bg("bg-genfill"), Background::GenFill(None));
    assert!(one("bg-genfill").unsupported().is_some());
    assert_eq!(
        bg("bg-genfill:-prompt-snow%20road"),
        Background::GenFill(Some(":-prompt-snow road".into()))
    );
}

#[test]
fn border() {
    let b = one("b-5_FFF000").border.unwrap();
    assert_eq!(
        b,
        (
            Dim::Px(5.0),
            Rgba {
                r: 255,
                g: 240,
                b: 0,
                a: 255
            }
        )
    );
    let (w, c) = one("b-ih_mul_0.05_red").border.unwrap();
    assert!(matches!(w, Dim::Expr(_)));
    assert_eq!(
        c,
        Rgba {
            r: 255,
            g: 0,
            b: 0,
            a: 255
        }
    );
    assert_eq!(canon("b-cw_mod_5_AAAA54"), "b-cw_mod_5_AAAA54");
}

#[test]
fn radius() {
    for (tr, r) in [
        ("r-max", Radius::Max),
        ("r-20", Radius::Px(20)),
        ("r-0", Radius::Px(0)),
        ("r-10_20_30_40", Radius::Corners([10, 20, 30, 40])),
    ] {
        assert_eq!(one(tr).radius, Some(r), "{tr}");
    }
}

#[test]
fn rotation_and_flip() {
    for (tr, r) in [
        ("rt-90", Rotation::Degrees(90)),
        ("rt-N40", Rotation::Degrees(-40)),
        ("rt-0", Rotation::Degrees(0)),
        ("rt-360", Rotation::Degrees(360)),
        ("rt-auto", Rotation::Auto),
    ] {
        assert_eq!(one(tr).rotation, Some(r), "{tr}");
    }
    assert_eq!(canon("rt-N40"), "rt-N40");
    for (tr, f) in [
        ("fl-h", Flip::H),
        ("fl-v", Flip::V),
        ("fl-h_v", Flip::Both),
        ("fl-v_h", Flip::Both),
    ] {
        assert_eq!(one(tr).flip, Some(f), "{tr}");
    }
}

#[test]
fn trim() {
    for (tr, t) in [
        ("t", Trim::Default),
        ("t-true", Trim::Default),
        ("t-false", Trim::Off),
        ("t-1", Trim::Threshold(1)),
        ("t-99", Trim::Threshold(99)),
    ] {
        assert_eq!(one(tr).trim, Some(t), "{tr}");
    }
}

#[test]
fn dpr() {
    for (tr, d) in [
        ("dpr-0.1", Dpr::Value(0.1)),
        ("dpr-2", Dpr::Value(2.0)),
        ("dpr-5", Dpr::Value(5.0)),
    ] {
        assert_eq!(one(&format!("w-100,{tr}")).dpr, Some(d), "{tr}");
    }
    assert_eq!(one("dpr-auto").dpr, Some(Dpr::Auto));
}

#[test]
fn booleans() {
    type Get = fn(&Step) -> Option<bool>;
    let fields: [(&str, Get); 4] = [
        ("pr", |s| s.progressive),
        ("lo", |s| s.lossless),
        ("cp", |s| s.color_profile),
        ("md", |s| s.metadata),
    ];
    for (key, get) in fields {
        assert_eq!(get(&one(key)), Some(true), "{key}");
        assert_eq!(get(&one(&format!("{key}-true"))), Some(true), "{key}");
        assert_eq!(get(&one(&format!("{key}-false"))), Some(false), "{key}");
    }
    assert!(one("orig-true").original);
    assert!(one("orig").original);
    assert!(super::ok("orig-true,w-100").is_original());
    assert!(super::ok("orig-false").steps.is_empty());
}

#[test]
fn named_default_image_page() {
    assert_eq!(one("n-ik_ml_thumbnail").named.as_deref(), Some("ik_ml_thumbnail"));
    assert_eq!(one("n-my-thumb_2").named.as_deref(), Some("my-thumb_2"));
    assert_eq!(
        one("di-medium_cafe.jpg").default_image.as_deref(),
        Some("/medium_cafe.jpg")
    );
    assert_eq!(
        one("di-@@path@@to@@image.jpg").default_image.as_deref(),
        Some("/path/to/image.jpg")
    );
    assert_eq!(
        one("di-path@@to@@image.jpg").default_image.as_deref(),
        Some("/path/to/image.jpg")
    );
    assert_eq!(canon("di-@@path@@to@@image.jpg"), "di-path@@to@@image.jpg");
    for pg in ["2", "2-4", "4-", "1_3_5", "name-\"layer-1\"", "name-\"a\"_\"b\""] {
        assert_eq!(one(&format!("pg-{pg}")).page.as_deref(), Some(pg), "{pg}");
    }
    assert_eq!(
        one("pg-name-%22Layer%201%22").page.as_deref(),
        Some("name-\"Layer 1\"")
    );
}

#[test]
fn color_replace_and_density() {
    let red = Rgba {
        r: 255,
        g: 0,
        b: 0,
        a: 255,
    };
    let blue = Rgba {
        r: 0,
        g: 0,
        b: 255,
        a: 255,
    };
    assert_eq!(
        one("cr-red").color_replace,
        Some(ColorReplace {
            to: red,
            tolerance: None,
            from: None
        })
    );
    assert_eq!(
        one("cr-red_40").color_replace,
        Some(ColorReplace {
            to: red,
            tolerance: Some(40),
            from: None
        })
    );
    assert_eq!(
        one("cr-FF0000_40_blue").color_replace,
        Some(ColorReplace {
            to: red,
            tolerance: Some(40),
            from: Some(blue)
        })
    );
    assert_eq!(one("dn-300").density, Some(300));
}

#[test]
fn duplicate_key_later_wins() {
    let s = one("w-100,h-50,w-200,q-10,q-90,fo-top,fo-left");
    assert_eq!(s.width, Some(Dim::Px(200.0)));
    assert_eq!(s.quality, Some(90));
    assert_eq!(s.focus, Some(Focus::Left));
    assert_eq!(canon("w-100,w-200"), "w-200");
}

#[test]
fn empty_input_is_identity() {
    let plan = super::ok("");
    assert!(plan.is_identity());
    assert_eq!(plan.canonical(), "");
}
