//! Media-library paths inside parameters (`di-`, layer `i-`, custom fonts in `ff-`): `@@`
//! stands for `/`. Paths are normalised to start with `/` and must not climb out with `..`.

use crate::error::ValueResult;
use crate::percent;

/// `folder@@sub@@file.png` (or `@@folder@@…`, or a decoded `folder/file.png`) →
/// `/folder/sub/file.png`.
pub(crate) fn from_url(s: &str) -> ValueResult<String> {
    let path = s.replace("@@", "/");
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Err("the path is empty.".to_owned());
    }
    if trimmed
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
    {
        return Err("the path must not contain empty, '.' or '..' segments.".to_owned());
    }
    if trimmed.chars().any(char::is_control) {
        return Err("the path must not contain control characters.".to_owned());
    }
    Ok(format!("/{trimmed}"))
}

/// `/folder/file.png` → `folder@@file.png`, percent-encoding anything else unsafe.
pub(crate) fn to_url(path: &str) -> String {
    path.trim_start_matches('/')
        .split('/')
        .map(percent::encode)
        .collect::<Vec<_>>()
        .join("@@")
}
