//! API keys: taken from the settings, or generated on first start and kept in the data
//! dir so they survive restarts.

use std::path::Path;

use anyhow::Context;
use rand::RngExt;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keys {
    pub private_key: String,
    pub public_key: String,
}

const KEYS_FILE: &str = "keys.json";

pub fn load_or_create(data_dir: &Path, private: Option<&str>, public: Option<&str>) -> anyhow::Result<Keys> {
    let stored = read_or_generate(data_dir)?;
    Ok(Keys {
        private_key: private.map(str::to_owned).unwrap_or(stored.private_key),
        public_key: public.map(str::to_owned).unwrap_or(stored.public_key),
    })
}

fn read_or_generate(data_dir: &Path) -> anyhow::Result<Keys> {
    let path = data_dir.join(KEYS_FILE);
    if path.exists() {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        return serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()));
    }
    let keys = Keys {
        private_key: format!("private_{}", random_text()),
        public_key: format!("public_{}", random_text()),
    };
    let text = serde_json::to_string_pretty(&keys)?;
    write_private(&path, &text).with_context(|| format!("writing {}", path.display()))?;
    Ok(keys)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn random_text() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..28)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}
