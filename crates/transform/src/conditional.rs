//! Conditional steps: `if-<condition>,<steps>[,if-else,<steps>],if-end`. A condition is
//! `{prop}_{op}_{value}` comparisons joined by `_and_` / `_or_` (`and` binds tighter).

use std::fmt;

use crate::error::ValueResult;
use crate::keyword::keywords;
use crate::number;
use crate::plan::Step;

keywords! {
    /// A property a condition reads.
    CondProp {
        /// Current width / height / aspect ratio (after the previous step).
        W = "w",
        H = "h",
        Ar = "ar",
        /// Initial (source) width / height / aspect ratio.
        Iw = "iw",
        Ih = "ih",
        Iar = "iar",
    }
}

keywords! {
    /// A comparison operator.
    CmpOp {
        Eq = "eq",
        Ne = "ne",
        Gt = "gt",
        Gte = "gte",
        Lt = "lt",
        Lte = "lte",
    }
}

/// `prop op value`; aspect-ratio values may be written `4-3`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub prop: CondProp,
    pub op: CmpOp,
    pub value: f64,
}

/// Disjunction of conjunctions: true if every comparison of any one group holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub any: Vec<Vec<Comparison>>,
}

/// What a condition compares against, at the step where the if-block runs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CondVars {
    pub w: f64,
    pub h: f64,
    pub iw: f64,
    pub ih: f64,
}

/// An if-block: the whole of its chain step.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub condition: Condition,
    /// Steps applied when the condition holds.
    pub then: Vec<Step>,
    /// Steps applied otherwise (`if-else` part; empty when absent).
    pub otherwise: Vec<Step>,
}

/// Two values closer than this compare equal (aspect ratios are computed in floating point).
const EPSILON: f64 = 1e-6;

/// Most comparisons in one condition.
const MAX_COMPARISONS: usize = 16;

impl Condition {
    pub(crate) fn parse(s: &str) -> ValueResult<Condition> {
        const MSG: &str = "a condition is {prop}_{op}_{value} (props w h ar iw ih iar; ops eq ne gt gte lt \
                           lte), joined by _and_ / _or_.";
        let parts: Vec<&str> = s.split('_').collect();
        if parts.len() % 4 != 3 || parts.len() > MAX_COMPARISONS * 4 {
            return Err(MSG.to_owned());
        }
        let mut any = vec![Vec::new()];
        for (i, chunk) in parts.chunks(4).enumerate() {
            let (prop, op, value, joiner) = match chunk {
                [p, o, v] => (p, o, v, None),
                [p, o, v, j] => (p, o, v, Some(*j)),
                _ => return Err(MSG.to_owned()),
            };
            let prop = CondProp::from_word(prop).ok_or(MSG)?;
            let op = CmpOp::from_word(op).ok_or(MSG)?;
            let value = cond_value(prop, value).ok_or(MSG)?;
            if let Some(group) = any.last_mut() {
                group.push(Comparison { prop, op, value });
            }
            match joiner {
                Some("and") | None => {}
                Some("or") => any.push(Vec::new()),
                Some(_) => return Err(format!("comparison {} is not joined by 'and' or 'or'.", i + 1)),
            }
        }
        Ok(Condition { any })
    }

    /// True if the condition holds for `vars`.
    pub fn eval(&self, vars: &CondVars) -> bool {
        self.any.iter().any(|group| group.iter().all(|c| c.eval(vars)))
    }
}

fn cond_value(prop: CondProp, v: &str) -> Option<f64> {
    if matches!(prop, CondProp::Ar | CondProp::Iar)
        && let Some((w, h)) = v.split_once('-')
    {
        let (w, h) = (number::unsigned(w)?, number::unsigned(h)?);
        return (h > 0.0).then(|| w / h);
    }
    number::signed(v)
}

impl Comparison {
    /// True if the comparison holds for `vars` (a ratio with zero height is never true).
    pub fn eval(&self, vars: &CondVars) -> bool {
        let ratio = |w: f64, h: f64| (h != 0.0).then(|| w / h);
        let actual = match self.prop {
            CondProp::W => Some(vars.w),
            CondProp::H => Some(vars.h),
            CondProp::Ar => ratio(vars.w, vars.h),
            CondProp::Iw => Some(vars.iw),
            CondProp::Ih => Some(vars.ih),
            CondProp::Iar => ratio(vars.iw, vars.ih),
        };
        let Some(a) = actual else { return false };
        let b = self.value;
        let eq = (a - b).abs() < EPSILON;
        match self.op {
            CmpOp::Eq => eq,
            CmpOp::Ne => !eq,
            CmpOp::Gt => a > b && !eq,
            CmpOp::Gte => a > b || eq,
            CmpOp::Lt => a < b && !eq,
            CmpOp::Lte => a < b || eq,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<String> = self
            .any
            .iter()
            .map(|g| {
                let cs: Vec<String> = g
                    .iter()
                    .map(|c| format!("{}_{}_{}", c.prop, c.op, number::fmt_num(c.value)))
                    .collect();
                cs.join("_and_")
            })
            .collect();
        f.write_str(&groups.join("_or_"))
    }
}
