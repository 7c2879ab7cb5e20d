//! Arithmetic expressions (`w-iw_div_2`, `lx-bw_mul_0.9`, `h-ch_mul_0.8_add_bh_mul_0.6`):
//! `{operand}_{op}_{operand}…` with ImageKit's documented precedence — `mul`/`div` first, then
//! `add`/`sub`, then `mod`, then `pow`, each level left to right.

use std::fmt;

use crate::error::ValueResult;
use crate::number;

/// Most operands accepted in one expression.
const MAX_OPERANDS: usize = 32;

/// A variable an expression can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Var {
    /// Initial (source) width, height, aspect ratio.
    Iw,
    Ih,
    Iar,
    /// Current width, height, aspect ratio (after the previous step; inside a layer: the layer).
    Cw,
    Ch,
    Car,
    /// Base (parent) width, height, aspect ratio — only inside a layer.
    Bw,
    Bh,
    Bar,
}

const VARS: &[(&str, Var)] = &[
    ("iw", Var::Iw),
    ("ih", Var::Ih),
    ("iar", Var::Iar),
    ("cw", Var::Cw),
    ("ch", Var::Ch),
    ("car", Var::Car),
    ("bw", Var::Bw),
    ("bh", Var::Bh),
    ("bar", Var::Bar),
];

impl Var {
    fn name(self) -> &'static str {
        VARS.iter().find(|(_, v)| *v == self).map_or("", |(n, _)| n)
    }

    /// True for `bw`, `bh`, `bar`, which only exist inside a layer.
    pub fn is_base(self) -> bool {
        matches!(self, Var::Bw | Var::Bh | Var::Bar)
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

const OPS: &[(&str, Op)] = &[
    ("add", Op::Add),
    ("sub", Op::Sub),
    ("mul", Op::Mul),
    ("div", Op::Div),
    ("mod", Op::Mod),
    ("pow", Op::Pow),
];

/// Precedence levels, evaluated first to last.
const LEVELS: &[&[Op]] = &[&[Op::Mul, Op::Div], &[Op::Add, Op::Sub], &[Op::Mod], &[Op::Pow]];

impl Op {
    fn name(self) -> &'static str {
        OPS.iter().find(|(_, o)| *o == self).map_or("", |(n, _)| n)
    }

    fn apply(self, a: f64, b: f64) -> Option<f64> {
        let v = match self {
            Op::Add => a + b,
            Op::Sub => a - b,
            Op::Mul => a * b,
            Op::Div if b == 0.0 => return None,
            Op::Div => a / b,
            Op::Mod if b == 0.0 => return None,
            Op::Mod => a % b,
            Op::Pow => a.powf(b),
        };
        v.is_finite().then_some(v)
    }
}

/// One operand: a variable or a number (`N` prefix for negative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand {
    Var(Var),
    Num(f64),
}

/// A parsed expression: `first (op operand)*`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub first: Operand,
    pub rest: Vec<(Op, Operand)>,
}

/// The values expression variables take; the ratios are derived.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Vars {
    pub iw: f64,
    pub ih: f64,
    pub cw: f64,
    pub ch: f64,
    pub bw: f64,
    pub bh: f64,
}

impl Vars {
    /// The value of one variable; `None` for a ratio with a zero denominator.
    pub fn get(&self, var: Var) -> Option<f64> {
        let ratio = |w: f64, h: f64| (h != 0.0).then(|| w / h);
        match var {
            Var::Iw => Some(self.iw),
            Var::Ih => Some(self.ih),
            Var::Iar => ratio(self.iw, self.ih),
            Var::Cw => Some(self.cw),
            Var::Ch => Some(self.ch),
            Var::Car => ratio(self.cw, self.ch),
            Var::Bw => Some(self.bw),
            Var::Bh => Some(self.bh),
            Var::Bar => ratio(self.bw, self.bh),
        }
    }
}

impl Expr {
    /// Parses `s`; `in_layer` allows the base variables `bw`, `bh`, `bar`.
    pub(crate) fn parse(s: &str, in_layer: bool) -> ValueResult<Expr> {
        let parts: Vec<&str> = s.split('_').collect();
        if parts.len().is_multiple_of(2) || parts.len() > MAX_OPERANDS * 2 {
            return Err(format!(
                "'{s}' is not a valid expression ({{value}}_{{op}}_{{value}}…)."
            ));
        }
        let mut iter = parts.into_iter();
        let first = operand(iter.next().unwrap_or_default(), in_layer)?;
        let mut rest = Vec::new();
        while let (Some(op), Some(value)) = (iter.next(), iter.next()) {
            let op = OPS
                .iter()
                .find(|(n, _)| *n == op)
                .map(|(_, o)| *o)
                .ok_or_else(|| format!("'{op}' is not an operator (add, sub, mul, div, mod, pow)."))?;
            rest.push((op, operand(value, in_layer)?));
        }
        if rest.is_empty() && matches!(first, Operand::Num(_)) {
            return Err(format!(
                "'{s}' is not a valid expression (a number alone is not one here)."
            ));
        }
        Ok(Expr { first, rest })
    }

    /// Evaluates with ImageKit's precedence; `None` on division or modulo by zero, a ratio of
    /// a zero height, or a non-finite result.
    pub fn eval(&self, vars: &Vars) -> Option<f64> {
        let value = |o: &Operand| match o {
            Operand::Var(v) => vars.get(*v),
            Operand::Num(n) => Some(*n),
        };
        let mut values = vec![value(&self.first)?];
        let mut ops = Vec::with_capacity(self.rest.len());
        for (op, o) in &self.rest {
            ops.push(*op);
            values.push(value(o)?);
        }
        for level in LEVELS {
            let (mut vs, mut os) = (Vec::with_capacity(values.len()), Vec::with_capacity(ops.len()));
            let mut iter = values.into_iter();
            vs.push(iter.next()?);
            for (op, v) in ops.into_iter().zip(iter) {
                if level.contains(&op) {
                    let last = vs.pop()?;
                    vs.push(op.apply(last, v)?);
                } else {
                    os.push(op);
                    vs.push(v);
                }
            }
            (values, ops) = (vs, os);
        }
        values.first().copied().filter(|v| v.is_finite())
    }

    /// Every variable the expression reads.
    pub fn vars(&self) -> impl Iterator<Item = Var> + '_ {
        std::iter::once(&self.first)
            .chain(self.rest.iter().map(|(_, o)| o))
            .filter_map(|o| match o {
                Operand::Var(v) => Some(*v),
                Operand::Num(_) => None,
            })
    }
}

fn operand(s: &str, in_layer: bool) -> ValueResult<Operand> {
    if let Some(n) = number::signed(s) {
        return Ok(Operand::Num(n));
    }
    if matches!(s, "idu" | "bdu") {
        return Err("video transformations are not supported.".to_owned());
    }
    let var = VARS
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, v)| *v)
        .ok_or_else(|| format!("'{s}' is not a number or a variable (iw ih iar cw ch car bw bh bar)."))?;
    if var.is_base() && !in_layer {
        return Err(format!("'{s}' can only be used inside a layer."));
    }
    Ok(Operand::Var(var))
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Var(v) => f.write_str(v.name()),
            Operand::Num(n) => f.write_str(&number::fmt_num(*n)),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (op, o) in &self.rest {
            write!(f, "_{}_{o}", op.name())?;
        }
        Ok(())
    }
}
