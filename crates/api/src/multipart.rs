//! Parsing the upload form (multipart, or URL-encoded for text-only uploads) into the
//! library's `UploadForm`, bounded in size while it streams.

use axum::body::Body;
use bytes::Bytes;
use http::HeaderMap;
use library::{FileField, UploadForm};
use multer::{Constraints, Multipart, SizeLimit};

use crate::body::{content_type, is_mime, read_bounded};
use crate::error::ApiError;

/// The whole-body bound for a file limit of `max_file`: base64 text is 4/3 the size of
/// the bytes, plus room for the other fields.
fn body_limit(max_file: u64) -> u64 {
    max_file.saturating_mul(4) / 3 + 1024 * 1024
}

pub async fn read_upload_form(
    headers: &HeaderMap,
    body: Body,
    max_file: u64,
) -> Result<UploadForm, ApiError> {
    let content_type = content_type(headers);
    let limit = body_limit(max_file);
    if is_mime(&content_type, "application/x-www-form-urlencoded") {
        let bytes = read_bounded(body, usize::try_from(limit).unwrap_or(usize::MAX)).await?;
        return url_encoded(&bytes);
    }
    let boundary = multer::parse_boundary(&content_type)
        .map_err(|_| ApiError::bad_request("Upload requests must be sent as multipart/form-data."))?;
    let constraints = Constraints::new().size_limit(SizeLimit::new().whole_stream(limit));
    let mut multipart = Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut form = UploadForm::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        let has_file_name = field.file_name().is_some();
        let data = field.bytes().await.map_err(multipart_error)?;
        if name == "file" {
            // An empty text part is a `file` left blank in a form, not an empty file.
            if data.is_empty() && !has_file_name {
                continue;
            }
            if form.file.is_some() {
                return Err(duplicate(&name));
            }
            form.file = Some(file_field(data, has_file_name));
        } else {
            let text = String::from_utf8(data.to_vec()).map_err(|_| {
                ApiError::bad_request(format!(
                    "Your request contains invalid {name} parameter. It must be UTF-8 text."
                ))
            })?;
            if form.fields.insert(name.clone(), text).is_some() {
                return Err(duplicate(&name));
            }
        }
    }
    Ok(form)
}

fn url_encoded(bytes: &Bytes) -> Result<UploadForm, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes)
        .map_err(|_| ApiError::bad_request("Your request contains an invalid form body."))?;
    let mut form = UploadForm::default();
    for (name, value) in pairs {
        if name == "file" {
            if form.file.replace(FileField::Text(value)).is_some() {
                return Err(duplicate(&name));
            }
        } else if form.fields.insert(name.clone(), value).is_some() {
            return Err(duplicate(&name));
        }
    }
    Ok(form)
}

/// A part with a file name is bytes; one without is text (a URL, data URI or base64)
/// when it reads as such, and bytes otherwise.
fn file_field(data: Bytes, has_file_name: bool) -> FileField {
    if has_file_name {
        return FileField::Binary(data);
    }
    match std::str::from_utf8(&data) {
        Ok(text) if looks_textual(text) => FileField::Text(text.to_owned()),
        _ => FileField::Binary(data),
    }
}

fn looks_textual(text: &str) -> bool {
    let t = text.trim();
    // Any URL, so that one this server does not fetch (`file://…`) is refused as such
    // rather than stored as the text of its address.
    library::url_scheme(t).is_some()
        || t.starts_with("data:")
        || (!t.is_empty()
            && t.bytes().all(|b| {
                b.is_ascii_alphanumeric()
                    || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
                    || b.is_ascii_whitespace()
            }))
}

fn duplicate(name: &str) -> ApiError {
    ApiError::bad_request(format!(
        "Your request contains the {name} parameter more than once."
    ))
}

fn multipart_error(e: multer::Error) -> ApiError {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => ApiError::new(
            http::StatusCode::PAYLOAD_TOO_LARGE,
            "Your request contains invalid file parameter. The file size exceeds limits.",
        ),
        other => ApiError::bad_request(format!(
            "Your request contains a malformed multipart body: {other}."
        )),
    }
}
