//! If-blocks: conditions, branches, evaluation and placement rules.

use super::{err, ok};
use crate::{CmpOp, CondProp, CondVars, Dim, Rotation};

#[test]
fn if_else_end() {
    let plan = ok("if-ar_gt_1,w-200,if-else,w-300,if-end");
    assert_eq!(plan.steps.len(), 1);
    let c = plan.steps[0].conditional.as_ref().unwrap();
    assert_eq!(c.condition.any.len(), 1);
    let cmp = c.condition.any[0][0];
    assert_eq!((cmp.prop, cmp.op, cmp.value), (CondProp::Ar, CmpOp::Gt, 1.0));
    assert_eq!(c.then[0].width, Some(Dim::Px(200.0)));
    assert_eq!(c.otherwise[0].width, Some(Dim::Px(300.0)));
    let landscape = CondVars {
        w: 800.0,
        h: 600.0,
        iw: 800.0,
        ih: 600.0,
    };
    let portrait = CondVars {
        w: 600.0,
        h: 800.0,
        ..landscape
    };
    assert!(c.condition.eval(&landscape));
    assert!(!c.condition.eval(&portrait));
}

#[test]
fn without_else_and_in_a_chain() {
    let plan = ok("h-200,cm-pad_resize:if-h_eq_200,w-100,if-end:rt-90");
    assert_eq!(plan.steps.len(), 3);
    let c = plan.steps[1].conditional.as_ref().unwrap();
    assert!(c.otherwise.is_empty());
    assert_eq!(plan.steps[2].rotation, Some(Rotation::Degrees(90)));
}

#[test]
fn branches_may_be_chains() {
    let plan = ok("if-w_gt_500,w-500:rt-90,if-else,e-grayscale:bl-5,if-end");
    let c = plan.steps[0].conditional.as_ref().unwrap();
    assert_eq!(c.then.len(), 2);
    assert_eq!(c.otherwise.len(), 2);
}

#[test]
fn and_binds_tighter_than_or() {
    let plan = ok("if-h_gte_100_and_h_lte_400_or_ar_lt_4-3,w-10,if-end");
    let cond = &plan.steps[0].conditional.as_ref().unwrap().condition;
    assert_eq!(cond.any.len(), 2);
    assert_eq!(cond.any[0].len(), 2);
    assert!((cond.any[1][0].value - 4.0 / 3.0).abs() < 1e-12);
    let v = |w: f64, h: f64| CondVars {
        w,
        h,
        iw: 0.0,
        ih: 0.0,
    };
    assert!(cond.eval(&v(1000.0, 200.0)));
    assert!(!cond.eval(&v(1000.0, 500.0)));
    assert!(cond.eval(&v(100.0, 500.0)));
}

#[test]
fn every_property_and_operator() {
    let vars = CondVars {
        w: 300.0,
        h: 200.0,
        iw: 1200.0,
        ih: 900.0,
    };
    let cases = [
        ("w_eq_300", true),
        ("w_ne_300", false),
        ("h_gt_199", true),
        ("h_gt_200", false),
        ("h_gte_200", true),
        ("iw_lt_1200", false),
        ("iw_lte_1200", true),
        ("ih_eq_900", true),
        ("ar_eq_3-2", true),
        ("ar_eq_1.5", true),
        ("iar_eq_4-3", true),
        ("iar_gt_4-3", false),
    ];
    for (cond, want) in cases {
        let plan = ok(&format!("if-{cond},w-1,if-end"));
        let c = plan.steps[0].conditional.as_ref().unwrap();
        assert_eq!(c.condition.eval(&vars), want, "{cond}");
    }
}

#[test]
fn an_if_block_must_be_alone_in_its_step() {
    for tr in [
        "h-400:rt-90,if-h_eq_200,w-100,if-end:rt-90",
        "h-400:if-h_eq_200,w-100,if-end,bl-10:rt-90",
        "h-100,if-h_eq_200,w-100,if-end",
    ] {
        let e = err(tr);
        assert!(e.message.contains("alone in its chain step"), "{tr}: {e}");
        assert_eq!(e.parameter.as_deref(), Some("if"));
    }
}

#[test]
fn malformed_blocks() {
    let cases = [
        ("if-w_gt_1,w-100", "not closed with 'if-end'"),
        ("if-w_gt_1,w-100,if-else,w-1", "not closed"),
        ("if-w_gt_1,if-w_gt_2,w-1,if-end,if-end", "cannot be nested"),
        ("if-x_gt_1,w-1,if-end", "a condition is"),
        ("if-w_gg_1,w-1,if-end", "a condition is"),
        ("if-w_gt_a,w-1,if-end", "a condition is"),
        ("if-w_gt_1_xor_h_gt_1,w-1,if-end", "not joined by 'and' or 'or'"),
        ("if-w_gt,w-1,if-end", "a condition is"),
        ("if,w-1,if-end", "a condition is"),
        ("if-w_gt_1,w-abc,if-end", "width must be"),
    ];
    for (tr, text) in cases {
        let e = err(tr);
        assert!(e.message.contains(text), "{tr}: {e}");
    }
}

#[test]
fn if_blocks_inside_layers_and_layers_inside_if_blocks() {
    let plan = ok("l-image,i-logo.png,if-w_gt_100,w-100,if-end,l-end");
    let layer = &plan.steps[0].overlays[0];
    assert!(layer.steps[0].conditional.is_some());
    let plan = ok("if-w_gt_100,l-image,i-logo.png,lx-10,l-end,if-end");
    let c = plan.steps[0].conditional.as_ref().unwrap();
    assert_eq!(c.then[0].overlays.len(), 1);
    let e = err("l-image,i-logo.png,if-w_gt_100,lx-10,if-end,l-end");
    assert!(e.message.contains("cannot be used inside an if-block"), "{e}");
}
