//! Listing and search: compiles a `ListQuery` (with its parsed searchQuery) to one SQL
//! statement. Every value is a bound parameter; the only text spliced into the SQL comes
//! from this file (column names, operators), never from the request.

use query::{Condition, Expr, Field, Op, Operand, Scalar};
use sqlx::{QueryBuilder, Row};

use super::dialect::{self, Db, DbRow, Pool};

use super::rows::file_from_row;
use super::transfer::prefix_end;
use crate::{FolderRecord, ListItem, ListQuery, SortKey, StoreResult};

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Version,
    Folder,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Version => "file-version",
            Kind::Folder => "folder",
        }
    }
}

const FILE_COLUMNS: &str = "f.file_id, f.file_path, f.name, f.folder_path, f.current_version_id, \
    f.created_at AS file_created_at, f.updated_at AS file_updated_at, v.version_id, v.version_number, \
    v.blob_key, v.size, v.mime, v.file_type, v.width, v.height, v.has_alpha, v.is_private, v.is_published, \
    v.tags, v.ai_tags, v.custom_coordinates, v.custom_metadata, v.description, v.embedded_metadata, \
    v.working_key, v.working_width, v.working_height, v.small_key, v.small_width, v.small_height, \
    v.created_at, v.updated_at";

const FOLDER_COLUMNS: &str = "fo.folder_id AS file_id, fo.folder_path AS file_path, fo.name, \
    fo.parent_path AS folder_path, NULL AS current_version_id, fo.created_at AS file_created_at, \
    fo.updated_at AS file_updated_at, NULL AS version_id, NULL AS version_number, NULL AS blob_key, \
    NULL AS size, NULL AS mime, NULL AS file_type, NULL AS width, NULL AS height, NULL AS has_alpha, \
    NULL AS is_private, NULL AS is_published, NULL AS tags, NULL AS ai_tags, NULL AS custom_coordinates, \
    NULL AS custom_metadata, NULL AS description, NULL AS embedded_metadata, NULL AS working_key, \
    NULL AS working_width, NULL AS working_height, NULL AS small_key, NULL AS small_width, \
    NULL AS small_height, fo.created_at, fo.updated_at";

pub async fn list(pool: &Pool, q: &ListQuery) -> StoreResult<Vec<ListItem>> {
    let kinds: Vec<Kind> = [
        (q.kinds.files, Kind::File),
        (q.kinds.versions, Kind::Version),
        (q.kinds.folders, Kind::Folder),
    ]
    .into_iter()
    .filter_map(|(on, kind)| on.then_some(kind))
    .collect();
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new("");
    if let Some(key) = deferred_sort(q, &kinds) {
        push_deferred(&mut qb, q, key);
    } else {
        for (i, kind) in kinds.iter().enumerate() {
            if i > 0 {
                qb.push(" UNION ALL ");
            }
            push_select(&mut qb, *kind, q);
        }
        qb.push(" ORDER BY ");
        qb.push(sort_column(q.sort));
        qb.push(if q.descending {
            " DESC, sort_id DESC"
        } else {
            " ASC, sort_id ASC"
        });
        qb.push(" LIMIT ");
        qb.push_bind(q.limit);
        qb.push(" OFFSET ");
        qb.push_bind(q.skip);
    }
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter().map(item_from_row).collect()
}

/// Plain file listings sorted by a `files` column page through the files table alone
/// (an index walk, even for deep offsets) before joining versions: returns that column.
fn deferred_sort(q: &ListQuery, kinds: &[Kind]) -> Option<&'static str> {
    let plain = kinds == [Kind::File] && q.filter.is_none() && q.any_tags.is_none() && q.file_type.is_none();
    let column = match q.sort {
        SortKey::Created => "created_at",
        SortKey::Name => "name",
        _ => return None,
    };
    plain.then_some(column)
}

fn push_deferred(qb: &mut QueryBuilder<Db>, q: &ListQuery, column: &'static str) {
    let direction = if q.descending { " DESC" } else { " ASC" };
    push_select(
        qb,
        Kind::File,
        &ListQuery {
            path: None,
            name: None,
            ..q.clone()
        },
    );
    qb.push(" AND f.file_id IN (SELECT p.file_id FROM files p WHERE 1 = 1");
    if let Some(path) = &q.path {
        qb.push(" AND p.folder_path = ").push_bind(path.clone());
    }
    if let Some(name) = &q.name {
        qb.push(" AND p.name = ").push_bind(name.clone());
    }
    qb.push(" ORDER BY p.")
        .push(column)
        .push(direction)
        .push(", p.file_id")
        .push(direction);
    qb.push(" LIMIT ")
        .push_bind(q.limit)
        .push(" OFFSET ")
        .push_bind(q.skip)
        .push(")");
    qb.push(" ORDER BY f.")
        .push(column)
        .push(direction)
        .push(", f.file_id")
        .push(direction);
}

