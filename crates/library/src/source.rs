//! Turns the upload's `file` field into bytes: a binary part as is, a text part as an
//! http(s) URL to fetch, a data URI, or a base64 string. Every path is size-bounded.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use bytes::{Bytes, BytesMut};
use tokio::time::timeout;

use std::net::SocketAddr;

use crate::url_guard::{is_public, non_public_kind};
use crate::{FileField, LibraryError, LibraryResult, LibrarySettings};

const MAX_REDIRECTS: usize = 5;

pub async fn resolve(field: FileField, settings: &LibrarySettings) -> LibraryResult<Bytes> {
    let bytes = match field {
        FileField::Binary(bytes) => bytes,
        FileField::Text(text) => {
            let text = text.trim();
            if let Some(scheme) = url_scheme(text) {
                if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                    return Err(invalid_file("Only http and https URLs can be uploaded."));
                }
                fetch(text, settings).await?
            } else if let Some(rest) = text.strip_prefix("data:") {
                decode_data_uri(rest)?
            } else {
                decode_base64(text)?
            }
        }
    };
    if bytes.len() as u64 > settings.max_upload_bytes {
        return Err(LibraryError::FileTooLarge);
    }
    Ok(bytes)
}

/// The scheme of a text `file` that is a URL (`https://…`, but also `file:///…`, which is
/// refused). Base64 never holds `:`, so no encoded file content looks like this; the
/// text must be one word, as a URL is.
pub fn url_scheme(text: &str) -> Option<&str> {
    if text.trim().contains(char::is_whitespace) {
        return None;
    }
    let (scheme, _) = text.trim().split_once("://")?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

fn invalid_file(detail: &str) -> LibraryError {
    LibraryError::InvalidParameter(format!("Your request contains invalid file parameter. {detail}"))
}

fn decode_base64(text: &str) -> LibraryResult<Bytes> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&compact).ok())
        .map(Bytes::from)
        .ok_or_else(|| {
            invalid_file("A text file parameter must be an http(s) URL, a data URI or base64-encoded bytes.")
        })
}

fn decode_data_uri(rest: &str) -> LibraryResult<Bytes> {
    let (meta, data) = rest
        .split_once(',')
        .ok_or_else(|| invalid_file("The data URI has no comma before its data."))?;
    if meta.split(';').any(|p| p.eq_ignore_ascii_case("base64")) {
        decode_base64(data)
    } else {
        let decoded: Vec<u8> = percent_decode(data);
        Ok(Bytes::from(decoded))
    }
}

