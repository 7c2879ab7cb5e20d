//! The two URL forms: the path segment helper, the query value, merging both, and
//! percent-encoding.

use super::ok;
use crate::{Dim, merge, parse, parse_path_segment};

#[test]
fn path_segment_needs_the_tr_prefix() {
    assert!(parse_path_segment("w-300").is_none());
    assert!(parse_path_segment("img.jpg").is_none());
    assert!(parse_path_segment("tr").is_none());
    assert!(parse_path_segment("").is_none());
    assert!(parse_path_segment("TR:w-300").is_none());
    let plan = parse_path_segment("tr:w-300,h-200").unwrap().unwrap();
    assert_eq!(plan, parse("w-300,h-200").unwrap());
    assert!(parse_path_segment("tr:w-abc").unwrap().is_err());
}

#[test]
fn path_segment_with_an_encoded_colon() {
    let plan = parse_path_segment("tr%3Aw-300%2Ch-200%3Art-90").unwrap().unwrap();
    assert_eq!(plan, parse("w-300,h-200:rt-90").unwrap());
    let plan = parse_path_segment("tr%3aw-300").unwrap().unwrap();
    assert_eq!(plan, parse("w-300").unwrap());
}

#[test]
fn both_forms_give_the_same_plan() {
    for tr in [
        "w-300,h-200",
        "w-400,h-300:rt-90",
        "l-text,i-Hello%20World,fs-72,co-FFF000,l-end",
    ] {
        let path = parse_path_segment(&format!("tr:{tr}")).unwrap().unwrap();
        assert_eq!(path, ok(tr), "{tr}");
    }
}

#[test]
fn merge_chains_path_then_query() {
    let path = ok("w-300");
    let query = ok("rt-90");
    let merged = merge(Some(path.clone()), Some(query.clone())).unwrap();
    assert_eq!(merged.canonical(), "w-300:rt-90");
    assert_eq!(merge(Some(path.clone()), None), Some(path));
    assert_eq!(merge(None, Some(query.clone())), Some(query));
    assert_eq!(merge(None, None), None);
}

#[test]
fn parameters_are_percent_decoded_after_splitting() {
    let plan = ok("l-text,i-Hello%2C%20World%3A%20hi,l-end");
    let crate::LayerSource::Text(t) = &plan.steps[0].overlays[0].source else {
        panic!()
    };
    assert_eq!(t, "Hello, World: hi");
    assert_eq!(ok("w%2D300").steps[0].width, Some(Dim::Px(300.0)));
    // A lone % stays literal.
    let plan = ok("l-text,i-50%,l-end");
    let crate::LayerSource::Text(t) = &plan.steps[0].overlays[0].source else {
        panic!()
    };
    assert_eq!(t, "50%");
}

