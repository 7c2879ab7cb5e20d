//! Bad values and unknown keys: each is an error naming the parameter, with a useful message.

use super::err;

/// `(input, parameter key blamed, text the message contains)`.
pub(super) const CASES: &[(&str, Option<&str>, &str)] = &[
    (
        "w-abc",
        Some("w"),
        "width must be a number, a fraction 0-1, 'auto' or an expression.",
    ),
    ("w-", Some("w"), "a value is required"),
    ("w", Some("w"), "a value is required"),
    ("w--5", Some("w"), "width must be"),
    ("w-N5", Some("w"), "width must be"),
    ("w-1e3", Some("w"), "width must be"),
    ("w-inf", Some("w"), "width must be"),
    ("w-NaN", Some("w"), "width must be"),
    ("w- 100", Some("w"), "width must be"),
    ("w-100px", Some("w"), "width must be"),
    ("w-iw_div", Some("w"), "not a valid expression"),
    ("w-iw_foo_2", Some("w"), "'foo' is not an operator"),
    ("w-bw_div_2", Some("w"), "'bw' can only be used inside a layer"),
    (
        "h-auto",
        Some("h"),
        "height must be a number, a fraction 0-1 or an expression.",
    ),
    ("h-x", Some("h"), "height must be"),
    ("ar-4-0", Some("ar"), "aspect ratio must be positive"),
    ("ar-0-3", Some("ar"), "aspect ratio must be positive"),
    ("ar-four", Some("ar"), "aspect ratio must be"),
    ("c-fill", Some("c"), "crop must be"),
    ("cm-crop", Some("cm"), "crop mode must be"),
    ("fo-middle", Some("fo"), "focus must be"),
    ("fo-unicorn", Some("fo"), "focus must be"),
    ("x-N10", Some("x"), "x must be a non-negative number"),
    ("y-abc", Some("y"), "y must be"),
    ("xc-", Some("xc"), "a value is required"),
    ("yc-1.2.3", Some("yc"), "yc must be"),
    ("z-0", Some("z"), "zoom must be"),
    ("z-abc", Some("z"), "zoom must be"),
    ("z-101", Some("z"), "zoom must be"),
    ("q-0", Some("q"), "quality must be a whole number from 1 to 100."),
    ("q-101", Some("q"), "quality must be"),
    ("q-80.5", Some("q"), "quality must be"),
    ("q-N5", Some("q"), "quality must be"),
    ("q-99999999999999999999", Some("q"), "quality must be"),
    ("f-bmp", Some("f"), "format must be"),
    ("f-JPG", Some("f"), "format must be"),
    ("bg-nocolor", Some("bg"), "background must be"),
    ("bg-12345", Some("bg"), "background must be"),
    ("bg-FF00FFA0", Some("bg"), "background must be"),
    ("bg-blurred_101", Some("bg"), "blurred background"),
    ("bg-blurred_10_256", Some("bg"), "blurred background"),
    ("bg-blurred_10_N256", Some("bg"), "blurred background"),
    ("bg-blurred_1_2_3", Some("bg"), "blurred background"),
    ("bg-blurredx", Some("bg"), "blurred background"),
    ("bg-gradient_dominant_3", Some("bg"), "palette size of 2 or 4"),
    ("b-5", Some("b"), "border is <width>_<colour>"),
    ("b-5_nocolor", Some("b"), "colour must be"),
    ("b-x_red", Some("b"), "border is"),
    ("r-abc", Some("r"), "radius must be"),
    ("r-1_2", Some("r"), "radius must be"),
    ("r-N5", Some("r"), "radius must be"),
    ("rt-abc", Some("rt"), "rotation must be"),
    ("rt-45.5", Some("rt"), "rotation must be"),
    ("rt-99999999999", Some("rt"), "rotation must be"),
    ("fl-x", Some("fl"), "flip must be"),
    ("bl-0", Some("bl"), "blur must be a whole number from 1 to 100."),
    ("bl-101", Some("bl"), "blur must be"),
    (
        "o-101",
        Some("o"),
        "opacity must be a whole number from 0 to 100.",
    ),
    ("o-N1", Some("o"), "opacity must be"),
    ("t-0", Some("t"), "trim must be"),
    ("t-100", Some("t"), "trim must be"),
    ("t-yes", Some("t"), "trim must be"),
    ("dpr-0", Some("dpr"), "dpr must be a number from 0.1 to 5"),
    ("dpr-0.05", Some("dpr"), "dpr must be"),
    ("dpr-5.5", Some("dpr"), "dpr must be"),
    ("dpr-x", Some("dpr"), "dpr must be"),
    ("pr-yes", Some("pr"), "must be true or false"),
    ("lo-1", Some("lo"), "must be true or false"),
    ("cp-maybe", Some("cp"), "must be true or false"),
    ("md-", Some("md"), "must be true or false"),
    ("orig-yes", Some("orig"), "must be true or false"),
    ("n-bad.name", Some("n"), "named transformation"),
    ("n-", Some("n"), "a value is required"),
    ("di-", Some("di"), "a value is required"),
    ("di-@@..@@etc@@passwd", Some("di"), "'..'"),
    ("di-a@@@@b", Some("di"), "empty"),
    ("pg-0", Some("pg"), "page must be"),
    ("pg-a", Some("pg"), "page must be"),
    ("pg-1-2-3", Some("pg"), "page must be"),
    ("pg-name-layer", Some("pg"), "page must be"),
    ("cr-red_101", Some("cr"), "tolerance from 0 to 100"),
    ("cr-nocolor", Some("cr"), "colour must be"),
    ("cr-red_1_blue_x", Some("cr"), "colour replace"),
    ("dn-0", Some("dn"), "density must be"),
    ("dn-5001", Some("dn"), "density must be"),
    ("vc-h264", Some("vc"), "video transformations are not supported."),
    ("ac-aac", Some("ac"), "video transformations are not supported."),
    ("so-5", Some("so"), "video transformations are not supported."),
    ("eo-10", Some("eo"), "video transformations are not supported."),
    ("du-5", Some("du"), "video transformations are not supported."),
    (
        "sr-240_360",
        Some("sr"),
        "video transformations are not supported.",
    ),
    (
        "w-idu_div_2",
        Some("w"),
        "video transformations are not supported.",
    ),
    ("xyz-1", Some("xyz"), "unknown parameter 'xyz'."),
    ("W-100", Some("W"), "unknown parameter"),
    ("width-100", Some("width"), "unknown parameter"),
    ("ot-hello", Some("ot"), "unknown parameter"),
    ("e-foo", Some("e-foo"), "unknown effect 'e-foo'."),
    ("e-bgremove-", Some("e-bgremove"), "a value is required"),
    ("e-", Some("e-"), "unknown effect"),
    ("lx-10", Some("lx"), "only valid inside a layer"),
    ("i-logo.png", Some("i"), "only valid inside a layer"),
    ("fs-20", Some("fs"), "only valid inside a layer"),
    ("l-end", Some("l"), "'l-end' without a layer"),
    ("if-else", Some("if"), "no if-block"),
    ("if-end", Some("if"), "no if-block"),
];

