//! List and search (`GET /v1/files`): validates the query parameters with ImageKit's
//! messages, parses `searchQuery`, and asks the store for one page.

use query::{Expr, Field, Operand, Scalar};
use store::{Kinds, ListItem, ListQuery, SortKey};

use crate::names::sanitize_folder;
use crate::{Library, LibraryError, LibraryResult, now_ms};

const MAX_LIMIT: i64 = 1000;

impl Library {
    /// `raw_query` is the request's query string as received (form-encoded, `+` = space).
    pub async fn list(&self, raw_query: &str) -> LibraryResult<Vec<ListItem>> {
        let query = parse_params(raw_query, now_ms())?;
        Ok(self.meta.list(&query).await?)
    }
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub fn parse_params(raw_query: &str, now: i64) -> LibraryResult<ListQuery> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw_query.as_bytes())
        .into_owned()
        .collect();
    let get = |name: &str| param(&pairs, name).map(str::trim).filter(|v| !v.is_empty());
    let filter = match get("searchQuery") {
        None => None,
        Some(text) => Some(query::parse(text, now).map_err(|e| {
            LibraryError::invalid(format!(
                "Your request contains invalid syntax for the searchQuery parameter: {e}."
            ))
        })?),
    };
    let kinds = match &filter {
        Some(expr) => Kinds {
            files: true,
            versions: mentions_versions(expr),
            folders: true,
        },
        None => kinds_of(
            get("type").unwrap_or("file"),
            get("includeFolder") == Some("true"),
        )?,
    };
    let (sort, descending) = parse_sort(get("sort").unwrap_or("ASC_CREATED"))?;
    let file_type = match get("fileType").unwrap_or("all") {
        "all" => None,
        t @ ("image" | "non-image") => Some(t.to_owned()),
        _ => {
            return Err(LibraryError::invalid(
                "Your request contains invalid value for fileType parameter. Please provide one of the following: all, image, non-image.",
            ));
        }
    };
    let limit = integer(get("limit"), MAX_LIMIT, "limit")?;
    if limit < 1 {
        return Err(LibraryError::invalid(format!(
            "Minimum value of limit parameter is 1. Value sent is {limit}."
        )));
    }
    if limit > MAX_LIMIT {
        return Err(LibraryError::invalid(format!(
            "Maximum value of limit parameter is 1000. Value sent is {limit}."
        )));
    }
    let skip = integer(get("skip"), 0, "skip")?;
    if skip < 0 {
        return Err(LibraryError::invalid(format!(
            "The value of skip parameter should be greater than or equal to 0. Value sent is {skip}."
        )));
    }
    let path = get("path").map(sanitize_folder).transpose()?;
    let legacy = filter.is_none();
    let any_tags = get("tags").filter(|_| legacy).map(|t| {
        t.split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    });
    Ok(ListQuery {
        kinds,
        path,
        file_type,
        filter,
        any_tags,
        name: get("name").filter(|_| legacy).map(str::to_owned),
        sort,
        descending,
        limit,
        skip,
        now_ms: now,
    })
}

fn kinds_of(kind: &str, include_folder: bool) -> LibraryResult<Kinds> {
    Ok(match kind {
        "file" => Kinds {
            files: true,
            versions: false,
            folders: include_folder,
        },
        "file-version" => Kinds {
            files: false,
            versions: true,
            folders: false,
        },
        "folder" => Kinds {
            files: false,
            versions: false,
            folders: true,
        },
        "all" => Kinds {
            files: true,
            versions: false,
            folders: true,
        },
        _ => {
            return Err(LibraryError::invalid(
                "Your request contains invalid value for type parameter. Please provide one of the following: file, file-version, folder, all.",
            ));
        }
    })
}

fn parse_sort(sort: &str) -> LibraryResult<(SortKey, bool)> {
    let invalid = || LibraryError::invalid("Your request contains invalid value for sort parameters.");
    let (direction, key) = sort.split_once('_').ok_or_else(invalid)?;
    let descending = match direction {
        "ASC" => false,
        "DESC" => true,
        _ => return Err(invalid()),
    };
    let key = match key {
        "NAME" => SortKey::Name,
        "CREATED" | "RELEVANCE" => SortKey::Created,
        "UPDATED" => SortKey::Updated,
        "HEIGHT" => SortKey::Height,
        "WIDTH" => SortKey::Width,
        "SIZE" => SortKey::Size,
        _ => return Err(invalid()),
    };
    Ok((key, descending))
}

fn integer(value: Option<&str>, default: i64, name: &str) -> LibraryResult<i64> {
    match value {
        None => Ok(default),
        Some(v) => v.parse::<i64>().map_err(|_| {
            LibraryError::invalid(format!(
                "Your request contains invalid value for {name} parameter."
            ))
        }),
    }
}

/// Whether the query asks for file versions (`type = "file-version"` anywhere).
fn mentions_versions(expr: &Expr) -> bool {
    match expr {
        Expr::And(children) | Expr::Or(children) => children.iter().any(mentions_versions),
        Expr::Cond(c) if c.field == Field::Type => match &c.value {
            Operand::Text(t) => t == "file-version",
            Operand::List(items) => items
                .iter()
                .any(|s| matches!(s, Scalar::Text(t) if t == "file-version")),
            _ => false,
        },
        Expr::Cond(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(raw: &str) -> String {
        parse_params(raw, 0)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn spec_messages_for_bad_parameters() {
        assert_eq!(
            message("skip=-1"),
            "The value of skip parameter should be greater than or equal to 0. Value sent is -1."
        );
        assert_eq!(
            message("limit=0"),
            "Minimum value of limit parameter is 1. Value sent is 0."
        );
        assert_eq!(
            message("limit=2000"),
            "Maximum value of limit parameter is 1000. Value sent is 2000."
        );
        assert_eq!(
            message("sort=UP_NAME"),
            "Your request contains invalid value for sort parameters."
        );
        assert!(message("type=x").starts_with("Your request contains invalid value for type parameter."));
        assert!(message("searchQuery=name+%3D").contains("searchQuery"));
    }

    #[test]
    fn defaults_and_search_kinds() {
        let q = parse_params("", 0).ok();
        assert!(
            q.as_ref()
                .is_some_and(|q| q.kinds.files && !q.kinds.folders && q.limit == 1000 && q.skip == 0)
        );
        let q = parse_params("searchQuery=type+%3D+%22file-version%22&type=folder", 0).ok();
        assert!(q.is_some_and(|q| q.kinds.versions && q.kinds.files));
        let q = parse_params("path=%2Fa%2Fb&sort=DESC_SIZE", 0).ok();
        assert!(
            q.is_some_and(|q| q.path.as_deref() == Some("/a/b/") && q.descending && q.sort == SortKey::Size)
        );
    }
}
