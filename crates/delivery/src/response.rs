//! The HTTP answer for a delivered response: validators, conditional GET and single
//! byte ranges (several ranges get the whole body, which RFC 9110 allows).

use bytes::Bytes;
use http::header::{
    ACCEPT_RANGES, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, ETAG, HeaderMap, HeaderValue,
    IF_NONE_MATCH, LAST_MODIFIED, RANGE,
};
use http::{Response, StatusCode};
use http_range_header::parse_range_header;

use crate::{DeliveryError, Served};

const CACHE_CONTROL_VALUE: &str = "public, max-age=31536000";

pub fn build_response(
    served: &Served,
    request: &HeaderMap,
    head: bool,
) -> Result<Response<Bytes>, DeliveryError> {
    let cached = &served.response;
    let size = cached.body.len() as u64;
    // Sized for these headers plus the request id and CORS headers added on the way out:
    // a map that grows while headers go in rehashes, which a hit paid for every time.
    let mut headers = HeaderMap::with_capacity(HEADER_CAPACITY);
    if let Ok(etag) = HeaderValue::from_str(&cached.etag) {
        headers.insert(ETAG, etag);
    }
    headers.insert(LAST_MODIFIED, http_date(cached.last_modified));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL_VALUE));
    headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(
        X_CACHE,
        HeaderValue::from_static(if served.cache_hit { "HIT" } else { "MISS" }),
    );
    if served.vary_accept {
        headers.insert(http::header::VARY, HeaderValue::from_static("Accept"));
    }
    if let Some(name) = &served.attachment
        && let Ok(value) =
            HeaderValue::from_str(&format!("attachment; filename=\"{}\"", name.replace('"', "")))
    {
        headers.insert(http::header::CONTENT_DISPOSITION, value);
    }
    let not_modified = match request.get(IF_NONE_MATCH) {
        Some(tags) => etag_matches(Some(tags), &cached.etag),
        None => unchanged_since(request.get(http::header::IF_MODIFIED_SINCE), cached.last_modified),
    };
    if not_modified {
        return Ok(respond(StatusCode::NOT_MODIFIED, headers, Bytes::new()));
    }
    headers.insert(CONTENT_TYPE, content_type(&cached.content_type));
    let (status, body) = match single_range(request.get(RANGE), size)? {
        Some((start, end)) => {
            if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")) {
                headers.insert(CONTENT_RANGE, value);
            }
            let slice = cached
                .body
                .slice(usize::try_from(start).unwrap_or(0)..usize::try_from(end + 1).unwrap_or(0));
            (StatusCode::PARTIAL_CONTENT, slice)
        }
        None => (StatusCode::OK, cached.body.clone()),
    };
    headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    Ok(respond(status, headers, if head { Bytes::new() } else { body }))
}

const HEADER_CAPACITY: usize = 16;

const X_CACHE: http::HeaderName = http::HeaderName::from_static("x-cache");

fn respond(status: StatusCode, headers: HeaderMap, body: Bytes) -> Response<Bytes> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

fn content_type(mime: &str) -> HeaderValue {
    HeaderValue::from_str(mime).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

fn http_date(ms: i64) -> HeaderValue {
    let secs = u64::try_from(ms / 1000).unwrap_or(0);
    // Hits of one hot file ask for the same date over and over; formatting it was a fifth
    // of building the answer.
    LAST_DATE.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((at, value)) = last.as_ref()
            && *at == secs
        {
            return value.clone();
        }
        let text = httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        let value = HeaderValue::from_str(&text)
            .unwrap_or_else(|_| HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
        *last = Some((secs, value.clone()));
        value
    })
}

thread_local! {
    static LAST_DATE: std::cell::RefCell<Option<(u64, HeaderValue)>> = const { std::cell::RefCell::new(None) };
}

/// `If-Modified-Since` at or after the last change (HTTP dates have whole seconds).
fn unchanged_since(header: Option<&HeaderValue>, last_modified_ms: i64) -> bool {
    let Some(since) = header
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
    else {
        return false;
    };
    let since_secs = since
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    u64::try_from(last_modified_ms / 1000).is_ok_and(|modified| modified <= since_secs)
}

fn etag_matches(header: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(value) = header.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    value
        .split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == etag)
}

/// The one range to serve, `None` for the whole body; an unsatisfiable range is an error.
fn single_range(header: Option<&HeaderValue>, size: u64) -> Result<Option<(u64, u64)>, DeliveryError> {
    let Some(value) = header.and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let Ok(parsed) = parse_range_header(value) else {
        return Ok(None);
    };
    match parsed.validate(size) {
        Ok(ranges) if ranges.len() == 1 => Ok(ranges.first().map(|r| (*r.start(), *r.end()))),
        Ok(_) => Ok(None),
        Err(_) => Err(DeliveryError::RangeNotSatisfiable { size }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::CachedResponse;

    fn served() -> Served {
        Served {
            response: CachedResponse {
                body: Bytes::from_static(b"0123456789abcdef"),
                content_type: "image/png".into(),
                etag: "\"v1\"".into(),
                last_modified: 1_700_000_000_000,
                private: false,
                file_path: String::new(),
            },
            cache_hit: false,
            vary_accept: false,
            attachment: None,
        }
    }

    fn headers(name: http::header::HeaderName, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn ranges_and_validators() {
        let full = build_response(&served(), &HeaderMap::new(), false).ok();
        assert_eq!(full.as_ref().map(|r| r.status()), Some(StatusCode::OK));
        assert_eq!(full.map(|r| r.body().len()), Some(16));

        let part = build_response(&served(), &headers(RANGE, "bytes=2-5"), false).ok();
        assert_eq!(
            part.as_ref().map(|r| r.status()),
            Some(StatusCode::PARTIAL_CONTENT)
        );
        assert_eq!(
            part.as_ref().map(|r| r.body().clone()),
            Some(Bytes::from_static(b"2345"))
        );
        assert_eq!(
            part.as_ref()
                .and_then(|r| r.headers().get(CONTENT_RANGE))
                .map(|v| v.as_bytes().to_vec()),
            Some(b"bytes 2-5/16".to_vec())
        );

        let bad = build_response(&served(), &headers(RANGE, "bytes=100-200"), false);
        assert!(matches!(
            bad,
            Err(DeliveryError::RangeNotSatisfiable { size: 16 })
        ));

        let since = headers(http::header::IF_MODIFIED_SINCE, "Wed, 15 Nov 2023 00:00:00 GMT");
        assert_eq!(
            build_response(&served(), &since, false).ok().map(|r| r.status()),
            Some(StatusCode::NOT_MODIFIED)
        );
        let before = headers(http::header::IF_MODIFIED_SINCE, "Mon, 13 Nov 2023 00:00:00 GMT");
        assert_eq!(
            build_response(&served(), &before, false).ok().map(|r| r.status()),
            Some(StatusCode::OK)
        );
        let not_modified = build_response(&served(), &headers(IF_NONE_MATCH, "\"v1\""), false).ok();
        assert_eq!(not_modified.map(|r| r.status()), Some(StatusCode::NOT_MODIFIED));

        let head = build_response(&served(), &HeaderMap::new(), true).ok();
        assert_eq!(head.as_ref().map(|r| r.body().len()), Some(0));
        assert_eq!(
            head.and_then(|r| r.headers().get(CONTENT_LENGTH).cloned()),
            Some(HeaderValue::from_static("16"))
        );
    }
}
