//! Overlay layers: inputs (plain, `@@` paths, base64), positions, text styling, nesting and
//! the layer's own chain.

use super::{canon, err, ok};
use crate::*;

fn layer(tr: &str) -> Layer {
    let plan = ok(tr);
    assert_eq!(plan.steps.len(), 1, "{tr}");
    assert_eq!(plan.steps[0].overlays.len(), 1, "{tr}");
    plan.steps[0].overlays[0].clone()
}

#[test]
fn image_layer_with_position_and_own_steps() {
    let l = layer("w-300,h-300,l-image,i-logo.png,w-10,rt-90,l-end");
    assert_eq!(l.source, LayerSource::Image("/logo.png".into()));
    assert_eq!(l.steps.len(), 1);
    assert_eq!(l.steps[0].width, Some(Dim::Px(10.0)));
    assert_eq!(l.steps[0].rotation, Some(Rotation::Degrees(90)));
    let l = layer("l-image,i-path@@to@@overlay.png,lx-35,ly-N20,lfo-top_left,lap-center,lm-multiply,l-end");
    assert_eq!(l.source, LayerSource::Image("/path/to/overlay.png".into()));
    assert_eq!(l.position.x, Some(Dim::Px(35.0)));
    assert_eq!(l.position.y, Some(Dim::Px(-20.0)));
    assert_eq!(l.position.focus, Some(Gravity::TopLeft));
    assert_eq!(l.position.anchor, Some(Gravity::Center));
    assert_eq!(l.position.mode, Some(LayerMode::Multiply));
    assert!(l.steps.is_empty());
    let l = layer("l-image,i-a.png,lxc-bw_div_2,lyc-N5,l-end");
    assert!(matches!(l.position.x_center, Some(Dim::Expr(_))));
    assert_eq!(l.position.y_center, Some(Dim::Px(-5.0)));
}

#[test]
fn image_layers_accept_the_resize_parameters() {
    let l = layer(
        "l-image,i-a.png,w-100,h-50,ar-4-3,c-at_max,cm-extract,fo-face,z-1.5,b-2_red,o-50,bg-yellow,\
         r-max,rt-N45,t-false,dpr-2,q-70,bl-5,x-1,y-2,e-grayscale,e-contrast,l-end",
    );
    let s = &l.steps[0];
    assert_eq!(s.trim, Some(Trim::Off));
    assert_eq!(s.crop_mode, Some(CropMode::Extract));
    assert_eq!(s.effects, vec![Effect::Contrast, Effect::Grayscale]);
}

#[test]
fn chained_steps_inside_a_layer() {
    let l = layer("l-image,i-a.png,w-100:rt-90:e-grayscale,lx-10,l-end");
    assert_eq!(l.steps.len(), 3);
    assert_eq!(l.position.x, Some(Dim::Px(10.0)));
    assert_eq!(
        canon("l-image,i-a.png,w-100:rt-90,l-end"),
        "l-image,i-a.png,w-100:rt-90,l-end"
    );
}

#[test]
fn solid_colour_block() {
    let l = layer("l-image,i-ik_canvas,bg-FF0000,w-300,h-100,al-5,l-end");
    assert_eq!(l.source, LayerSource::Canvas);
    assert_eq!(
        l.steps[0].background,
        Some(Background::Color(Rgba::from_rgb(0xFF0000)))
    );
    assert_eq!(l.style.alpha, Some(5));
}

#[test]
fn text_layer_with_style() {
    let l = layer(
        "l-text,i-Hello%20World,ff-Open%20Sans,fs-72,co-FFF000,ia-left,pa-10_20,al-3,tg-b_i,lh-30,\
         bg-white,r-5,w-400,rt-N10,fl-h,l-end",
    );
    assert_eq!(l.source, LayerSource::Text("Hello World".into()));
    assert_eq!(l.style.font, Some(Font::Builtin("Open Sans".into())));
    assert_eq!(l.style.font_size, Some(Dim::Px(72.0)));
    assert_eq!(l.style.color, Some(Rgba::from_rgb(0xFFF000)));
    assert_eq!(l.style.align, Some(Align::Left));
    let p = l.style.padding.clone().unwrap();
    assert_eq!(
        (p.top, p.right, p.bottom, p.left),
        (Dim::Px(10.0), Dim::Px(20.0), Dim::Px(10.0), Dim::Px(20.0))
    );
    assert_eq!(
        l.style.typography,
        Some(Typography {
            bold: true,
            italic: true,
            strikethrough: false
        })
    );
    assert_eq!(l.style.line_height, Some(Dim::Px(30.0)));
    assert_eq!(l.steps[0].width, Some(Dim::Px(400.0)));
    assert_eq!(l.steps[0].background, Some(Background::Color(Rgba::WHITE)));
}

