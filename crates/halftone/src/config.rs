//! Settings, layered: defaults → `halftone.toml` → `HALFTONE_*` environment → flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytesize::ByteSize;
use chrono::{DateTime, Utc};
use clap::Args;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Address the server binds; loopback by default.
    pub listen: SocketAddr,
    /// Where the embedded store keeps its database, bytes and generated keys. With
    /// `database_url` and an S3 `store` it holds the generated keys only.
    pub data_dir: PathBuf,
    /// Where originals and the shared tier of the delivery cache live: `s3://bucket/prefix`
    /// or a local folder. Default: the data dir.
    pub store: Option<String>,
    /// The S3 server's endpoint for a custom (non-AWS) server; falls back to
    /// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT`. Credentials come from the `AWS_*` variables.
    pub s3_endpoint: Option<String>,
    /// The S3 region; falls back to `AWS_REGION` / `AWS_DEFAULT_REGION`.
    pub s3_region: Option<String>,
    /// Bucket in the path rather than the host name; default: on with a custom endpoint.
    pub s3_path_style: Option<bool>,
    /// The metadata store: `postgres://…`; default: SQLite in the data dir.
    pub database_url: Option<String>,
    /// The private API key; generated and kept in the data dir when unset.
    pub private_key: Option<String>,
    /// The public API key; generated and kept in the data dir when unset.
    pub public_key: Option<String>,
    /// Public base URL of delivery; its path is where delivery is mounted.
    /// Default: `http://<listen>/media`.
    pub url_endpoint: Option<String>,
    /// Largest file one upload may store.
    pub max_upload_size: ByteSize,
    /// Memory the delivery cache may hold. 8 MiB by default: the disk tier behind it is read
    /// through the OS page cache, and each MiB here costs a little more than a MiB of resident
    /// memory (docs/benchmarks.md, "Peak RSS, attributed").
    pub cache_size: ByteSize,
    /// Disk the delivery cache may hold (under the data dir).
    pub disk_cache_size: ByteSize,
    /// Deleting a file also purges its cached deliveries (ImageKit does not).
    pub purge_on_delete: bool,
    /// URL uploads may fetch loopback and private-network addresses.
    pub upload_allow_private_urls: bool,
    /// Origins whose pages may upload (client-side) and fetch deliveries: `*` for any, as
    /// ImageKit, or a list of origins (comma-separated in the environment).
    #[serde(deserialize_with = "origin_list")]
    pub cors_origins: Vec<String>,
    /// Origins whose pages may call the management API with credentials; none by default,
    /// and `*` is refused, since that API takes the private key.
    #[serde(deserialize_with = "origin_list")]
    pub cors_api_origins: Vec<String>,

    // --- Abuse limits and key rotation (docs/reliability.md) ---
    /// Management API requests the account may make per `rate_limit_interval`, in bursts of
    /// up to that many; 0 (the default) switches the limit off.
    pub rate_limit_requests: u32,
    /// The window of `rate_limit_requests`, e.g. "1s", "500ms", "1m".
    #[serde(with = "duration_text")]
    pub rate_limit_interval: Duration,
    /// Uploads per `upload_rate_limit_interval`, counted apart from the management API as
    /// ImageKit does; 0 (the default) switches the limit off.
    pub upload_rate_limit_requests: u32,
    #[serde(with = "duration_text")]
    pub upload_rate_limit_interval: Duration,
    /// Hosts (`name`, `name:port`) and networks (`10.0.0.0/8`, `::1/128`) that URL uploads
    /// may fetch even though they are private or loopback (comma-separated in the
    /// environment). Everything public stays allowed.
    #[serde(deserialize_with = "origin_list")]
    pub upload_url_allow: Vec<String>,
    /// A private key being rotated out: still accepted for Basic auth, upload signatures
    /// and signed delivery URLs, while the server signs with `private_key`.
    pub previous_private_key: Option<String>,
    /// When `previous_private_key` stops working (RFC 3339); unset: until it is removed.
    pub previous_key_until: Option<DateTime<Utc>>,
}

/// Durations written the way people do ("1s", "250ms", "2m").
mod duration_text {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&humantime::format_duration(*value).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        humantime::parse_duration(text.trim()).map_err(serde::de::Error::custom)
    }
}

/// A list of origins, given as a TOML array or as one comma-separated string.
fn origin_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let list = match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(text) => text.split(',').map(str::to_owned).collect(),
        OneOrMany::Many(list) => list,
    };
    Ok(list
        .into_iter()
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .collect())
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./halftone-data"),
            store: None,
            s3_endpoint: None,
            s3_region: None,
            s3_path_style: None,
            database_url: None,
            private_key: None,
            public_key: None,
            url_endpoint: None,
            max_upload_size: ByteSize::mb(25),
            cache_size: ByteSize::mib(8),
            disk_cache_size: ByteSize::gib(2),
            purge_on_delete: false,
            upload_allow_private_urls: false,
            cors_origins: vec!["*".to_owned()],
            cors_api_origins: Vec::new(),
            rate_limit_requests: 0,
            rate_limit_interval: Duration::from_secs(1),
            upload_rate_limit_requests: 0,
            upload_rate_limit_interval: Duration::from_secs(1),
            upload_url_allow: Vec::new(),
            previous_private_key: None,
            previous_key_until: None,
        }
    }
}

