//! What a delivery URL names: the file path, an optional version, and the transformation
//! text of the path form (`/tr:…/`, first segment) and of the query form (`?tr=…`).

use percent_encoding::percent_decode_str;

use crate::DeliveryError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The file path, percent-decoded (`/a/b.jpg`).
    pub path: String,
    pub version: Option<String>,
    pub path_transform: Option<String>,
    pub query_transform: Option<String>,
    /// `ik-attachment=true`: answer with `Content-Disposition: attachment`.
    pub attachment: bool,
}

impl Target {
    pub fn parse(relative: &str) -> Result<Target, DeliveryError> {
        let (raw_path, query) = relative.split_once('?').unwrap_or((relative, ""));
        let decoded = |text: &str| percent_decode_str(text).decode_utf8().map(|c| c.into_owned());
        let mut path_transform = None;
        let mut rest = raw_path;
        if let Some((first, tail)) = raw_path.strip_prefix('/').and_then(|after| after.split_once('/')) {
            let first = decoded(first).map_err(|_| DeliveryError::NotFound)?;
            if let Some(tr) = first.strip_prefix("tr:") {
                path_transform = Some(tr.to_owned());
                rest = &raw_path[raw_path.len() - tail.len() - 1..];
            }
        }
        let path = decoded(rest).map_err(|_| DeliveryError::NotFound)?;
        if path.is_empty() || path == "/" {
            return Err(DeliveryError::NotFound);
        }
        let mut target = Target {
            path,
            version: None,
            path_transform,
            query_transform: None,
            attachment: false,
        };
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match name.as_ref() {
                "tr" => target.query_transform = Some(value.into_owned()).filter(|v| !v.is_empty()),
                "ik-obj-version" => target.version = Some(value.into_owned()),
                "ik-attachment" => target.attachment = value == "true",
                _ => {}
            }
        }
        Ok(target)
    }

    /// Whether either form uses a named transformation (`n-…`).
    pub fn names_transformation(&self) -> bool {
        [&self.path_transform, &self.query_transform]
            .iter()
            .filter_map(|t| t.as_deref())
            .any(|t| t.starts_with("n-") || t.contains(",n-") || t.contains(":n-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_and_versions() {
        let t = Target::parse("/tr:w-300,h-200/a/b%20c.jpg?tr=rt-90&ik-obj-version=v1&ik-s=x").ok();
        assert_eq!(
            t,
            Some(Target {
                path: "/a/b c.jpg".into(),
                version: Some("v1".into()),
                path_transform: Some("w-300,h-200".into()),
                query_transform: Some("rt-90".into()),
                attachment: false,
            })
        );
        let plain = Target::parse("/a.jpg").ok();
        assert_eq!(
            plain.map(|t| (t.path.clone(), t.names_transformation())),
            Some(("/a.jpg".into(), false))
        );
        let encoded = Target::parse("/tr%3Aw-10/a.jpg").ok();
        assert_eq!(encoded.and_then(|t| t.path_transform), Some("w-10".into()));
        assert_eq!(
            Target::parse("/tr:w-10").ok().map(|t| t.path),
            Some("/tr:w-10".into())
        );
    }
}
