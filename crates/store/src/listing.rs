//! What a listing asks for (backend-neutral): which kinds of rows, one folder level, a
//! parsed searchQuery, sorting and paging. Each backend compiles it to SQL with bound
//! parameters only.

use query::Expr;

use crate::{FileRecord, FolderRecord};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Created,
    Updated,
    Height,
    Width,
    Size,
}

#[derive(Debug, Clone, Default)]
pub struct Kinds {
    pub files: bool,
    pub versions: bool,
    pub folders: bool,
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub kinds: Kinds,
    /// One folder level (`/a/b/`): files directly in it and folders directly under it.
    pub path: Option<String>,
    /// `image` or `non-image`.
    pub file_type: Option<String>,
    pub filter: Option<Expr>,
    /// Legacy `tags` parameter: any of these in tags or AI tags.
    pub any_tags: Option<Vec<String>>,
    /// Legacy `name` parameter: exact name.
    pub name: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    pub limit: i64,
    pub skip: i64,
    /// "Now" for relative dates in the filter, in Unix milliseconds.
    pub now_ms: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListItem {
    File(Box<FileRecord>),
    Folder(FolderRecord),
}