/// One valid example of every parameter the parser knows.
pub(super) const EVERY_KEY: &[(&str, &str)] = &[
    ("w", "w-300"),
    ("h", "h-200"),
    ("ar", "ar-4-3,w-100"),
    ("c", "c-at_max,w-10,h-10"),
    ("cm", "cm-pad_resize,w-10,h-10"),
    ("fo", "fo-auto"),
    ("x", "cm-extract,x-10"),
    ("y", "cm-extract,y-10"),
    ("xc", "cm-extract,xc-10"),
    ("yc", "cm-extract,yc-10"),
    ("z", "fo-face,z-1.5"),
    ("q", "q-75"),
    ("f", "f-avif"),
    ("bg", "bg-blurred_10_N20"),
    ("b", "b-5_FFF000"),
    ("r", "r-max"),
    ("rt", "rt-N90"),
    ("fl", "fl-h"),
    ("bl", "bl-10"),
    ("o", "o-50"),
    ("t", "t-10"),
    ("dpr", "dpr-2,w-100"),
    ("pr", "pr-true"),
    ("lo", "lo-true"),
    ("cp", "cp-true"),
    ("md", "md-true"),
    ("orig", "orig-true"),
    ("n", "n-ik_ml_thumbnail"),
    ("di", "di-folder@@default.jpg"),
    ("pg", "pg-2"),
    ("cr", "cr-red_30_blue"),
    ("dn", "dn-300"),
    ("e-grayscale", "e-grayscale"),
    ("e-contrast", "e-contrast"),
    ("e-sharpen", "e-sharpen-10"),
    ("e-usm", "e-usm-2-2-0.8-0.024"),
    ("e-shadow", "e-shadow-bl-15_st-40_x-10_y-N5"),
    (
        "e-gradient",
        "e-gradient-ld-top_right_from-FF000040_to-00FF0040_sp-0.9",
    ),
    ("e-colorize", "e-colorize-co-red_in-50"),
    ("e-distort", "e-distort-a-30"),
    ("e-bgremove", "e-bgremove"),
    ("l", "l-image,i-logo.png,l-end"),
    ("i", "l-image,i-folder@@logo.png,l-end"),
    ("ie", "l-text,ie-aGVsbG8%3D,l-end"),
    ("lx", "l-image,i-a.png,lx-N10,l-end"),
    ("ly", "l-image,i-a.png,ly-bh_div_2,l-end"),
    ("lxc", "l-image,i-a.png,lxc-100,l-end"),
    ("lyc", "l-image,i-a.png,lyc-100,l-end"),
    ("lfo", "l-image,i-a.png,lfo-bottom_right,l-end"),
    ("lap", "l-image,i-a.png,lap-top_left,lx-10,l-end"),
    ("lso", "l-video,i-a.mp4,lso-2,l-end"),
    ("leo", "l-video,i-a.mp4,leo-8,l-end"),
    ("ldu", "l-video,i-a.mp4,ldu-5.5,l-end"),
    ("lm", "l-image,i-a.png,lm-cutter,l-end"),
    ("fs", "l-text,i-Hi,fs-45,l-end"),
    ("ff", "l-text,i-Hi,ff-Lato,l-end"),
    ("co", "l-text,i-Hi,co-00FFFF,l-end"),
    ("ia", "l-text,i-Hi,ia-right,l-end"),
    ("pa", "l-text,i-Hi,pa-10_20_30_40,l-end"),
    ("al", "l-text,i-Hi,al-7,l-end"),
    ("tg", "l-text,i-Hi,tg-b_i_strikethrough,l-end"),
    ("lh", "l-text,i-Hi,lh-20,l-end"),
    ("fol", "l-subtitles,i-a.srt,fol-2_blue,l-end"),
    ("fsh", "l-subtitles,i-a.srt,fsh-blue_2,l-end"),
    ("if", "if-ar_gt_1,w-200,if-else,w-300,if-end"),
];

#[test]
fn every_key_parses_the_same_in_both_forms() {
    for (key, tr) in EVERY_KEY {
        let query = ok(tr);
        let path = parse_path_segment(&format!("tr:{tr}")).unwrap().unwrap();
        assert_eq!(path, query, "{key}: {tr}");
        // `ie-` inputs print decoded, as `i-`.
        let printed = if *key == "ie" { "i" } else { key };
        assert!(
            query.canonical().contains(printed),
            "{key}: {}",
            query.canonical()
        );
    }
}

#[test]
fn every_key_fails_the_same_in_both_forms() {
    for (tr, key, _) in super::invalid::CASES.iter().chain(super::invalid::NESTED_CASES) {
        let query = parse(tr).unwrap_err();
        let path = parse_path_segment(&format!("tr:{tr}")).unwrap().unwrap_err();
        assert_eq!(path, query, "{tr}");
        assert_eq!(query.parameter.as_deref(), *key);
    }
}

#[test]
fn every_key_has_an_invalid_case() {
    let cases = super::invalid::CASES.iter().chain(super::invalid::NESTED_CASES);
    let invalid_keys: std::collections::HashSet<&str> = cases.filter_map(|(_, k, _)| *k).collect();
    for (key, _) in EVERY_KEY {
        assert!(invalid_keys.contains(key), "no invalid case for {key}");
    }
}
