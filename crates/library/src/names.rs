//! Sanitising of file names, folder paths and tags the way ImageKit does it, plus the
//! random suffix of `useUniqueFileName`.

use rand::RngExt;

use crate::{LibraryError, LibraryResult};

const MAX_NAME_CHARS: usize = 255;
const MAX_FOLDER_DEPTH: usize = 50;
const MAX_TAG_CHARS: usize = 500;

/// Letters and digits (any script), `.` and `-` stay; everything else becomes `_`.
pub fn sanitize_file_name(raw: &str) -> LibraryResult<String> {
    let name: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.chars().all(|c| c == '.') || name.chars().count() > MAX_NAME_CHARS {
        return Err(LibraryError::InvalidParameter(
            "Your request contains invalid fileName parameter.".into(),
        ));
    }
    Ok(name)
}

/// Normalises a folder to `/a/b/` form: letters, digits, `_` and `-` stay, other characters
/// become `_`, empty segments go, so no `.` or `..` segment can survive.
pub fn sanitize_folder(raw: &str) -> LibraryResult<String> {
    let segments: Vec<String> = raw
        .split('/')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim()
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '_' || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        })
        .collect();
    if segments.len() > MAX_FOLDER_DEPTH {
        return Err(LibraryError::InvalidParameter(format!(
            "Your request contains invalid folder parameter. Folders can be nested at most {MAX_FOLDER_DEPTH} levels deep."
        )));
    }
    let mut folder = String::from("/");
    for segment in segments {
        folder.push_str(&segment);
        folder.push('/');
    }
    Ok(folder)
}

/// Inserts `_` plus nine URL-safe random characters before the extension.
pub fn unique_name(name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut rng = rand::rng();
    let suffix: String = (0..9)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{}_{}{}", &name[..dot], suffix, &name[dot..]),
        _ => format!("{name}_{suffix}"),
    }
}

/// Splits a comma-separated tag list, enforcing ImageKit's limits.
pub fn parse_tags(raw: &str) -> LibraryResult<Option<Vec<String>>> {
    let tags: Vec<String> = raw
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    if tags.iter().any(|t| t.contains('%')) {
        return Err(LibraryError::InvalidParameter(
            "Your request contains invalid tags parameter. Tags cannot contain the % character.".into(),
        ));
    }
    if tags.iter().map(|t| t.chars().count()).sum::<usize>() > MAX_TAG_CHARS {
        return Err(LibraryError::InvalidParameter(format!(
            "Your request contains invalid tags parameter. The combined length of tags cannot exceed {MAX_TAG_CHARS} characters."
        )));
    }
    Ok(if tags.is_empty() { None } else { Some(tags) })
}

/// `x,y,width,height` as non-negative integers.
pub fn parse_custom_coordinates(raw: &str) -> LibraryResult<Option<String>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if parts.len() != 4 || parts.iter().any(|p| p.parse::<u32>().is_err()) {
        return Err(LibraryError::InvalidParameter(
            "Your request contains invalid customCoordinates parameter. Use x,y,width,height with non-negative integers.".into(),
        ));
    }
    Ok(Some(parts.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_digits_dot_dash() {
        assert_eq!(
            sanitize_file_name("my cat (1).jpg").ok(),
            Some("my_cat__1_.jpg".into())
        );
        assert_eq!(sanitize_file_name("файл.png").ok(), Some("файл.png".into()));
        assert_eq!(
            sanitize_file_name("../etc/passwd").ok(),
            Some(".._etc_passwd".into())
        );
        assert!(sanitize_file_name("..").is_err());
        assert!(sanitize_file_name("  ").is_err());
    }

    #[test]
    fn folders_lose_traversal_and_gain_slashes() {
        assert_eq!(sanitize_folder("").ok(), Some("/".into()));
        assert_eq!(sanitize_folder("a/b").ok(), Some("/a/b/".into()));
        assert_eq!(sanitize_folder("/../etc//x.y/").ok(), Some("/__/etc/x_y/".into()));
        assert!(sanitize_folder(&"a/".repeat(51)).is_err());
    }

    #[test]
    fn unique_names_keep_extension() {
        let n = unique_name("cat.jpg");
        assert!(n.starts_with("cat_") && n.ends_with(".jpg") && n.len() == "cat_.jpg".len() + 9);
        assert_eq!(unique_name("README").len(), "README_".len() + 9);
    }

    #[test]
    fn tags_and_coordinates_are_checked() {
        assert_eq!(
            parse_tags("a, b,,c").ok(),
            Some(Some(vec!["a".into(), "b".into(), "c".into()]))
        );
        assert!(parse_tags("50%").is_err());
        assert!(parse_tags(&"x".repeat(501)).is_err());
        assert_eq!(
            parse_custom_coordinates("1, 2,3,4").ok(),
            Some(Some("1,2,3,4".into()))
        );
        assert!(parse_custom_coordinates("1,2,3").is_err());
        assert!(parse_custom_coordinates("a,b,c,d").is_err());
    }
}
