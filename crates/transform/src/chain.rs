//! The structural parser: walks the split parameters, cutting steps at `:`, and recursing into
//! layers (`l-…` … `l-end`) and if-blocks (`if-…` … `if-else` … `if-end`), each of which holds
//! its own chain. Individual parameters are handed to `params`.

use crate::conditional::{Condition, Conditional};
use crate::error::ParseError;
use crate::layer_params::{LayerKind, LayerParts};
use crate::params;
use crate::percent;
use crate::plan::Step;
use crate::tokens::{Sep, Token};
use crate::{MAX_LAYER_DEPTH, MAX_STEPS};

/// Where the parser is: layer nesting and whether inside an if-block branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Ctx {
    /// 0 at the top level, 1 inside a layer, 2 inside a nested layer…
    pub depth: usize,
    /// Inside the branch of an if-block.
    pub in_if: bool,
    /// The kind of the innermost layer, if any.
    pub layer: Option<LayerKind>,
}

/// What ended a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Eof,
    LayerEnd,
    IfElse,
    IfEnd,
}

/// Cursor over the split parameters.
pub(crate) struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    pos: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(tokens: Vec<Token<'a>>) -> Self {
        Parser { tokens, pos: 0 }
    }

    /// Parses the whole input as the top-level chain.
    pub(crate) fn top(&mut self) -> Result<Vec<Step>, ParseError> {
        let (steps, _) = self.chain(Ctx::default(), None)?;
        Ok(steps)
    }

    /// Parses steps until the input ends or a structural token closes this chain. Empty steps
    /// are dropped. `layer` collects the position/text parameters of the enclosing layer.
    fn chain(
        &mut self,
        ctx: Ctx,
        mut layer: Option<&mut LayerParts>,
    ) -> Result<(Vec<Step>, Stop), ParseError> {
        let (mut steps, mut step, mut count) = (Vec::new(), Step::default(), 1);
        let mut first = true;
        while let Some(tok) = self.tokens.get(self.pos).copied() {
            if tok.sep == Sep::Colon && !first {
                count += 1;
                if count > MAX_STEPS {
                    return Err(ParseError::general(format!(
                        "Too many chained transformation steps (at most {MAX_STEPS})."
                    )));
                }
                push_step(&mut steps, std::mem::take(&mut step));
            }
            first = false;
            self.pos += 1;
            let text = percent::decode(tok.raw).map_err(|m| ParseError::token(tok.raw, &m))?;
            let (key, value) = params::split_key(&text);
            let end = match (key, value) {
                ("l", Some("end")) if ctx.depth > 0 => Some(Stop::LayerEnd),
                ("l", Some("end")) => {
                    return Err(ParseError::param(key, &text, "'l-end' without a layer to close."));
                }
                ("l", _) => {
                    let layer = self.layer(value, ctx, &text)?;
                    step.overlays.push(layer);
                    None
                }
                ("if", Some("else")) if ctx.in_if => Some(Stop::IfElse),
                ("if", Some("end")) if ctx.in_if => Some(Stop::IfEnd),
                ("if", Some("else" | "end")) => {
                    return Err(ParseError::param(
                        key,
                        &text,
                        "no if-block to continue or close here.",
                    ));
                }
                ("if", _) => {
                    step.conditional = Some(self.if_block(value, ctx, &step, &text)?);
                    None
                }
                _ => {
                    params::apply(&mut step, layer.as_deref_mut(), ctx, key, value, &text)?;
                    None
                }
            };
            if let Some(end) = end {
                push_step(&mut steps, step);
                return Ok((steps, end));
            }
        }
        push_step(&mut steps, step);
        Ok((steps, Stop::Eof))
    }

    /// Parses a layer after its `l-<kind>` parameter, through its `l-end`.
    fn layer(&mut self, kind: Option<&str>, ctx: Ctx, text: &str) -> Result<crate::layer::Layer, ParseError> {
        let kind = kind.and_then(LayerKind::from_word).ok_or_else(|| {
            ParseError::param("l", text, "layer type must be image, text, video or subtitles.")
        })?;
        if ctx.depth >= MAX_LAYER_DEPTH {
            let msg = format!("layers can be nested at most {MAX_LAYER_DEPTH} levels deep.");
            return Err(ParseError::param("l", text, &msg));
        }
        let mut parts = LayerParts::new(kind);
        let inner = Ctx {
            depth: ctx.depth + 1,
            in_if: false,
            layer: Some(kind),
        };
        let (steps, end) = self.chain(inner, Some(&mut parts))?;
        if end != Stop::LayerEnd {
            return Err(ParseError::param(
                "l",
                text,
                "the layer is not closed with 'l-end'.",
            ));
        }
        parts.finish(steps).map_err(|m| ParseError::param("l", text, &m))
    }

    /// Parses an if-block after its `if-<condition>` parameter, through its `if-end`, and
    /// checks that it is alone in its step.
    fn if_block(
        &mut self,
        cond: Option<&str>,
        ctx: Ctx,
        step: &Step,
        text: &str,
    ) -> Result<Conditional, ParseError> {
        let err = |m: &str| ParseError::param("if", text, m);
        if ctx.in_if {
            return Err(err("if-blocks cannot be nested."));
        }
        if !step.is_empty() {
            return Err(err(
                "an if-block must be alone in its chain step (separate it with ':').",
            ));
        }
        let condition = Condition::parse(cond.unwrap_or_default()).map_err(|m| err(&m))?;
        let branch = Ctx { in_if: true, ..ctx };
        let (then, end) = self.chain(branch, None)?;
        let (otherwise, end) = match end {
            Stop::IfElse => self.chain(branch, None)?,
            _ => (Vec::new(), end),
        };
        if end != Stop::IfEnd {
            return Err(err("the if-block is not closed with 'if-end'."));
        }
        if let Some(next) = self.tokens.get(self.pos)
            && next.sep == Sep::Comma
            && !is_closing(next.raw)
        {
            return Err(err(
                "an if-block must be alone in its chain step (separate it with ':').",
            ));
        }
        Ok(Conditional {
            condition,
            then,
            otherwise,
        })
    }
}

/// True for the parameters that close an enclosing structure (`l-end`, `if-else`, `if-end`).
fn is_closing(raw: &str) -> bool {
    matches!(raw, "l-end" | "if-else" | "if-end")
}

fn push_step(steps: &mut Vec<Step>, step: Step) {
    if !step.is_empty() {
        steps.push(step);
    }
}