/// Bad values of effect, layer and text parameters (which need their context to be reached).
pub(super) const NESTED_CASES: &[(&str, Option<&str>, &str)] = &[
    ("e-grayscale-5", Some("e-grayscale"), "takes no value"),
    ("e-contrast-x", Some("e-contrast"), "takes no value"),
    ("e-sharpen-x", Some("e-sharpen"), "sharpen amount"),
    ("e-usm-1-2", Some("e-usm"), "unsharp mask"),
    (
        "e-shadow-bl-16",
        Some("e-shadow"),
        "shadow blur (bl) is from 0 to 15",
    ),
    ("e-gradient-ld-400", Some("e-gradient"), "gradient direction"),
    ("e-colorize-in-200", Some("e-colorize"), "colorize intensity"),
    ("e-distort-a-x", Some("e-distort"), "distort is"),
    ("l-image,i-a.png,i-@@..@@b.png,l-end", Some("l"), "'..'"),
    ("l-image,i-a.png,lx-abc,l-end", Some("lx"), "lx must be a number"),
    ("l-image,i-a.png,ly-,l-end", Some("ly"), "a value is required"),
    ("l-image,i-a.png,lxc-x,l-end", Some("lxc"), "lxc must be"),
    (
        "l-image,i-a.png,lyc-bw_x_2,l-end",
        Some("lyc"),
        "'x' is not an operator",
    ),
    ("l-image,i-a.png,lfo-auto,l-end", Some("lfo"), "position must be"),
    (
        "l-image,i-a.png,lap-middle,l-end",
        Some("lap"),
        "position must be",
    ),
    ("l-video,i-a.mp4,lso-x,l-end", Some("lso"), "video timing"),
    ("l-video,i-a.mp4,leo-N1,l-end", Some("leo"), "video timing"),
    (
        "l-video,i-a.mp4,ldu-bdu,l-end",
        Some("ldu"),
        "video transformations are not supported",
    ),
    (
        "l-image,i-a.png,lm-screen,l-end",
        Some("lm"),
        "layer mode must be",
    ),
    ("l-text,ie-a,l-end", Some("l"), "not valid base64"),
    ("l-text,i-a,ie-,l-end", Some("ie"), "a value is required"),
    ("l-text,i-a,fs-big,l-end", Some("fs"), "font size must be"),
    ("l-text,i-a,ff-a*b,l-end", Some("ff"), "font must be"),
    ("l-text,i-a,co-nocolor,l-end", Some("co"), "colour must be"),
    ("l-text,i-a,ia-justify,l-end", Some("ia"), "inner alignment"),
    ("l-text,i-a,pa-1_2_3_4_5,l-end", Some("pa"), "padding is"),
    ("l-text,i-a,al-0,l-end", Some("al"), "alpha must be"),
    ("l-text,i-a,tg-u,l-end", Some("tg"), "typography is"),
    ("l-text,i-a,lh-x,l-end", Some("lh"), "line height must be"),
    ("l-subtitles,i-a.srt,fol-2,l-end", Some("fol"), "font outline is"),
    (
        "l-subtitles,i-a.srt,fsh-blue,l-end",
        Some("fsh"),
        "font shadow is",
    ),
    (
        "l-image,i-a.png,fs-20,l-end",
        Some("fs"),
        "not valid in an l-image layer",
    ),
];

