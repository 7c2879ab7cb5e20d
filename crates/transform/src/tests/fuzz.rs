//! No-panic sweep: every prefix of long valid strings, random bytes, and random soups of
//! real tokens. Whatever parses must also round-trip through its canonical form.

use crate::parse;

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Parses `s`; if it parses, its canonical form must parse to the same plan.
fn check(s: &str) {
    if let Ok(plan) = parse(s) {
        let canon = plan.canonical();
        match parse(&canon) {
            Ok(again) => assert_eq!(again, plan, "input {s:?}, canonical {canon:?}"),
            Err(e) => panic!("input {s:?}: canonical {canon:?} fails: {e}"),
        }
    }
}

const LONG: &[&str] = &[
    "w-400,h-300,c-at_max,fo-auto,q-80,f-webp:rt-N90,fl-h_v:bg-blurred_25_N15,cm-pad_resize,b-ih_div_20_red",
    "l-image,i-women-dress.jpeg,w-bw_div_3,b-iw_mul_0.02_red,lx-bw_mul_0.1,ly-bh_mul_0.1:l-image,i-logo.png,\
     w-bw_div_2,lx-bw_mul_0.1,ly-bh_mul_0.1,l-end,l-end",
    "if-h_gte_100_and_h_lte_400_or_ar_lt_4-3,w-200:rt-90,if-else,w-300,if-end:e-gradient-ld-top_right_from-FF000040",
    "l-text,ie-4KS54KS%2F4KSo4KWN4KSm4KWA,co-red,fs-32,ff-sdk-testing-files@@Poppins-Regular_Q15GrYWmL.ttf,pa-1_2_3,l-end",
    "e-shadow-bl-15_st-40_x-10_y-N5,e-usm-2-2-0.8-0.024,e-colorize-co-red_in-50,e-distort-p-1_2_3_4_5_6_7_8,bg-genfill:-prompt-x",
];

const TOKENS: &[&str] = &[
    "w-100",
    "h-0.5",
    "w-auto",
    "ar-4-3",
    "c-at_max",
    "cm-extract",
    "fo-face",
    "x-10",
    "y-iw_div_2",
    "z-1.5",
    "q-80",
    "f-png",
    "bg-red",
    "bg-blurred_auto_N10",
    "b-5_FFF000",
    "r-max",
    "r-1_2_3_4",
    "rt-N90",
    "fl-h",
    "bl-5",
    "o-50",
    "t",
    "t-10",
    "dpr-2",
    "pr",
    "lo-false",
    "cp-true",
    "md",
    "orig-true",
    "n-thumb",
    "di-a@@b.png",
    "pg-2-4",
    "cr-red_10",
    "e-grayscale",
    "e-sharpen-5",
    "e-shadow",
    "e-gradient-ld-top",
    "e-bgremove",
    "l-image",
    "l-text",
    "l-video",
    "l-end",
    "i-logo.png",
    "i-ik_canvas",
    "ie-aGVsbG8%3D",
    "lx-N10",
    "ly-bh_div_2",
    "lfo-top",
    "lm-cutout",
    "fs-20",
    "co-blue",
    "pa-1_2",
    "al-5",
    "tg-b_i",
    "if-w_gt_100",
    "if-else",
    "if-end",
    "w-",
    "",
    "%",
    "%2C",
    "-",
    "_",
    "N",
    "vc-h264",
    "w-iw_div_0",
    "ar-bar",
    "e-",
    "if-",
    "l-",
    "i-",
    "xx",
];

#[test]
fn every_prefix_of_long_strings() {
    for s in LONG {
        for (i, _) in s.char_indices() {
            check(&s[..i]);
        }
        check(s);
        let _ = crate::parse_path_segment(&format!("tr:{s}"));
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"wh-_,:.N0123456789%2CAFlie ";
    for _ in 0..20_000 {
        let len = rng.below(40);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(4) == 0 {
                    rng.next() as u8
                } else {
                    alphabet[rng.below(alphabet.len())]
                }
            })
            .collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_token_soups() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let n = 1 + rng.below(12);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(if rng.below(4) == 0 { ':' } else { ',' });
            }
            s.push_str(TOKENS[rng.below(TOKENS.len())]);
        }
        check(&s);
    }
}

#[test]
fn pathological_inputs() {
    for s in [
        "l-image,".repeat(2000),
        "if-w_gt_1,".repeat(1000),
        ":".repeat(4096),
        ",".repeat(4096),
        "%".repeat(4096),
        format!("w-{}", "9".repeat(4000)),
        format!("w-0.{}", "0".repeat(4000)),
        format!("w-iw{}", "_pow_9".repeat(30)),
        "\u{0}\u{1}\u{7f}".to_owned(),
        "é:ü,ß-ñ".to_owned(),
    ] {
        check(&s);
    }
}
