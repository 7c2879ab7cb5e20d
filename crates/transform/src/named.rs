//! Named transformations (`n-<name>`): the built-in ones and expansion of a plan's `n-` steps
//! through a lookup (account-defined names live in the store, not here).

use crate::error::ParseError;
use crate::plan::{Plan, Step};

/// Built-in named transformations. ImageKit does not publish the definition of its media
/// library thumbnail; Halftone's is a bounded preview that never enlarges.
pub const BUILTIN_NAMED: &[(&str, &str)] = &[
    ("ik_ml_thumbnail", "w-400,h-400,c-at_max"),
    ("media_library_thumbnail", "w-400,h-400,c-at_max"),
];

/// The transformation string of a built-in named transformation.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN_NAMED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

impl Plan {
    /// Replaces every step with `n-<name>` by the named transformation, as if its text were
    /// written in place of `n-<name>`: the named string's last step absorbs the step's other
    /// parameters, which win over the named ones (later wins). `lookup` returns the
    /// transformation string of a name (try [`builtin`] in it); an unknown name is an error.
    /// Named transformations do not nest: an `n-` inside a definition is an error. Works in
    /// if-block branches and layer chains too.
    pub fn expand_named(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Plan, ParseError> {
        Ok(Plan {
            steps: expand_steps(&self.steps, lookup)?,
        })
    }
}

fn expand_steps(steps: &[Step], lookup: &dyn Fn(&str) -> Option<String>) -> Result<Vec<Step>, ParseError> {
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        let mut step = step.clone();
        if let Some(c) = step.conditional.as_mut() {
            c.then = expand_steps(&c.then, lookup)?;
            c.otherwise = expand_steps(&c.otherwise, lookup)?;
        }
        for layer in &mut step.overlays {
            layer.steps = expand_steps(&layer.steps, lookup)?;
        }
        match step.named.take() {
            Some(name) => out.extend(expand_one(&name, &step, lookup)?),
            None => out.push(step),
        }
    }
    Ok(out)
}

fn expand_one(
    name: &str,
    rest: &Step,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Step>, ParseError> {
    let unknown = || ParseError::param("n", &format!("n-{name}"), "unknown named transformation.");
    let text = lookup(name).ok_or_else(unknown)?;
    let own = rest.canonical();
    let combined = if own.is_empty() {
        text
    } else {
        format!("{text},{own}")
    };
    let plan = crate::parse(&combined).map_err(|e| {
        ParseError::param(
            "n",
            &format!("n-{name}"),
            &format!("its definition is invalid: {}", e.message),
        )
    })?;
    if plan.steps.iter().any(|s| s.named.is_some()) {
        return Err(ParseError::param(
            "n",
            &format!("n-{name}"),
            "named transformations cannot nest.",
        ));
    }
    Ok(plan.steps)
}
