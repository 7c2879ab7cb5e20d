//! The canonical text of a plan: parameters of a step in one fixed order, every value in one
//! spelling (colours as upper-case hex, numbers shortest, paths with `@@`, text
//! percent-encoded), no whitespace. Equal plans print equal strings, and the string parses
//! back to the same plan — so it can key the result cache.

use crate::layer::Layer;
use crate::plan::{Plan, Step};

impl Plan {
    /// The canonical transformation string (without `tr:`); empty for an empty plan.
    pub fn canonical(&self) -> String {
        chain(&self.steps)
    }
}

impl Step {
    /// The canonical text of this one step.
    pub fn canonical(&self) -> String {
        if let Some(c) = &self.conditional {
            let mut parts = vec![format!("if-{}", c.condition)];
            parts.extend(non_empty(chain(&c.then)));
            if !c.otherwise.is_empty() {
                parts.push("if-else".to_owned());
                parts.push(chain(&c.otherwise));
            }
            parts.push("if-end".to_owned());
            return parts.join(",");
        }
        params(self).join(",")
    }
}

fn chain(steps: &[Step]) -> String {
    steps.iter().map(Step::canonical).collect::<Vec<_>>().join(":")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The step's parameters, effects and layers, in canonical order.
fn params(s: &Step) -> Vec<String> {
    let mut out = Vec::new();
    let mut put = |key: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push(format!("{key}-{v}"));
        }
    };
    let text = |v: &dyn std::fmt::Display| Some(v.to_string());
    put("orig", s.original.then(|| "true".to_owned()));
    put("n", s.named.clone());
    put("w", s.width.as_ref().and_then(|v| text(v)));
    put("h", s.height.as_ref().and_then(|v| text(v)));
    put("ar", s.aspect_ratio.as_ref().and_then(|v| text(v)));
    put("c", s.crop.and_then(|v| text(&v)));
    put("cm", s.crop_mode.and_then(|v| text(&v)));
    put("fo", s.focus.as_ref().and_then(|v| text(v)));
    put("x", s.x.as_ref().and_then(|v| text(v)));
    put("y", s.y.as_ref().and_then(|v| text(v)));
    put("xc", s.x_center.as_ref().and_then(|v| text(v)));
    put("yc", s.y_center.as_ref().and_then(|v| text(v)));
    put("z", s.zoom.map(crate::number::fmt_num));
    put("dpr", s.dpr.and_then(|v| text(&v)));
    put("rt", s.rotation.and_then(|v| text(&v)));
    put("fl", s.flip.and_then(|v| text(&v)));
    put("t", s.trim.and_then(|v| text(&v)));
    put("bg", s.background.as_ref().and_then(|v| text(v)));
    put("b", s.border.as_ref().map(|(w, c)| format!("{w}_{c}")));
    put("r", s.radius.and_then(|v| text(&v)));
    put("bl", s.blur.and_then(|v| text(&v)));
    put("o", s.opacity.and_then(|v| text(&v)));
    put("cr", s.color_replace.and_then(|v| text(&v)));
    put("q", s.quality.and_then(|v| text(&v)));
    put("f", s.format.and_then(|v| text(&v)));
    put("pr", s.progressive.and_then(|v| text(&v)));
    put("lo", s.lossless.and_then(|v| text(&v)));
    put("cp", s.color_profile.and_then(|v| text(&v)));
    put("md", s.metadata.and_then(|v| text(&v)));
    put("dn", s.density.and_then(|v| text(&v)));
    put("pg", s.page.as_deref().map(crate::percent::encode));
    put("di", s.default_image.as_deref().map(crate::paths::to_url));
    out.extend(s.effects.iter().map(ToString::to_string));
    out.extend(s.overlays.iter().map(layer));
    out
}

/// `l-<kind>,i-…,<position>,<style>,<first step>:<more steps>,l-end`.
fn layer(l: &Layer) -> String {
    let mut head = vec![format!("l-{}", l.kind()), l.source.to_string()];
    head.extend(l.position.params());
    head.extend(l.style.params());
    let mut text = head.join(",");
    let starts_with_if = l.steps.first().is_some_and(|s| s.conditional.is_some());
    for (i, step) in l.steps.iter().enumerate() {
        text.push(if i == 0 && !starts_with_if { ',' } else { ':' });
        text.push_str(&step.canonical());
    }
    text.push_str(",l-end");
    text
}
