//! Turns the raw tree into the typed AST: resolves fields, checks each operator against its field
//! (spec §5 table), interprets values, flattens nested AND/OR groups and caps the condition count.

use crate::MAX_CONDITIONS;
use crate::ast::{Condition, Expr, Op, Operand, Scalar};
use crate::error::Fault;
use crate::fields::{self, Kind};
use crate::raw::{RawCond, RawExpr, RawScalar, RawValue};
use crate::values::interpret;

pub(crate) fn validate(raw: RawExpr, now_ms: i64) -> Result<Expr, Fault> {
    Builder {
        now_ms,
        conditions: 0,
    }
    .expr(raw)
}

struct Builder {
    now_ms: i64,
    conditions: usize,
}

impl Builder {
    fn expr(&mut self, raw: RawExpr) -> Result<Expr, Fault> {
        match raw {
            RawExpr::And(items) => Ok(Expr::And(self.flatten(items, true)?)),
            RawExpr::Or(items) => Ok(Expr::Or(self.flatten(items, false)?)),
            RawExpr::Cond(cond) => {
                self.conditions += 1;
                if self.conditions > MAX_CONDITIONS {
                    let message = format!("too many conditions (at most {MAX_CONDITIONS})");
                    return Err(Fault::new(cond.field.at, message));
                }
                self.condition(cond).map(Expr::Cond)
            }
        }
    }

    /// Builds the children of an AND (`and`) or OR group, splicing in same-kind children.
    fn flatten(&mut self, items: Vec<RawExpr>, and: bool) -> Result<Vec<Expr>, Fault> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match self.expr(item)? {
                Expr::And(children) if and => out.extend(children),
                Expr::Or(children) if !and => out.extend(children),
                other => out.push(other),
            }
        }
        Ok(out)
    }

    fn condition(&self, cond: RawCond) -> Result<Condition, Fault> {
        let field = fields::lookup(&cond.field.name, cond.field.at + usize::from(cond.field.quoted))?;
        let op = cond.op;
        if !field.allowed_ops().contains(&op) {
            let allowed = field
                .allowed_ops()
                .iter()
                .map(|o| o.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!("operator '{op}' is not allowed for field '{field}' (allowed: {allowed})");
            return Err(Fault::new(cond.op_at, message));
        }
        let kind = field.kind();
        let value = match (op, cond.value) {
            (Op::Exists | Op::NotExists, _) => Operand::None,
            (Op::In | Op::NotIn, Some(RawValue::List { items, at })) => {
                if items.is_empty() {
                    return Err(Fault::new(at, format!("the list after '{op}' is empty")));
                }
                let values = items.iter().map(|s| interpret(&field, kind, s, self.now_ms));
                Operand::List(values.collect::<Result<_, _>>()?)
            }
            (Op::In | Op::NotIn, Some(RawValue::Scalar(s))) => {
                Operand::List(vec![interpret(&field, kind, &s, self.now_ms)?])
            }
            (_, Some(RawValue::List { at, .. })) => {
                let message = format!("a list is only allowed with IN or NOT IN, not with '{op}'");
                return Err(Fault::new(at, message));
            }
            (_, Some(RawValue::Scalar(s))) => {
                let value = interpret(&field, kind, &s, self.now_ms)?;
                check_scalar(op, kind, &value, &s)?;
                value.into()
            }
            (_, None) => return Err(Fault::new(cond.op_at, format!("missing value after '{op}'"))),
        };
        Ok(Condition { field, op, value })
    }
}

/// Operator-specific rules beyond the field's value kind (which already fixes most types).
fn check_scalar(op: Op, kind: Kind, value: &Scalar, raw: &RawScalar) -> Result<(), Fault> {
    let problem = match (op, value) {
        (Op::Has, Scalar::Text(t)) if t.trim().is_empty() => Some(format!("'{op}' needs a non-empty text")),
        (Op::Has | Op::Prefix, Scalar::Text(_)) => None,
        (Op::Has | Op::Prefix, _) => Some(format!("'{op}' needs a double-quoted text value")),
        (Op::Lt | Op::Le | Op::Gt | Op::Ge, Scalar::Bool(_)) if kind == Kind::Meta => {
            Some(format!("'{op}' cannot compare true/false"))
        }
        _ => None,
    };
    problem.map_or(Ok(()), |message| Err(Fault::new(raw.at, message)))
}