#[test]
fn padding_shorthand() {
    let pad = |v: &str| layer(&format!("l-text,i-x,pa-{v},l-end")).style.padding.unwrap();
    let px = |a: f64, b: f64, c: f64, d: f64| Padding {
        top: Dim::Px(a),
        right: Dim::Px(b),
        bottom: Dim::Px(c),
        left: Dim::Px(d),
    };
    assert_eq!(pad("10"), px(10.0, 10.0, 10.0, 10.0));
    assert_eq!(pad("25_75"), px(25.0, 75.0, 25.0, 75.0));
    assert_eq!(pad("25_75_60"), px(25.0, 75.0, 60.0, 75.0));
    assert_eq!(pad("25_50_75_100"), px(25.0, 50.0, 75.0, 100.0));
    assert!(matches!(pad("bw_mod_5").top, Dim::Expr(_)));
    assert_eq!(canon("l-text,i-x,pa-10_10,l-end"), "l-text,i-x,pa-10,l-end");
    let _ = err("l-text,i-x,pa-1_2_3_4_5,l-end");
}

#[test]
fn custom_font_paths() {
    let l = layer("l-text,i-Hi,ff-Lacquer-Regular_nGqtVsBJT.ttf,l-end");
    assert_eq!(
        l.style.font,
        Some(Font::Path("/Lacquer-Regular_nGqtVsBJT.ttf".into()))
    );
    let l = layer("l-text,i-Hi,ff-font-folder@@font-subfolder@@my-custom-font.ttf,l-end");
    assert_eq!(
        l.style.font,
        Some(Font::Path(
            "/font-folder/font-subfolder/my-custom-font.ttf".into()
        ))
    );
}

#[test]
fn base64_inputs() {
    // "hello", standard alphabet, padding percent-encoded as the SDKs send it.
    assert_eq!(
        layer("l-text,ie-aGVsbG8%3D,l-end").source,
        LayerSource::Text("hello".into())
    );
    assert_eq!(
        layer("l-text,ie-aGVsbG8,l-end").source,
        LayerSource::Text("hello".into())
    );
    // "हिन्दी" from the Node SDK's signing test vector: '/' percent-encoded, no padding.
    assert_eq!(
        layer("l-text,ie-4KS54KS%2F4KSo4KWN4KSm4KWA,l-end").source,
        LayerSource::Text("हिन्दी".into())
    );
    // Same bytes in the URL-safe alphabet.
    assert_eq!(
        layer("l-text,ie-4KS54KS_4KSo4KWN4KSm4KWA,l-end").source,
        LayerSource::Text("हिन्दी".into())
    );
    // "©®™" — 2- and 3-byte characters.
    assert_eq!(
        layer("l-text,ie-wqnCruKEog%3D%3D,l-end").source,
        LayerSource::Text("©®™".into())
    );
    // Image path "folder/logo.png".
    assert_eq!(
        layer("l-image,ie-Zm9sZGVyL2xvZ28ucG5n,l-end").source,
        LayerSource::Image("/folder/logo.png".into())
    );
    // ie wins over i.
    assert_eq!(
        layer("l-text,i-plain,ie-aGVsbG8%3D,l-end").source,
        LayerSource::Text("hello".into())
    );
    assert_eq!(
        layer("l-text,ie-aGVsbG8%3D,i-plain,l-end").source,
        LayerSource::Text("hello".into())
    );
    for bad in [
        "l-text,ie-a,l-end",
        "l-text,ie-aGVsb!8,l-end",
        "l-text,ie-%2F%2F%2F8,l-end",
        "l-text,ie-aG===,l-end",
    ] {
        let _ = err(bad);
    }
}