fn sort_column(key: SortKey) -> &'static str {
    match key {
        SortKey::Name => "name",
        SortKey::Created => "sort_created",
        SortKey::Updated => "sort_updated",
        SortKey::Height => "height",
        SortKey::Width => "width",
        SortKey::Size => "size",
    }
}

fn item_from_row(row: &DbRow) -> StoreResult<ListItem> {
    let kind: String = row.try_get("kind")?;
    if kind == "folder" {
        return Ok(ListItem::Folder(FolderRecord {
            folder_id: row.try_get("file_id")?,
            folder_path: row.try_get("file_path")?,
            name: row.try_get("name")?,
            created_at: row.try_get("file_created_at")?,
            updated_at: row.try_get("file_updated_at")?,
        }));
    }
    Ok(ListItem::File(Box::new(file_from_row(row)?)))
}

fn push_select(qb: &mut QueryBuilder<Db>, kind: Kind, q: &ListQuery) {
    qb.push("SELECT '");
    qb.push(kind.name());
    qb.push("' AS kind, ");
    match kind {
        Kind::File => {
            qb.push(FILE_COLUMNS);
            qb.push(", f.created_at AS sort_created, v.updated_at AS sort_updated, f.file_id AS sort_id FROM files f JOIN file_versions v ON v.version_id = f.current_version_id");
        }
        Kind::Version => {
            qb.push(FILE_COLUMNS);
            qb.push(", v.created_at AS sort_created, v.updated_at AS sort_updated, v.version_id AS sort_id FROM files f JOIN file_versions v ON v.file_id = f.file_id AND v.version_id <> f.current_version_id");
        }
        Kind::Folder => {
            qb.push(FOLDER_COLUMNS);
            qb.push(", fo.created_at AS sort_created, fo.updated_at AS sort_updated, fo.folder_id AS sort_id FROM folders fo");
        }
    }
    qb.push(" WHERE 1 = 1");
    if let Some(path) = &q.path {
        qb.push(if kind == Kind::Folder {
            " AND fo.parent_path = "
        } else {
            " AND f.folder_path = "
        });
        qb.push_bind(path.clone());
    }
    if let Some(file_type) = &q.file_type {
        if kind == Kind::Folder {
            qb.push(" AND FALSE");
        } else {
            qb.push(" AND v.file_type = ");
            qb.push_bind(file_type.clone());
        }
    }
    if let Some(name) = &q.name {
        qb.push(if kind == Kind::Folder {
            " AND fo.name = "
        } else {
            " AND f.name = "
        });
        qb.push_bind(name.clone());
    }
    if let Some(tags) = &q.any_tags {
        qb.push(" AND ");
        let list: Vec<Scalar> = tags.iter().map(|t| Scalar::Text(t.clone())).collect();
        push_tags_in(qb, kind, &list, true);
    }
    if let Some(filter) = &q.filter {
        qb.push(" AND ");
        push_expr(qb, kind, filter);
    }
}

fn push_expr(qb: &mut QueryBuilder<Db>, kind: Kind, expr: &Expr) {
    let (children, joiner) = match expr {
        Expr::Cond(c) => return push_condition(qb, kind, c),
        Expr::And(children) => (children, " AND "),
        Expr::Or(children) => (children, " OR "),
    };
    qb.push("(");
    for (i, child) in children.iter().enumerate() {
        if i > 0 {
            qb.push(joiner);
        }
        push_expr(qb, kind, child);
    }
    qb.push(")");
}

fn is_negative(op: Op) -> bool {
    matches!(op, Op::NotEq | Op::NotIn | Op::NotExists)
}

/// A condition on a field this kind of row does not have: false, or true when negated.
fn push_absent(qb: &mut QueryBuilder<Db>, op: Op) {
    qb.push(if is_negative(op) { "TRUE" } else { "FALSE" });
}

