//! The grammar of the searchQuery language (winnow parsers) producing the raw tree.
//!
//! ```text
//! query     := ws or_expr ws EOF
//! or_expr   := and_expr (OR and_expr)*          -- AND binds tighter than OR
//! and_expr  := primary (AND primary)*
//! primary   := '(' or_expr ')' | condition      -- at most MAX_DEPTH nested groups
//! condition := field operator value?            -- no value after EXISTS / NOT EXISTS
//! field     := "quoted" | [A-Za-z0-9_.-]+ other than AND / OR
//! operator  := <= | >= | < | > | = | : | IN | HAS | EXISTS | NOT (= | IN | EXISTS)
//! value     := '[' (scalar (',' scalar)*)? ']' | scalar
//! scalar    := "quoted with \" and \\ escapes" | bare token (number, true/false, date):
//!              any run of characters other than whitespace ( ) [ ] , " = < >
//! ```
//! Keywords are case-insensitive. Once a construct is committed to (an operator was expected, a
//! group was opened, …) failures are cut, so the error offset is where the problem is.

use winnow::ascii::Caseless;
use winnow::combinator::{alt, cut_err, eof, fail, not, opt, preceded, terminated};
use winnow::error::{ContextError, ErrMode};
use winnow::prelude::*;
use winnow::stream::{Location, Stream};
use winnow::token::{any, literal, one_of, take_while};

use crate::MAX_DEPTH;
use crate::ast::Op;
use crate::error::Fault;
use crate::raw::{RawCond, RawExpr, RawField, RawScalar, RawValue};

type Input<'a> = winnow::stream::LocatingSlice<&'a str>;
type PResult<O> = ModalResult<O, ContextError<Ctx>>;

/// What an error context says: what was expected at the failure point, or a complete message.
#[derive(Debug, Clone, Copy)]
enum Ctx {
    Expected(&'static str),
    Problem(&'static str),
}

const EXPECT_OPERATOR: &str = "an operator (=, :, <, <=, >, >=, IN, NOT IN, NOT =, HAS, EXISTS, NOT EXISTS)";

/// Parses `input` into the raw tree, or says what is wrong at which byte offset.
pub(crate) fn parse_raw(input: &str) -> Result<RawExpr, Fault> {
    let end = eof.context(Ctx::Expected("AND, OR or the end of the query"));
    let mut query = (ws, |i: &mut Input<'_>| or_expr(i, 0), ws, end).map(|(_, e, _, _)| e);
    query.parse(Input::new(input)).map_err(|e| {
        let offset = e.offset();
        Fault::new(offset, describe(e.inner(), input, offset))
    })
}

/// The message for a syntax error: the innermost context, plus what was found there.
fn describe(err: &ContextError<Ctx>, input: &str, offset: usize) -> String {
    let found = match input.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) => format!("'{}'", c.escape_debug()),
        None => "the end of the query".to_owned(),
    };
    match err.context().next() {
        Some(Ctx::Expected(what)) => format!("expected {what}, found {found}"),
        Some(Ctx::Problem(message)) => (*message).to_owned(),
        None => format!("invalid syntax, found {found}"),
    }
}

fn ws(i: &mut Input<'_>) -> PResult<()> {
    take_while(0.., char::is_whitespace).void().parse_next(i)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A case-insensitive keyword not followed by another word character.
fn keyword<'a>(kw: &'static str) -> impl Parser<Input<'a>, (), ErrMode<ContextError<Ctx>>> {
    terminated(literal(Caseless(kw)), not(one_of(is_word_char))).void()
}