#[test]
fn text_is_truncated_at_2000_characters() {
    let l = layer(&format!("l-text,i-{},l-end", "a".repeat(2500)));
    let LayerSource::Text(t) = l.source else { panic!() };
    assert_eq!(t.chars().count(), MAX_TEXT_CHARS);
}

#[test]
fn nesting() {
    let plan = ok("l-image,i-outer.png,l-image,i-inner.png,lfo-top_left,l-end,l-end");
    let outer = &plan.steps[0].overlays[0];
    assert_eq!(outer.source, LayerSource::Image("/outer.png".into()));
    let inner = &outer.steps[0].overlays[0];
    assert_eq!(inner.source, LayerSource::Image("/inner.png".into()));
    assert_eq!(inner.position.focus, Some(Gravity::TopLeft));
    assert_eq!(outer.position.focus, None);
    // The documented nested example with a chain inside the outer layer.
    let plan = ok(
        "l-image,i-women-dress.jpeg,w-bw_div_3,b-iw_mul_0.02_red,lx-bw_mul_0.1,ly-bh_mul_0.1:\
                   l-image,i-logo-white_SJwqB4Nfe.png,w-bw_div_2,lx-bw_mul_0.1,ly-bh_mul_0.1,l-end,l-end",
    );
    let outer = &plan.steps[0].overlays[0];
    assert_eq!(outer.steps.len(), 2);
    assert_eq!(outer.steps[1].overlays.len(), 1);
    // Several layers in one step keep their order; a step after the layer continues.
    let plan = ok("l-image,i-a.png,l-end,l-text,i-b,l-end,w-100:rt-90");
    assert_eq!(plan.steps.len(), 2);
    assert_eq!(plan.steps[0].overlays.len(), 2);
    assert_eq!(plan.steps[0].width, Some(Dim::Px(100.0)));
    assert_eq!(plan.steps[0].overlays[1].source, LayerSource::Text("b".into()));
}

#[test]
fn video_and_subtitle_layers_are_parsed_but_unsupported() {
    let plan = ok("l-video,i-clip.mp4,lso-5,leo-10.5,ldu-3,l-end");
    assert_eq!(plan.unsupported().as_deref(), Some("l-video"));
    let plan = ok("l-subtitles,i-subs.srt,co-red,fs-20,fol-2_blue,fsh-A1CCDD50_3,l-end");
    assert_eq!(plan.unsupported().as_deref(), Some("l-subtitles"));
    assert_eq!(
        plan.steps[0].overlays[0].style.outline,
        Some((2, Rgba::from_rgb(0x0000FF)))
    );
}

#[test]
fn layer_errors() {
    let cases = [
        ("l-image,i-logo.png", "not closed with 'l-end'"),
        ("l-image,w-100,l-end", "needs an input"),
        ("l-shape,i-x,l-end", "layer type must be"),
        ("l,i-x,l-end", "layer type must be"),
        ("l-image,i-@@..@@x.png,l-end", "'..'"),
        ("l-text,i-,l-end", "a value is required"),
        ("l-image,i-a.png,fs-20,l-end", "not valid in an l-image layer"),
        ("l-text,i-a,fol-2_red,l-end", "not valid in an l-text layer"),
        ("l-image,i-a.png,lfo-auto,l-end", "position must be"),
        ("l-image,i-a.png,lm-screen,l-end", "layer mode must be"),
        ("l-image,i-a.png,lx-abc,l-end", "lx must be"),
        ("l-text,i-a,al-10,l-end", "alpha must be"),
        ("l-text,i-a,ia-justify,l-end", "inner alignment"),
        ("l-text,i-a,tg-u,l-end", "typography"),
        ("l-text,i-a,ff-bad*font,l-end", "font must be"),
        ("l-image,i-a.png,orig-true,l-end", "cannot be used inside a layer"),
        ("l-image,i-a.png,di-x.png,l-end", "cannot be used inside a layer"),
        (
            "l-video,i-clip.mp4,ldu-bdu_mul_0.5,l-end",
            "video transformations are not supported",
        ),
    ];
    for (tr, text) in cases {
        let e = err(tr);
        assert!(e.message.contains(text), "{tr}: {e}");
    }
}
