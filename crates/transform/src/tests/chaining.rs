//! Chained steps (`:`) and the size limits.

use super::{err, ok};
use crate::{Dim, MAX_INPUT_CHARS, MAX_LAYER_DEPTH, MAX_STEPS, Rotation};

#[test]
fn steps_apply_left_to_right() {
    let plan = ok("w-400,h-300:rt-90");
    assert_eq!(plan.steps.len(), 2);
    assert_eq!(plan.steps[0].width, Some(Dim::Px(400.0)));
    assert_eq!(plan.steps[1].rotation, Some(Rotation::Degrees(90)));
    let plan = ok("rt-90:w-400,h-300");
    assert_eq!(plan.steps[0].rotation, Some(Rotation::Degrees(90)));
    assert_eq!(plan.canonical(), "rt-90:w-400,h-300");
}

#[test]
fn same_key_in_different_steps_is_kept_per_step() {
    let plan = ok("w-100:w-200:w-300");
    let ws: Vec<_> = plan.steps.iter().map(|s| s.width.clone()).collect();
    assert_eq!(
        ws,
        vec![Some(Dim::Px(100.0)), Some(Dim::Px(200.0)), Some(Dim::Px(300.0))]
    );
}

#[test]
fn documented_example_chain() {
    let plan = ok("w-400,h-400:w-500,h-400,cm-pad_resize,fo-right,bg-000000:\
                   l-image,i-logo-white_SJwqB4Nfe.png,lx-10,ly-50,h-20,l-end");
    assert_eq!(plan.steps.len(), 3);
    assert_eq!(plan.steps[2].overlays.len(), 1);
}

#[test]
fn steps_that_end_up_empty_are_dropped() {
    assert_eq!(ok("w-0:rt-90").steps.len(), 1);
    assert_eq!(ok("e-grayscale,e-grayscale-false").steps.len(), 0);
}

#[test]
fn step_limit() {
    let at_limit = vec!["rt-90"; MAX_STEPS].join(":");
    assert_eq!(ok(&at_limit).steps.len(), MAX_STEPS);
    let over = vec!["rt-90"; MAX_STEPS + 1].join(":");
    assert!(err(&over).message.contains("Too many chained"));
}

#[test]
fn length_limit() {
    let at_limit = format!("l-text,i-{},l-end", "a".repeat(MAX_INPUT_CHARS - 15));
    assert_eq!(at_limit.chars().count(), MAX_INPUT_CHARS);
    let _ = ok(&at_limit);
    let over = format!("{at_limit},");
    assert!(err(&over).message.contains("too long"));
    // Characters, not bytes.
    let text = "é".repeat(MAX_INPUT_CHARS - 15);
    assert!(text.len() > MAX_INPUT_CHARS);
    let _ = ok(&format!("l-text,i-{text},l-end"));
}

#[test]
fn layer_depth_limit() {
    let nest = |depth: usize| {
        let mut s = String::new();
        for i in 0..depth {
            s.push_str(&format!("l-image,i-l{i}.png,"));
        }
        s.push_str(&vec!["l-end"; depth].join(","));
        s
    };
    let _ = ok(&nest(MAX_LAYER_DEPTH));
    let e = err(&nest(MAX_LAYER_DEPTH + 1));
    assert!(e.message.contains("nested at most 3 levels"), "{e}");
    assert_eq!(e.parameter.as_deref(), Some("l"));
}
