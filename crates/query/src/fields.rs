//! The field table of spec §5: which names are fields, which operators each allows, and what kind
//! of value each takes. Metadata field names are checked here because they become JSON paths.

use crate::ast::{Field, Op};
use crate::error::Fault;

/// Longest accepted custom/embedded metadata field name, in characters.
pub(crate) const MAX_METADATA_NAME: usize = 100;

/// Embedded-metadata fields whose values are dates (compared like `createdAt`).
const EMBEDDED_DATE_FIELDS: &[&str] = &[
    "DateTimeOriginal",
    "CreateDate",
    "ModifyDate",
    "DateTimeDigitized",
];

const CUSTOM_PREFIX: &str = "customMetadata.";
const EMBEDDED_PREFIX: &str = "embeddedMetadata.";

/// What values a field takes (see `values::interpret`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A quoted string, carried verbatim.
    Text,
    /// A quoted string, one of these (case-insensitive), carried lower-case.
    Choice(&'static [&'static str]),
    /// A quoted non-empty string, carried lower-case.
    Format,
    /// A folder path, carried normalised to `/…/`.
    Path,
    /// An absolute or relative date, resolved to epoch ms.
    Date,
    /// A bare number.
    Number,
    /// A bare number of bytes, or a quoted size with unit (`"1.5mb"`).
    Size,
    /// `true` / `false`.
    Bool,
    /// Schema-less metadata: any scalar (quoted → text; bare → number, bool or date).
    Meta,
}

use Op::*;

const NAME_OPS: &[Op] = &[Eq, Prefix, In, NotEq, NotIn, Has];
const TAG_OPS: &[Op] = &[In, NotIn, Has, Exists, NotExists];
const EQ_IN_OPS: &[Op] = &[Eq, In, NotEq, NotIn];
const PREFIX_OPS: &[Op] = &[Eq, Prefix, In, NotEq, NotIn];
const RANGE_OPS: &[Op] = &[Eq, Lt, Le, Gt, Ge, In, NotEq, NotIn];
const FORMAT_OPS: &[Op] = &[Eq, In];
const BOOL_OPS: &[Op] = &[Eq];
const META_OPS: &[Op] = &[
    Eq, Prefix, In, NotEq, NotIn, Has, Lt, Le, Gt, Ge, Exists, NotExists,
];
const META_DATE_OPS: &[Op] = &[Eq, Lt, Le, Gt, Ge, In, NotEq, NotIn, Exists, NotExists];

impl Field {
    /// The operators spec §5 allows for this field.
    pub(crate) fn allowed_ops(&self) -> &'static [Op] {
        match self {
            Field::Name => NAME_OPS,
            Field::Tags | Field::AiTags => TAG_OPS,
            Field::Type | Field::FileType | Field::Id | Field::CreatedBy => EQ_IN_OPS,
            Field::Mime | Field::Path => PREFIX_OPS,
            Field::CreatedAt | Field::UpdatedAt | Field::Width | Field::Height | Field::Size => RANGE_OPS,
            Field::Format => FORMAT_OPS,
            Field::Private | Field::Published | Field::Transparency => BOOL_OPS,
            Field::CustomMetadata(_) => META_OPS,
            Field::EmbeddedMetadata(n) if is_embedded_date(n) => META_DATE_OPS,
            Field::EmbeddedMetadata(_) => META_OPS,
        }
    }

    /// The kind of value this field takes.
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Field::Name | Field::Tags | Field::AiTags | Field::Mime | Field::Id | Field::CreatedBy => {
                Kind::Text
            }
            Field::Type => Kind::Choice(&["file", "file-version", "folder"]),
            Field::FileType => Kind::Choice(&["image", "non-image", "all"]),
            Field::Format => Kind::Format,
            Field::Path => Kind::Path,
            Field::CreatedAt | Field::UpdatedAt => Kind::Date,
            Field::Width | Field::Height => Kind::Number,
            Field::Size => Kind::Size,
            Field::Private | Field::Published | Field::Transparency => Kind::Bool,
            Field::EmbeddedMetadata(n) if is_embedded_date(n) => Kind::Date,
            Field::CustomMetadata(_) | Field::EmbeddedMetadata(_) => Kind::Meta,
        }
    }
}

fn is_embedded_date(name: &str) -> bool {
    EMBEDDED_DATE_FIELDS.iter().any(|d| d.eq_ignore_ascii_case(name))
}

/// Resolves a field token (quotes removed) starting at byte offset `name_at` of the query.
/// Built-in names match case-insensitively; metadata names keep their case.
pub(crate) fn lookup(name: &str, name_at: usize) -> Result<Field, Fault> {
    let builtin = match name.to_ascii_lowercase().as_str() {
        "name" => Some(Field::Name),
        "tags" => Some(Field::Tags),
        "aitags" => Some(Field::AiTags),
        "type" => Some(Field::Type),
        "filetype" => Some(Field::FileType),
        "mime" => Some(Field::Mime),
        "id" => Some(Field::Id),
        "createdat" => Some(Field::CreatedAt),
        "updatedat" => Some(Field::UpdatedAt),
        "width" => Some(Field::Width),
        "height" => Some(Field::Height),
        "size" => Some(Field::Size),
        "format" => Some(Field::Format),
        "private" => Some(Field::Private),
        "published" => Some(Field::Published),
        "transparency" => Some(Field::Transparency),
        "createdby" => Some(Field::CreatedBy),
        "path" => Some(Field::Path),
        _ => None,
    };
    if let Some(field) = builtin {
        return Ok(field);
    }
    if let Some(rest) = strip_prefix_ci(name, CUSTOM_PREFIX) {
        return metadata_name(rest, name_at + CUSTOM_PREFIX.len(), CUSTOM_PREFIX).map(Field::CustomMetadata);
    }
    if let Some(rest) = strip_prefix_ci(name, EMBEDDED_PREFIX) {
        return metadata_name(rest, name_at + EMBEDDED_PREFIX.len(), EMBEDDED_PREFIX)
            .map(Field::EmbeddedMetadata);
    }
    let shown: String = name.chars().take(MAX_METADATA_NAME).collect();
    Err(Fault::new(name_at, format!("unknown field '{shown}'")))
}

fn strip_prefix_ci<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let head = name.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    name.get(prefix.len()..)
}

/// Checks a metadata field name (the part after the prefix), which starts at byte offset `at`.
fn metadata_name(name: &str, at: usize, prefix: &str) -> Result<String, Fault> {
    if name.is_empty() {
        return Err(Fault::new(at, format!("missing field name after '{prefix}'")));
    }
    if let Some((bad_at, bad)) = name
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-')))
    {
        return Err(Fault::new(
            at + bad_at,
            format!(
                "invalid character '{bad}' in metadata field name (allowed: letters, digits, '_' and '-')"
            ),
        ));
    }
    if name.len() > MAX_METADATA_NAME {
        return Err(Fault::new(
            at,
            format!("metadata field name is longer than {MAX_METADATA_NAME} characters"),
        ));
    }
    Ok(name.to_owned())
}