#[test]
fn every_invalid_value_names_its_parameter() {
    for (tr, key, text) in CASES.iter().chain(NESTED_CASES) {
        let e = err(tr);
        assert_eq!(e.parameter.as_deref(), *key, "{tr}: {e:?}");
        assert!(
            e.message.contains(text),
            "{tr}: message {:?} lacks {text:?}",
            e.message
        );
        assert!(
            e.message.starts_with("Invalid transformation parameter '"),
            "{tr}: {}",
            e.message
        );
        assert_eq!(e.to_string(), e.message);
    }
}

#[test]
fn message_quotes_the_parameter_as_written() {
    let e = err("w-abc");
    assert_eq!(
        e.message,
        "Invalid transformation parameter 'w-abc': width must be a number, a fraction 0-1, 'auto' or an expression."
    );
    let e = err("w-100,h-200,q-500");
    assert_eq!(e.parameter.as_deref(), Some("q"));
    assert!(e.message.contains("'q-500'"));
}

#[test]
fn long_parameters_are_quoted_shortened() {
    let e = err(&format!("w-{}", "9x".repeat(500)));
    assert!(e.message.len() < 300, "{}", e.message);
    assert!(e.message.contains('…'));
}

#[test]
fn empty_parameters_and_stray_separators() {
    for tr in [
        ",",
        ":",
        "w-100,",
        "w-100:",
        ",w-100",
        "w-100,,h-100",
        "w-100::h-100",
        " ",
    ] {
        let e = err(tr);
        assert!(
            e.message.contains("empty parameter") || e.message.contains("unknown parameter"),
            "{tr}: {e}"
        );
    }
}

#[test]
fn bad_percent_encoding_is_an_error() {
    let e = err("l-text,i-%FF%FE,l-end");
    assert!(e.message.contains("UTF-8"), "{e}");
    assert_eq!(e.parameter, None);
}
