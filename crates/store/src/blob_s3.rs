//! The S3 blob store: any S3-compatible server through `object_store`'s `AmazonS3`, with a
//! key prefix so several deployments (or test runs) can share one bucket.

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use object_store::{BackoffConfig, ClientOptions, ObjectStore, RetryConfig};

use crate::{ObjectBlobStore, StoreError, StoreResult};

/// Where and how to reach the S3 server; credentials come from the `AWS_*` environment.
#[derive(Debug, Clone, Default)]
pub struct S3Settings {
    /// A custom endpoint (SeaweedFS, Garage, MinIO, R2…); `None` is AWS itself, or
    /// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT` when set.
    pub endpoint: Option<String>,
    /// Overrides `AWS_REGION` / `AWS_DEFAULT_REGION`.
    pub region: Option<String>,
    /// Bucket in the path (`http://host/bucket/key`) rather than in the host name. `None`:
    /// path-style exactly when a custom endpoint is set, since most self-hosted servers
    /// have no wildcard DNS for virtual hosts.
    pub path_style: Option<bool>,
    /// Access key id and secret, instead of `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
    pub credentials: Option<(String, String)>,
}

/// A parsed `s3://bucket/prefix` location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Without leading or trailing slashes; empty for the bucket's root.
    pub prefix: String,
}

impl S3Location {
    pub fn parse(url: &str) -> StoreResult<Self> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| StoreError::Config(format!("not an s3:// URL: {url}")))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(StoreError::Config(format!("no bucket in {url}")));
        }
        Ok(Self {
            bucket: bucket.to_owned(),
            prefix: prefix.trim_matches('/').to_owned(),
        })
    }
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.prefix)
    }
}

// A stalled server must fail a request rather than hang an upload or a render; 25 MB
// originals at a few MB/s fit well inside the request timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

fn retry_config() -> RetryConfig {
    // object_store retries 5xx, throttling and connection errors (not 4xx such as a bad
    // signature); the total bound keeps a client's request from waiting minutes.
    RetryConfig {
        backoff: BackoffConfig::default(),
        max_retries: 4,
        retry_timeout: Duration::from_secs(30),
    }
}

impl ObjectBlobStore {
    /// A store in `url` (`s3://bucket/prefix`); every key is put under the prefix.
    pub fn s3(url: &str, settings: &S3Settings) -> StoreResult<Self> {
        let location = S3Location::parse(url)?;
        let s3 = s3_builder(&location, settings).build()?;
        let store: Arc<dyn ObjectStore> = if location.prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(PrefixStore::new(s3, location.prefix.as_str()))
        };
        Ok(Self::new(store))
    }
}

fn s3_builder(location: &S3Location, settings: &S3Settings) -> AmazonS3Builder {
    let endpoint = settings.endpoint.clone().or_else(endpoint_from_env);
    let mut builder = AmazonS3Builder::from_env()
        .with_bucket_name(&location.bucket)
        .with_retry(retry_config())
        .with_client_options(
            ClientOptions::new()
                .with_connect_timeout(CONNECT_TIMEOUT)
                .with_timeout(REQUEST_TIMEOUT)
                .with_allow_http(endpoint.as_deref().is_some_and(|e| e.starts_with("http://"))),
        );
    if let Some(region) = &settings.region {
        builder = builder.with_region(region);
    }
    if let Some((id, secret)) = &settings.credentials {
        builder = builder.with_access_key_id(id).with_secret_access_key(secret);
    }
    let path_style = settings.path_style.unwrap_or(endpoint.is_some());
    builder = builder.with_virtual_hosted_style_request(!path_style);
    if let Some(endpoint) = endpoint {
        builder = builder.with_endpoint(endpoint);
    }
    builder
}

fn endpoint_from_env() -> Option<String> {
    ["AWS_ENDPOINT_URL", "AWS_ENDPOINT"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse() {
        let parsed = S3Location::parse("s3://media/prod/eu/").ok();
        assert_eq!(
            parsed,
            Some(S3Location {
                bucket: "media".into(),
                prefix: "prod/eu".into()
            })
        );
        let root = S3Location::parse("s3://media").ok().map(|l| l.prefix);
        assert_eq!(root.as_deref(), Some(""));
        assert!(S3Location::parse("s3:///x").is_err());
        assert!(S3Location::parse("/var/data").is_err());
    }

    #[test]
    fn a_custom_endpoint_is_path_style_unless_told_otherwise() {
        use object_store::aws::AmazonS3ConfigKey as Key;
        let location = S3Location {
            bucket: "b".into(),
            prefix: String::new(),
        };
        let custom = S3Settings {
            endpoint: Some("http://127.0.0.1:8333".into()),
            ..S3Settings::default()
        };
        let virtual_hosted = |settings: &S3Settings| {
            s3_builder(&location, settings).get_config_value(&Key::VirtualHostedStyleRequest)
        };
        assert_eq!(virtual_hosted(&custom).as_deref(), Some("false"));
        let told = S3Settings {
            path_style: Some(false),
            ..custom.clone()
        };
        assert_eq!(virtual_hosted(&told).as_deref(), Some("true"));
        let endpoint = s3_builder(&location, &custom).get_config_value(&Key::Endpoint);
        assert_eq!(endpoint.as_deref(), Some("http://127.0.0.1:8333"));
    }
}