fn column(kind: Kind, field: &Field) -> Option<&'static str> {
    let folder = kind == Kind::Folder;
    Some(match field {
        Field::Name => {
            if folder {
                "fo.name"
            } else {
                "f.name"
            }
        }
        Field::Id => {
            if folder {
                "fo.folder_id"
            } else {
                "f.file_id"
            }
        }
        Field::CreatedAt => match kind {
            Kind::File => "f.created_at",
            Kind::Version => "v.created_at",
            Kind::Folder => "fo.created_at",
        },
        Field::UpdatedAt => {
            if folder {
                "fo.updated_at"
            } else {
                "v.updated_at"
            }
        }
        Field::Path => {
            if folder {
                "fo.parent_path"
            } else {
                "f.folder_path"
            }
        }
        _ if folder => return None,
        Field::Width => "v.width",
        Field::Height => "v.height",
        Field::Size => "v.size",
        Field::Mime => "v.mime",
        Field::FileType => "v.file_type",
        Field::Private => "v.is_private",
        Field::Published => "v.is_published",
        Field::Transparency => "v.has_alpha",
        _ => return None,
    })
}

fn push_condition(qb: &mut QueryBuilder<Db>, kind: Kind, c: &Condition) {
    match &c.field {
        Field::Type => push_type(qb, kind, c),
        Field::CreatedBy => push_absent(qb, c.op),
        Field::Tags | Field::AiTags if kind == Kind::Folder => push_absent(qb, c.op),
        Field::Tags | Field::AiTags => push_tags(qb, kind, c),
        Field::Format if kind == Kind::Folder => push_absent(qb, c.op),
        Field::Format => push_format(qb, c),
        Field::CustomMetadata(name) | Field::EmbeddedMetadata(name) if kind == Kind::Folder => {
            let _ = name;
            push_absent(qb, c.op)
        }
        Field::CustomMetadata(name) => push_custom(qb, name, c),
        Field::EmbeddedMetadata(name) => push_json(qb, "v.embedded_metadata", name, c),
        Field::Path => match column(kind, &c.field) {
            Some(col) => push_path(qb, col, c),
            None => push_absent(qb, c.op),
        },
        field => match column(kind, field) {
            Some(col) => push_scalar_op(qb, &Col::Plain(col), c.op, &c.value),
            None => push_absent(qb, c.op),
        },
    }
}

fn push_type(qb: &mut QueryBuilder<Db>, kind: Kind, c: &Condition) {
    let name = kind.name();
    let matches = |s: &Scalar| matches!(s, Scalar::Text(t) if t == name);
    let hit = match &c.value {
        Operand::Text(t) => t == name,
        Operand::List(items) => items.iter().any(matches),
        _ => false,
    };
    qb.push(if hit != is_negative(c.op) { "TRUE" } else { "FALSE" });
}

fn bind_scalar(qb: &mut QueryBuilder<Db>, value: &Scalar) {
    match value {
        Scalar::Text(t) => qb.push_bind(t.clone()),
        Scalar::Number(n) => qb.push_bind(*n),
        Scalar::Integer(i) => qb.push_bind(*i),
        Scalar::Bool(b) => qb.push_bind(*b),
        Scalar::TimeMs(ms) => qb.push_bind(*ms),
    };
}

fn scalar_of(value: &Operand) -> Option<Scalar> {
    Some(match value {
        Operand::Text(t) => Scalar::Text(t.clone()),
        Operand::Number(n) => Scalar::Number(*n),
        Operand::Integer(i) => Scalar::Integer(*i),
        Operand::Bool(b) => Scalar::Bool(*b),
        Operand::TimeMs(ms) => Scalar::TimeMs(*ms),
        Operand::None | Operand::List(_) => return None,
    })
}

fn list_of(value: &Operand) -> Vec<Scalar> {
    match value {
        Operand::List(items) => items.clone(),
        other => scalar_of(other).into_iter().collect(),
    }
}

fn push_list(qb: &mut QueryBuilder<Db>, col: &Col, items: &[Scalar]) {
    qb.push("(");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            qb.push(", ");
        }
        push_value(qb, col, item);
    }
    qb.push(")");
}

/// A value to compare with `col`: typed columns take it as it is, dynamically typed
/// ones (custom values, JSON keys) in the form the dialect stores them.
fn push_value(qb: &mut QueryBuilder<Db>, col: &Col, value: &Scalar) {
    match col {
        Col::Plain(_) => bind_scalar(qb, value),
        Col::Dynamic(_) | Col::Json(..) => dialect::push_dynamic_value(qb, value),
    }
}

