//! Fuzz target: `transform::parse` must never panic, and whatever parses must print a
//! canonical form that parses back to the same plan. Run with
//! `cd crates/transform/fuzz && cargo +nightly fuzz run parse`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(plan) = transform::parse(text) {
        let canonical = plan.canonical();
        if let Ok(again) = transform::parse(&canonical) {
            assert_eq!(again, plan, "canonical form {canonical:?} changed the plan");
        }
    }
    let _ = transform::parse_path_segment(text);
});
