//! The canonical form: independent of parameter order and spelling within a step, stable, and
//! round-tripping (checked for every parse by `super::ok`).

use super::canon;

#[test]
fn order_within_a_step_does_not_matter() {
    let groups: &[&[&str]] = &[
        &["w-300,h-200", "h-200,w-300"],
        &[
            "w-300,h-200,c-at_max,fo-top,q-80,f-webp",
            "f-webp,q-80,fo-top,c-at_max,h-200,w-300",
        ],
        &[
            "e-grayscale,e-sharpen-5,bl-10",
            "bl-10,e-sharpen-5,e-grayscale",
            "e-sharpen-5,bl-10,e-grayscale",
        ],
        &["e-bgremove,e-upscale", "e-upscale,e-bgremove"],
        &["rt-90,fl-h,r-max,bg-red", "bg-FF0000,r-max,fl-h,rt-90"],
        &["pr-true,lo,md-false,cp-true", "cp,md-false,lo-true,pr"],
        &[
            "l-image,i-logo.png,lx-10,ly-20,w-50,l-end,w-300",
            "w-300,l-image,i-logo.png,w-50,ly-20,lx-10,l-end",
        ],
        &[
            "l-text,i-hi,fs-20,co-red,l-end",
            "l-text,co-FF0000,fs-20,i-hi,l-end",
        ],
        &["if-w_gt_100,w-100,h-50,if-end", "if-w_gt_100,h-50,w-100,if-end"],
        &["e-shadow", "e-shadow-bl-10_st-30_x-2_y-2", "e-shadow-y-2_x-2"],
        &[
            "e-gradient",
            "e-gradient-ld-bottom_from-white_to-00000000_sp-1",
            "e-gradient-ld-180",
        ],
        &["e-usm", "e-usm-2-2-0.8-0.024"],
        &["f-jpeg", "f-jpg"],
        &["t", "t-true"],
        &["fl-h_v", "fl-v_h"],
        &["ar-4-3", "ar-8-6", "ar-4_3"],
    ];
    for group in groups {
        let first = canon(group[0]);
        for tr in group.iter().skip(1) {
            assert_eq!(canon(tr), first, "{tr} vs {}", group[0]);
        }
    }
}

#[test]
fn different_plans_differ() {
    let distinct = [
        "w-300",
        "w-301",
        "h-300",
        "w-300:rt-90",
        "rt-90:w-300",
        "w-0.5",
        "w-auto",
        "w-iw",
    ];
    let canons: std::collections::HashSet<String> = distinct.iter().map(|t| canon(t)).collect();
    assert_eq!(canons.len(), distinct.len());
}

#[test]
fn exact_canonical_strings() {
    let cases = [
        ("h-200,w-300", "w-300,h-200"),
        ("q-80,w-100.0", "w-100,q-80"),
        ("w-0.50", "w-0.5"),
        (
            "bg-blurred_25_N15,cm-pad_resize,w-300,h-200",
            "w-300,h-200,cm-pad_resize,bg-blurred_25_N15",
        ),
        ("rt-N90", "rt-N90"),
        ("e-contrast,e-grayscale", "e-contrast,e-grayscale"),
        ("e-grayscale,e-contrast", "e-contrast,e-grayscale"),
        ("l-text,i-Hello World,l-end", "l-text,i-Hello%20World,l-end"),
        ("l-image,i-@@a@@b.png,l-end", "l-image,i-a@@b.png,l-end"),
        (
            "if-ar_gt_1,w-200,if-else,w-300,if-end",
            "if-ar_gt_1,w-200,if-else,w-300,if-end",
        ),
        ("if-ar_gt_1,w-200,if-else,if-end", "if-ar_gt_1,w-200,if-end"),
        ("di-@@a@@b.jpg,w-10", "w-10,di-a@@b.jpg"),
    ];
    for (tr, want) in cases {
        assert_eq!(canon(tr), want, "{tr}");
    }
}