fn or_expr(i: &mut Input<'_>, depth: usize) -> PResult<RawExpr> {
    let mut items = vec![and_expr(i, depth)?];
    while opt((ws, keyword("or"), ws)).parse_next(i)?.is_some() {
        items.push(cut_err(|i: &mut Input<'_>| and_expr(i, depth)).parse_next(i)?);
    }
    Ok(combine(items, RawExpr::Or))
}

fn and_expr(i: &mut Input<'_>, depth: usize) -> PResult<RawExpr> {
    let mut items = vec![primary(i, depth)?];
    while opt((ws, keyword("and"), ws)).parse_next(i)?.is_some() {
        items.push(cut_err(|i: &mut Input<'_>| primary(i, depth)).parse_next(i)?);
    }
    Ok(combine(items, RawExpr::And))
}

fn combine(mut items: Vec<RawExpr>, make: fn(Vec<RawExpr>) -> RawExpr) -> RawExpr {
    if items.len() == 1
        && let Some(only) = items.pop()
    {
        return only;
    }
    make(items)
}

fn primary(i: &mut Input<'_>, depth: usize) -> PResult<RawExpr> {
    alt((|i: &mut Input<'_>| group(i, depth), condition))
        .context(Ctx::Expected("a condition or '('"))
        .parse_next(i)
}

fn group(i: &mut Input<'_>, depth: usize) -> PResult<RawExpr> {
    let start = i.checkpoint();
    '('.parse_next(i)?;
    if depth >= MAX_DEPTH {
        i.reset(&start);
        return cut_err(fail)
            .context(Ctx::Problem(
                "parentheses are nested too deeply (at most 32 levels)",
            ))
            .parse_next(i);
    }
    ws(i)?;
    let inner = cut_err(|i: &mut Input<'_>| or_expr(i, depth + 1)).parse_next(i)?;
    ws(i)?;
    cut_err(')')
        .context(Ctx::Expected("AND, OR or ')'"))
        .parse_next(i)?;
    Ok(inner)
}

fn condition(i: &mut Input<'_>) -> PResult<RawExpr> {
    let field = field(i)?;
    ws(i)?;
    let op_at = i.current_token_start();
    let op = cut_err(operator)
        .context(Ctx::Expected(EXPECT_OPERATOR))
        .parse_next(i)?;
    let value = if matches!(op, Op::Exists | Op::NotExists) {
        None
    } else {
        ws(i)?;
        Some(cut_err(value).context(Ctx::Expected("a value")).parse_next(i)?)
    };
    Ok(RawExpr::Cond(RawCond {
        field,
        op,
        op_at,
        value,
    }))
}

fn field(i: &mut Input<'_>) -> PResult<RawField> {
    let at = i.current_token_start();
    let (name, quoted) = alt((
        quoted.map(|s| (s, true)),
        take_while(1.., is_word_char)
            .verify(|s: &str| !s.eq_ignore_ascii_case("and") && !s.eq_ignore_ascii_case("or"))
            .map(|s: &str| (s.to_owned(), false)),
    ))
    .parse_next(i)?;
    Ok(RawField { name, at, quoted })
}

fn operator(i: &mut Input<'_>) -> PResult<Op> {
    let negated = alt((
        '='.value(Op::NotEq),
        keyword("in").value(Op::NotIn),
        keyword("exists").value(Op::NotExists),
    ));
    alt((
        "<=".value(Op::Le),
        ">=".value(Op::Ge),
        '<'.value(Op::Lt),
        '>'.value(Op::Gt),
        '='.value(Op::Eq),
        ':'.value(Op::Prefix),
        keyword("in").value(Op::In),
        keyword("has").value(Op::Has),
        keyword("exists").value(Op::Exists),
        preceded(
            (keyword("not"), ws),
            cut_err(negated).context(Ctx::Expected("=, IN or EXISTS after NOT")),
        ),
    ))
    .parse_next(i)
}

fn value(i: &mut Input<'_>) -> PResult<RawValue> {
    alt((list, scalar.map(RawValue::Scalar))).parse_next(i)
}

fn list(i: &mut Input<'_>) -> PResult<RawValue> {
    let at = i.current_token_start();
    '['.parse_next(i)?;
    ws(i)?;
    let mut items = Vec::new();
    if opt(']').parse_next(i)?.is_some() {
        return Ok(RawValue::List { items, at });
    }
    loop {
        items.push(cut_err(scalar).context(Ctx::Expected("a value")).parse_next(i)?);
        ws(i)?;
        let more = cut_err(alt((','.value(true), ']'.value(false))))
            .context(Ctx::Expected("',' or ']'"))
            .parse_next(i)?;
        if !more {
            return Ok(RawValue::List { items, at });
        }
        ws(i)?;
    }
}

fn scalar(i: &mut Input<'_>) -> PResult<RawScalar> {
    let at = i.current_token_start();
    let bare = take_while(1.., |c: char| {
        !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | ',' | '"' | '=' | '<' | '>')
    });
    let (text, quoted) = alt((
        quoted.map(|s| (s, true)),
        bare.map(|s: &str| (s.to_owned(), false)),
    ))
    .parse_next(i)?;
    Ok(RawScalar { text, quoted, at })
}

/// A double-quoted string; `\"` and `\\` are escapes, any other backslash is kept as written.
fn quoted(i: &mut Input<'_>) -> PResult<String> {
    let start = i.checkpoint();
    '"'.parse_next(i)?;
    let mut out = String::new();
    loop {
        let chunk: &str = take_while(0.., |c: char| c != '"' && c != '\\').parse_next(i)?;
        out.push_str(chunk);
        match opt(any).parse_next(i)? {
            Some('"') => return Ok(out),
            Some(_backslash) => match opt(any).parse_next(i)? {
                Some(c @ ('"' | '\\')) => out.push(c),
                Some(c) => {
                    out.push('\\');
                    out.push(c);
                }
                None => break,
            },
            None => break,
        }
    }
    i.reset(&start);
    cut_err(fail)
        .context(Ctx::Problem("unterminated string (missing closing '\"')"))
        .parse_next(i)
}