/// The left side of a comparison: a typed column, a column whose values have mixed
/// types (`custom_values.value`), or a key of a JSON document column.
#[derive(Clone)]
enum Col {
    Plain(&'static str),
    Dynamic(&'static str),
    Json(&'static str, String),
}

fn push_col(qb: &mut QueryBuilder<Db>, col: &Col) {
    match col {
        Col::Plain(name) | Col::Dynamic(name) => {
            qb.push(*name);
        }
        Col::Json(doc, key) => dialect::push_json_key(qb, doc, key),
    }
}

/// The column as text, for case-insensitive matching.
fn push_text_of(qb: &mut QueryBuilder<Db>, col: &Col) {
    match col {
        Col::Plain(name) => {
            qb.push(*name);
        }
        Col::Dynamic(name) => dialect::push_dynamic_text(qb, |qb| {
            qb.push(*name);
        }),
        Col::Json(doc, key) => dialect::push_dynamic_text(qb, |qb| dialect::push_json_key(qb, doc, key)),
    }
}

/// `col <op> value`.
fn push_scalar_op(qb: &mut QueryBuilder<Db>, col: &Col, op: Op, value: &Operand) {
    let scalar = scalar_of(value);
    match (op, scalar) {
        (Op::Eq, Some(Scalar::TimeMs(ms))) if ms.rem_euclid(DAY_MS) == 0 => {
            qb.push("(");
            push_col(qb, col);
            qb.push(" >= ");
            push_value(qb, col, &Scalar::TimeMs(ms));
            qb.push(" AND ");
            push_col(qb, col);
            qb.push(" < ");
            push_value(qb, col, &Scalar::TimeMs(ms + DAY_MS));
            qb.push(")");
        }
        (Op::Eq | Op::Lt | Op::Le | Op::Gt | Op::Ge, Some(s)) => {
            let sign = match op {
                Op::Eq => " = ",
                Op::Lt => " < ",
                Op::Le => " <= ",
                Op::Gt => " > ",
                _ => " >= ",
            };
            push_col(qb, col);
            qb.push(sign);
            push_value(qb, col, &s);
        }
        (Op::NotEq, Some(s)) => {
            qb.push("(");
            push_col(qb, col);
            qb.push(" IS NULL OR ");
            push_col(qb, col);
            qb.push(" <> ");
            push_value(qb, col, &s);
            qb.push(")");
        }
        (Op::In, _) => {
            push_col(qb, col);
            qb.push(" IN ");
            push_list(qb, col, &list_of(value));
        }
        (Op::NotIn, _) => {
            qb.push("(");
            push_col(qb, col);
            qb.push(" IS NULL OR ");
            push_col(qb, col);
            qb.push(" NOT IN ");
            push_list(qb, col, &list_of(value));
            qb.push(")");
        }
        (Op::Prefix, Some(Scalar::Text(t))) => {
            // A range, so an index on the column serves it; U+10FFFF sorts after any
            // continuation of the prefix in SQLite's binary collation.
            qb.push("(");
            push_col(qb, col);
            qb.push(" >= ");
            push_value(qb, col, &Scalar::Text(t.clone()));
            qb.push(" AND ");
            push_col(qb, col);
            qb.push(" < ");
            push_value(qb, col, &Scalar::Text(format!("{t}\u{10FFFF}")));
            qb.push(")");
        }
        (Op::Has, Some(Scalar::Text(t))) => push_has(qb, col, &t),
        (Op::Exists, _) => {
            push_col(qb, col);
            qb.push(" IS NOT NULL");
        }
        (Op::NotExists, _) => {
            push_col(qb, col);
            qb.push(" IS NULL");
        }
        _ => {
            qb.push("FALSE");
        }
    }
}

/// Every word of `text` appears in the column, case-insensitively.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn push_has(qb: &mut QueryBuilder<Db>, col: &Col, text: &str) {
    let words = words_of(text);
    if words.is_empty() {
        qb.push("FALSE");
        return;
    }
    qb.push("(");
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            qb.push(" AND ");
        }
        qb.push("lower(");
        push_text_of(qb, col);
        qb.push(") LIKE ")
            .push_bind(format!("%{}%", like_escape(word)))
            .push(" ESCAPE '\\'");
    }
    qb.push(")");
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn push_path(qb: &mut QueryBuilder<Db>, col: &'static str, c: &Condition) {
    match (&c.op, &c.value) {
        (Op::Prefix, Operand::Text(path)) => {
            qb.push("(")
                .push(col)
                .push(" >= ")
                .push_bind(path.clone())
                .push(" AND ")
                .push(col)
                .push(" < ");
            qb.push_bind(prefix_end(path)).push(")");
        }
        _ => push_scalar_op(qb, &Col::Plain(col), c.op, &c.value),
    }
}

fn push_tags(qb: &mut QueryBuilder<Db>, kind: Kind, c: &Condition) {
    let with_user_tags = c.field == Field::Tags;
    let subquery = |qb: &mut QueryBuilder<Db>| {
        qb.push("v.version_id IN (SELECT version_id FROM version_tags WHERE ");
        if !with_user_tags {
            qb.push("is_ai AND ");
        }
    };
    match c.op {
        Op::In | Op::NotIn => {
            if c.op == Op::NotIn {
                qb.push("NOT ");
            }
            push_tags_in(qb, kind, &list_of(&c.value), with_user_tags);
        }
        Op::Exists | Op::NotExists => {
            if c.op == Op::NotExists {
                qb.push("NOT ");
            }
            subquery(qb);
            qb.push("TRUE)");
        }
        Op::Has => {
            let text = match &c.value {
                Operand::Text(t) => t.clone(),
                _ => String::new(),
            };
            let words = words_of(&text);
            if words.is_empty() {
                qb.push("FALSE");
                return;
            }
            qb.push("(");
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    qb.push(" AND ");
                }
                subquery(qb);
                qb.push("lower(tag) LIKE ")
                    .push_bind(format!("%{}%", like_escape(word)))
                    .push(" ESCAPE '\\')");
            }
            qb.push(")");
        }
        _ => {
            qb.push("FALSE");
        }
    }
}

