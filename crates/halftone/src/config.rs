//! Settings, layered: defaults → `halftone.toml` → `HALFTONE_*` environment → flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use bytesize::ByteSize;
use clap::Args;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Address the server binds; loopback by default.
    pub listen: SocketAddr,
    /// Where the embedded store keeps its database, bytes and generated keys.
    pub data_dir: PathBuf,
    /// The PostgreSQL metadata store (`postgres://user:password@host/db`); unset: SQLite
    /// in the data dir.
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
        toml_text(&shown)
    }
}

fn mask(secret: &str) -> String {
    let visible: String = secret.chars().take(10).collect();
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
}
