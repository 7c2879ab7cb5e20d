//! Named transformations: built-ins and expansion.

use super::ok;
use crate::{BUILTIN_NAMED, Dim, builtin_named};

fn lookup(name: &str) -> Option<String> {
    match name {
        "thumb" => Some("w-100,h-100,c-at_max".into()),
        "two" => Some("w-100:rt-90".into()),
        "nested" => Some("n-thumb".into()),
        "broken" => Some("w-abc".into()),
        _ => builtin_named(name).map(str::to_owned),
    }
}

#[test]
fn built_ins_parse() {
    for (name, tr) in BUILTIN_NAMED {
        let _ = ok(tr);
        assert_eq!(builtin_named(name), Some(*tr));
    }
    let plan = ok("n-ik_ml_thumbnail").expand_named(&lookup).unwrap();
    assert_eq!(plan.canonical(), "w-400,h-400,c-at_max");
}

#[test]
fn expansion_substitutes_in_place_and_own_params_win() {
    let plan = ok("n-thumb").expand_named(&lookup).unwrap();
    assert_eq!(plan.canonical(), "w-100,h-100,c-at_max");
    let plan = ok("n-thumb,w-50,q-60:rt-90").expand_named(&lookup).unwrap();
    assert_eq!(plan.canonical(), "w-50,h-100,c-at_max,q-60:rt-90");
    let plan = ok("n-two,bl-5").expand_named(&lookup).unwrap();
    assert_eq!(plan.canonical(), "w-100:rt-90,bl-5");
    let plan = ok("l-image,i-a.png,n-thumb,l-end").expand_named(&lookup).unwrap();
    assert_eq!(plan.steps[0].overlays[0].steps[0].width, Some(Dim::Px(100.0)));
    let plan = ok("if-w_gt_1,n-thumb,if-end").expand_named(&lookup).unwrap();
    assert!(
        plan.steps[0].conditional.as_ref().unwrap().then[0]
            .named
            .is_none()
    );
}

#[test]
fn unknown_broken_or_nested_names_are_errors() {
    for (tr, text) in [
        ("n-nope", "unknown named transformation"),
        ("n-broken", "definition is invalid"),
        ("n-nested", "cannot nest"),
    ] {
        let e = ok(tr).expand_named(&lookup).unwrap_err();
        assert!(e.message.contains(text), "{tr}: {e}");
        assert_eq!(e.parameter.as_deref(), Some("n"));
    }
}