/// Flags that override the other layers when given.
#[derive(Debug, Clone, Default, Args, Serialize)]
pub struct Flags {
    /// Config file (default: ./halftone.toml when it exists).
    #[arg(long, env = "HALFTONE_CONFIG")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port).
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    /// Data directory of the embedded store.
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    /// Public base URL of delivery.
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_endpoint: Option<String>,
}

impl Config {
    pub fn load(flags: &Flags) -> Result<Self, Box<figment::Error>> {
        let file = flags
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from("halftone.toml"));
        Self::figment(&file, flags).extract().map_err(Box::new)
    }

    fn figment(file: &Path, flags: &Flags) -> Figment {
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("HALFTONE_").ignore(&["config"]))
            .merge(Serialized::defaults(flags))
    }

    /// The effective settings as TOML, keys masked.
    pub fn masked(&self) -> String {
        let mut shown = self.clone();
        shown.private_key = shown.private_key.as_deref().map(mask);
        shown.database_url = shown.database_url.as_deref().map(mask_password);
        shown.previous_private_key = shown.previous_private_key.as_deref().map(mask);
        let mut text = toml_text(&shown);
        if self.store.as_deref().is_some_and(|s| s.starts_with("s3://")) {
            text.push_str(&aws_environment());
        }
        text
    }

    /// The S3 settings other than the location.
    pub fn s3_settings(&self) -> store::S3Settings {
        store::S3Settings {
            endpoint: self.s3_endpoint.clone(),
            region: self.s3_region.clone(),
            path_style: self.s3_path_style,
            credentials: None,
        }
    }
}

/// The `AWS_*` variables the S3 client reads, as comments, secrets masked.
fn aws_environment() -> String {
    let mut vars: Vec<(String, String)> = std::env::vars().filter(|(k, _)| k.starts_with("AWS_")).collect();
    vars.sort();
    let mut out = String::from("# S3 client environment\n");
    for (name, value) in vars {
        let secret = name.contains("SECRET") || name.contains("TOKEN");
        let shown = if secret { "…".to_owned() } else { value };
        out.push_str(&format!("# {name} = {shown:?}\n"));
    }
    out
}

/// Enough of a key to tell which one is set, never more than a third of it.
fn mask(secret: &str) -> String {
    let shown = (secret.chars().count() / 3).min(10);
    let visible: String = secret.chars().take(shown).collect();
    format!("{visible}…")
}

/// The URL with its password (if any) replaced, so `halftone config` can be shared.
fn mask_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("****"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => "(unparsable URL)".to_owned(),
    }
}

fn toml_text(config: &Config) -> String {
    let value = serde_json::to_value(config).unwrap_or_default();
    let mut out = String::new();
    if let Some(map) = value.as_object() {
        for (key, value) in map {
            out.push_str(&format!("{key} = {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail fixes the closure's error type"
    )]
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "halftone.toml",
                "listen = \"127.0.0.1:9000\"\npurge_on_delete = true\nmax_upload_size = \"1MB\"",
            )?;
            jail.set_env("HALFTONE_LISTEN", "127.0.0.1:9100");
            jail.set_env("HALFTONE_UPLOAD_ALLOW_PRIVATE_URLS", "true");
            jail.set_env("HALFTONE_DATABASE_URL", "postgres://h:secret@db.example/halftone");
            jail.set_env(
                "HALFTONE_CORS_API_ORIGINS",
                "https://a.example, https://b.example",
            );
            let from_env = Config::load(&Flags::default()).map_err(|e| e.to_string())?;
            assert_eq!(from_env.listen.port(), 9100);
            assert!(from_env.purge_on_delete && from_env.upload_allow_private_urls);
            assert_eq!(from_env.max_upload_size, ByteSize::mb(1));
            assert_eq!(from_env.cors_origins, ["*"]);
            assert!(
                from_env
                    .masked()
                    .contains("postgres://h:****@db.example/halftone"),
                "database password masked"
            );
            assert_eq!(
                from_env.cors_api_origins,
                ["https://a.example", "https://b.example"]
            );
            let flags = Flags {
                listen: Some(SocketAddr::from(([127, 0, 0, 1], 9200))),
                ..Flags::default()
            };
            let from_flags = Config::load(&flags).map_err(|e| e.to_string())?;
            assert_eq!(from_flags.listen.port(), 9200);
            Ok(())
        });
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail fixes the closure's error type"
    )]
    fn stores_come_from_the_environment_and_secrets_are_masked() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("HALFTONE_STORE", "s3://media/prod");
            jail.set_env("HALFTONE_S3_ENDPOINT", "http://127.0.0.1:8333");
            jail.set_env("HALFTONE_DATABASE_URL", "postgres://u:hunter2@db/halftone");
            jail.set_env("AWS_SECRET_ACCESS_KEY", "very-secret-value");
            jail.set_env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
            let config = Config::load(&Flags::default()).map_err(|e| e.to_string())?;
            assert_eq!(config.store.as_deref(), Some("s3://media/prod"));
            assert_eq!(
                config.s3_settings().endpoint.as_deref(),
                Some("http://127.0.0.1:8333")
            );
            let shown = config.masked();
            assert!(
                !shown.contains("hunter2") && !shown.contains("very-secret"),
                "{shown}"
            );
            assert!(
                shown.contains("AKIAEXAMPLE") && shown.contains("u:****@db"),
                "{shown}"
            );
            Ok(())
        });
    }
}
