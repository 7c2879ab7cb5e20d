//! Arithmetic expressions: parsing, precedence, evaluation, and where `bw`/`bh`/`bar` are
//! allowed.

use super::{canon, err, one};
use crate::{Dim, Expr, Var, Vars};

fn expr(tr: &str) -> Expr {
    match one(tr).width {
        Some(Dim::Expr(e)) => e,
        other => panic!("{tr}: {other:?}"),
    }
}

const VARS: Vars = Vars {
    iw: 1000.0,
    ih: 500.0,
    cw: 400.0,
    ch: 200.0,
    bw: 800.0,
    bh: 600.0,
};

#[test]
fn evaluates_with_documented_precedence() {
    let cases: &[(&str, f64)] = &[
        ("w-iw_div_2", 500.0),
        ("w-iw", 1000.0),
        ("w-ih_add_10", 510.0),
        ("w-iw_sub_cw", 600.0),
        ("w-iw_mul_0.5", 500.0),
        ("w-iw_mod_300", 100.0),
        ("w-2_pow_3", 8.0),
        ("w-iar_mul_100", 200.0),
        ("w-car_mul_100", 200.0),
        // mul/div before add/sub
        ("w-ch_mul_0.8_add_ih_mul_0.6", 160.0 + 300.0),
        ("w-10_add_2_mul_3", 16.0),
        ("w-10_sub_4_sub_3", 3.0),
        ("w-100_div_10_div_2", 5.0),
        // add/sub before mod: (10 + 7) mod 5 = 2
        ("w-10_add_7_mod_5", 2.0),
        // mod before pow: 2 pow (7 mod 4) = 8
        ("w-2_pow_7_mod_4", 8.0),
        // pow last, left to right: (2 pow 3) pow 2 = 64
        ("w-2_pow_3_pow_2", 64.0),
        // N is negative
        ("w-iw_add_N100", 900.0),
    ];
    for (tr, want) in cases {
        let got = expr(tr).eval(&VARS);
        assert_eq!(got, Some(*want), "{tr}");
    }
}

#[test]
fn none_on_division_by_zero_and_bad_ratios() {
    assert_eq!(expr("w-iw_div_0").eval(&VARS), None);
    assert_eq!(expr("w-iw_mod_0").eval(&VARS), None);
    assert_eq!(expr("w-iar").eval(&Vars { ih: 0.0, ..VARS }), None);
    assert_eq!(expr("w-10_pow_400").eval(&VARS), None);
}

#[test]
fn base_variables_only_inside_layers() {
    let e = err("w-bw_div_2");
    assert!(e.message.contains("only be used inside a layer"));
    let _ = err("h-bh");
    let _ = err("ar-bar");
    let plan = super::ok("l-image,i-logo.png,w-bw_div_2,lx-bw_mul_0.9,ly-bh_mul_0.1,l-end");
    let layer = &plan.steps[0].overlays[0];
    let Some(Dim::Expr(w)) = &layer.steps[0].width else {
        panic!()
    };
    assert_eq!(w.eval(&VARS), Some(400.0));
    assert_eq!(w.vars().collect::<Vec<_>>(), vec![Var::Bw]);
}

#[test]
fn expressions_in_every_parameter_that_takes_them() {
    for tr in [
        "w-iw_div_4,h-ih_div_2",
        "ar-car_mul_0.5",
        "cm-extract,w-iw_div_2,h-ih_div_2,x-iw_mul_0.2,y-ih_mul_0.2",
        "xc-cw_mul_0.25,yc-ch_mul_0.25",
        "b-cw_mul_0.05_yellow",
        "l-text,i-hi,fs-bh_div_20,pa-bw_mul_0.01,lh-bh_div_10,w-bh_div_2,l-end",
        "e-gradient-sp-ch_div_2",
        "l-image,i-ik_canvas,e-gradient-sp-bh_mul_0.75,l-end",
    ] {
        let _ = super::ok(tr);
    }
}

#[test]
fn canonical_keeps_the_expression() {
    assert_eq!(canon("w-iw_div_2"), "w-iw_div_2");
    assert_eq!(canon("w-iw_add_N10.50"), "w-iw_add_N10.5");
}

#[test]
fn malformed_expressions() {
    for tr in [
        "w-iw_div",
        "w-iw__2",
        "w-_iw",
        "w-iw_div_x",
        "w-iw_div_2_",
        "w-iw_plus_2",
        "w-foo_div_2",
    ] {
        let _ = err(tr);
    }
    let long = format!("w-iw{}", "_add_1".repeat(40));
    let _ = err(&long);
}