fn percent_decode(data: &str) -> Vec<u8> {
    url::form_urlencoded::parse(format!("d={}", data.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default()
}

/// Downloads a URL upload within the total time allowed, redirects included.
async fn fetch(start: &str, settings: &LibrarySettings) -> LibraryResult<Bytes> {
    timeout(settings.url_total_timeout, follow(start, settings))
        .await
        .map_err(|_| invalid_file("The file URL took too long to download."))?
}

/// Follows at most `MAX_REDIRECTS` redirects, checking each target as the first.
async fn follow(start: &str, settings: &LibrarySettings) -> LibraryResult<Bytes> {
    let mut current = url::Url::parse(start).map_err(|_| invalid_file("The file URL is not a valid URL."))?;
    for _ in 0..=MAX_REDIRECTS {
        let client = pinned_client(&current, settings).await?;
        let response = timeout(settings.url_header_timeout, client.get(current.clone()).send())
            .await
            .map_err(|_| invalid_file("The file URL did not answer in time."))?
            .map_err(|_| invalid_file("The file URL could not be fetched."))?;
        if let Some(next) = redirect_target(&current, &response)? {
            current = next;
            continue;
        }
        if !response.status().is_success() {
            return Err(invalid_file(&format!(
                "The file URL answered HTTP {}.",
                response.status().as_u16()
            )));
        }
        return read_bounded(response, settings.max_upload_bytes).await;
    }
    Err(invalid_file("The file URL redirected too many times."))
}

fn redirect_target(current: &url::Url, response: &reqwest::Response) -> LibraryResult<Option<url::Url>> {
    use reqwest::StatusCode as S;
    let status = response.status();
    if !matches!(
        status,
        S::MOVED_PERMANENTLY | S::FOUND | S::SEE_OTHER | S::TEMPORARY_REDIRECT | S::PERMANENT_REDIRECT
    ) {
        return Ok(None);
    }
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| invalid_file("The file URL redirected without a location."))?;
    current
        .join(location)
        .map(Some)
        .map_err(|_| invalid_file("The file URL redirected to an invalid URL."))
}

/// A client that connects only to an address of `url`'s host that passed the check, with
/// no proxy (a proxy would resolve the name again, where the check cannot follow).
async fn pinned_client(url: &url::Url, settings: &LibrarySettings) -> LibraryResult<reqwest::Client> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid_file("Only http and https URLs can be uploaded."));
    }
    let host = url
        .host_str()
        .ok_or_else(|| invalid_file("The file URL has no host."))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let lookup_host = host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = timeout(
        settings.url_header_timeout,
        tokio::net::lookup_host((lookup_host, port)),
    )
    .await
    .map_err(|_| invalid_file("The file URL's host could not be resolved in time."))?
    .map_err(|_| invalid_file("The file URL's host could not be resolved."))?
    .collect();
    let allowed = pick_address(lookup_host, &addrs, settings)?;
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .resolve(lookup_host, allowed)
        .connect_timeout(settings.url_header_timeout)
        .build()
        .map_err(|e| LibraryError::Internal(format!("http client: {e}")))
}

/// The first resolved address the policy lets through, or a refusal naming what the host
/// resolved to.
fn pick_address(host: &str, addrs: &[SocketAddr], settings: &LibrarySettings) -> LibraryResult<SocketAddr> {
    let permitted = |a: &SocketAddr| {
        settings.allow_private_urls || is_public(a.ip()) || settings.url_allow.allows(host, *a)
    };
    if let Some(found) = addrs.iter().find(|a| permitted(a)) {
        return Ok(*found);
    }
    let Some(first) = addrs.first() else {
        return Err(invalid_file("The file URL's host has no address."));
    };
    let kind = non_public_kind(first.ip()).unwrap_or("non-public");
    Err(invalid_file(&format!(
        "The file URL resolves to {} ({kind} address), which this server does not fetch; private or loopback hosts need upload_url_allow.",
        first.ip()
    )))
}

async fn read_bounded(mut response: reqwest::Response, max: u64) -> LibraryResult<Bytes> {
    if response.content_length().is_some_and(|len| len > max) {
        return Err(LibraryError::FileTooLarge);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|_| invalid_file("The file URL's download was interrupted."))?
    {
        if (body.len() + chunk.len()) as u64 > max {
            return Err(LibraryError::FileTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> LibrarySettings {
        LibrarySettings::new("http://x/media", 16)
    }

    #[tokio::test]
    async fn text_forms_decode() {
        let s = settings();
        let b64 = resolve(FileField::Text("aGVsbG8=".into()), &s).await.ok();
        assert_eq!(b64.as_deref(), Some(&b"hello"[..]));
        let uri = resolve(FileField::Text("data:text/plain;base64,aGVsbG8=".into()), &s)
            .await
            .ok();
        assert_eq!(uri.as_deref(), Some(&b"hello"[..]));
        let plain = resolve(FileField::Text("data:,a%20b".into()), &s).await.ok();
        assert_eq!(plain.as_deref(), Some(&b"a b"[..]));
        assert!(
            resolve(FileField::Text("not base64 at all!".into()), &s)
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn size_limit_and_private_urls_are_enforced() {
        let s = settings();
        let big = FileField::Binary(Bytes::from(vec![0u8; 17]));
        assert!(matches!(resolve(big, &s).await, Err(LibraryError::FileTooLarge)));
        let local = FileField::Text("http://127.0.0.1:9/x.png".into());
        let err = resolve(local, &s)
            .await
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("127.0.0.1 (loopback address)"), "{err}");
    }
}