fn push_tags_in(qb: &mut QueryBuilder<Db>, kind: Kind, items: &[Scalar], with_user_tags: bool) {
    if kind == Kind::Folder {
        qb.push("FALSE");
        return;
    }
    qb.push("v.version_id IN (SELECT version_id FROM version_tags WHERE ");
    if !with_user_tags {
        qb.push("is_ai AND ");
    }
    qb.push("tag IN ");
    push_list(qb, &Col::Plain("tag"), items);
    qb.push(")");
}

/// `format` values as MIME types; anything else matches by file extension.
fn mime_of_format(format: &str) -> Option<&'static str> {
    Some(match format {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "tiff" => "image/tiff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        _ => return None,
    })
}

fn push_format(qb: &mut QueryBuilder<Db>, c: &Condition) {
    let formats: Vec<String> = list_of(&c.value)
        .into_iter()
        .filter_map(|s| match s {
            Scalar::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    if formats.is_empty() {
        return push_absent(qb, c.op);
    }
    qb.push(if is_negative(c.op) { "NOT (" } else { "(" });
    for (i, format) in formats.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        qb.push("lower(f.name) LIKE ")
            .push_bind(format!("%.{}", like_escape(format)))
            .push(" ESCAPE '\\'");
        if let Some(mime) = mime_of_format(format) {
            qb.push(" OR v.mime = ").push_bind(mime);
        }
    }
    qb.push(")");
}

/// Conditions on a custom metadata field, through the `custom_values` side table.
fn push_custom(qb: &mut QueryBuilder<Db>, field: &str, c: &Condition) {
    if is_negative(c.op) {
        qb.push("NOT ");
    }
    qb.push("v.version_id IN (SELECT version_id FROM custom_values WHERE field = ")
        .push_bind(field.to_owned());
    let value = json_comparable(&c.value);
    let positive = match c.op {
        Op::NotEq => Op::Eq,
        Op::NotIn => Op::In,
        Op::NotExists => Op::Exists,
        op => op,
    };
    if positive != Op::Exists {
        qb.push(" AND ");
        push_scalar_op(qb, &Col::Dynamic("value"), positive, &value);
    }
    qb.push(")");
}

/// Conditions on an embedded metadata key, read from the JSON document.
/// Equality matches the key's value or, when it holds an array, any element of it.
fn push_json(qb: &mut QueryBuilder<Db>, doc: &'static str, key: &str, c: &Condition) {
    match c.op {
        Op::Eq | Op::NotEq | Op::In | Op::NotIn => {
            if is_negative(c.op) {
                qb.push("NOT ");
            }
            qb.push("EXISTS (SELECT 1 FROM ");
            dialect::push_json_members(qb, doc, key);
            qb.push(" WHERE j.value IN ");
            push_list(qb, &Col::Dynamic("j.value"), &list_of(&json_comparable(&c.value)));
            qb.push(")");
        }
        _ => push_scalar_op(
            qb,
            &Col::Json(doc, key.to_owned()),
            c.op,
            &json_comparable(&c.value),
        ),
    }
}

/// Dates compare as the ISO strings custom metadata stores.
fn json_comparable(value: &Operand) -> Operand {
    let iso = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_default()
    };
    match value {
        Operand::TimeMs(ms) => Operand::Text(iso(*ms)),
        Operand::List(items) => Operand::List(
            items
                .iter()
                .map(|s| match s {
                    Scalar::TimeMs(ms) => Scalar::Text(iso(*ms)),
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}
