//! Account endpoints that mean something on a self-hosted server: usage figures, and
//! stored configuration documents (URL endpoints, named transformations, saved extensions).

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use store::ConfigRecord;

use crate::body::Body;
use crate::{Library, LibraryError, LibraryResult, new_id, now_ms};

/// The kinds of stored configuration and the path segment naming each.
pub const CONFIG_KINDS: [&str; 3] = ["url-endpoints", "named-transformations", "saved-extensions"];

impl Library {
    /// `GET /v1/accounts/usage`: storage is measured; traffic figures are not tracked (0).
    pub async fn usage(&self, raw_query: &str) -> LibraryResult<Value> {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw_query.as_bytes())
            .into_owned()
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let (Some(start), Some(end)) = (get("startDate"), get("endDate")) else {
            return Err(LibraryError::invalid(
                "startDate and endDate are required in query parameters.",
            ));
        };
        let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d");
        let (Ok(start), Ok(end)) = (parse(&start), parse(&end)) else {
            return Err(LibraryError::invalid(
                "startDate and endDate should be in format YYYY-MM-DD.",
            ));
        };
        if start >= end {
            return Err(LibraryError::invalid("startDate should be before endDate."));
        }
        if (end - start).num_days() >= 90 {
            return Err(LibraryError::invalid(
                "startDate and endDate should be within 90 days.",
            ));
        }
        Ok(json!({
            "bandwidthBytes": 0,
            "mediaLibraryStorageBytes": self.meta.stored_bytes().await?,
            "videoProcessingUnitsCount": 0,
            "extensionUnitsCount": 0,
            "originalCacheStorageBytes": 0,
        }))
    }

    pub async fn config_list(&self, kind: &str) -> LibraryResult<Vec<ConfigRecord>> {
        Ok(self.meta.config_list(kind).await?)
    }

    pub async fn config_get(&self, kind: &str, id: &str) -> LibraryResult<ConfigRecord> {
        self.meta
            .config_get(kind, id)
            .await?
            .ok_or_else(|| LibraryError::not_found("The requested resource does not exist."))
    }

    pub async fn config_create(&self, kind: &str, body: &Value) -> LibraryResult<ConfigRecord> {
        let document = validated(kind, body, None)?;
        self.check_unique_name(kind, &document, None).await?;
        let now = now_ms();
        let record = ConfigRecord {
            kind: kind.to_owned(),
            id: new_id(),
            body: document,
            created_at: now,
            updated_at: now,
        };
        self.meta.config_put(&record).await?;
        Ok(record)
    }

    pub async fn config_update(&self, kind: &str, id: &str, body: &Value) -> LibraryResult<ConfigRecord> {
        let mut record = self.config_get(kind, id).await?;
        record.body = validated(kind, body, Some(&record.body))?;
        self.check_unique_name(kind, &record.body, Some(id)).await?;
        record.updated_at = now_ms();
        self.meta.config_put(&record).await?;
        Ok(record)
    }

    pub async fn config_delete(&self, kind: &str, id: &str) -> LibraryResult<()> {
        if self.meta.config_delete(kind, id).await? {
            Ok(())
        } else {
            Err(LibraryError::not_found("The requested resource does not exist."))
        }
    }

    /// Names (and a URL endpoint's prefix) identify a document: no two may share one.
    async fn check_unique_name(
        &self,
        kind: &str,
        document: &Value,
        own_id: Option<&str>,
    ) -> LibraryResult<()> {
        let key = if kind == "url-endpoints" {
            "urlPrefix"
        } else {
            "name"
        };
        let Some(value) = document.get(key).and_then(Value::as_str) else {
            return Ok(());
        };
        let taken =
            self.meta.config_list(kind).await?.iter().any(|r| {
                Some(r.id.as_str()) != own_id && r.body.get(key).and_then(Value::as_str) == Some(value)
            });
        if taken {
            return Err(LibraryError::invalid(format!(
                "Another resource already uses the {key} '{value}'."
            )));
        }
        Ok(())
    }
}

/// The stored document: the request's known fields over `previous` (for updates), checked.
fn validated(kind: &str, body: &Value, previous: Option<&Value>) -> LibraryResult<Value> {
    let fields: &[&str] = match kind {
        "url-endpoints" => &["description", "origins", "urlPrefix", "urlRewriter"],
        "named-transformations" => &["name", "transformation", "enabled", "description"],
        _ => &["name", "description", "config"],
    };
    let request = Body::of(body)?;
    request.only(fields)?;
    let mut doc: Map<String, Value> = previous.and_then(Value::as_object).cloned().unwrap_or_default();
    for (key, value) in request.0 {
        doc.insert(key.clone(), value.clone());
    }
    match kind {
        "url-endpoints" => check_url_endpoint(&mut doc)?,
        "named-transformations" => check_named_transformation(&mut doc)?,
        _ => check_saved_extension(&doc)?,
    }
    Ok(Value::Object(doc))
}

fn text<'a>(doc: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    doc.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn check_url_endpoint(doc: &mut Map<String, Value>) -> LibraryResult<()> {
    text(doc, "description").ok_or_else(|| LibraryError::invalid("description is required."))?;
    doc.entry("origins").or_insert_with(|| json!([]));
    doc.entry("urlPrefix").or_insert_with(|| json!(""));
    let origins_ok = doc
        .get("origins")
        .and_then(Value::as_array)
        .is_some_and(|o| o.iter().all(Value::is_string));
    if !origins_ok {
        return Err(LibraryError::invalid("origins should be an array of origin ids."));
    }
    if !doc.get("urlPrefix").is_some_and(Value::is_string) {
        return Err(LibraryError::invalid("urlPrefix should be a string."));
    }
    if let Some(rewriter) = doc.get("urlRewriter").filter(|r| !r.is_null()) {
        let kind = rewriter.get("type").and_then(Value::as_str);
        if !matches!(kind, Some("CLOUDINARY" | "IMGIX" | "AKAMAI")) {
            return Err(LibraryError::invalid(
                "urlRewriter.type should be one of CLOUDINARY, IMGIX, AKAMAI.",
            ));
        }
    }
    Ok(())
}

fn check_named_transformation(doc: &mut Map<String, Value>) -> LibraryResult<()> {
    let name = text(doc, "name").ok_or_else(|| LibraryError::invalid("name is required."))?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || name.len() > 100 {
        return Err(LibraryError::invalid(
            "name may contain only letters, digits and _, at most 100 characters.",
        ));
    }
    text(doc, "transformation").ok_or_else(|| LibraryError::invalid("transformation is required."))?;
    doc.entry("enabled").or_insert(json!(true));
    if !doc.get("enabled").is_some_and(Value::is_boolean) {
        return Err(LibraryError::invalid("enabled should be a boolean."));
    }
    Ok(())
}

const EXTENSIONS: [&str; 5] = [
    "remove-bg",
    "google-auto-tagging",
    "aws-auto-tagging",
    "ai-auto-description",
    "ai-tasks",
];

fn check_saved_extension(doc: &Map<String, Value>) -> LibraryResult<()> {
    text(doc, "name").ok_or_else(|| LibraryError::invalid("name is required."))?;
    let config = doc.get("config");
    let extension = config.and_then(|c| c.get("name")).and_then(Value::as_str);
    if !extension.is_some_and(|e| EXTENSIONS.contains(&e)) {
        return Err(LibraryError::invalid(format!(
            "config should be an extension object whose name is one of {}.",
            EXTENSIONS.join(", ")
        )));
    }
    let number = |key: &str| config.and_then(|c| c.get(key)).is_some_and(Value::is_number);
    if matches!(extension, Some("google-auto-tagging" | "aws-auto-tagging"))
        && !(number("maxTags") && number("minConfidence"))
    {
        return Err(LibraryError::invalid(
            "Auto-tagging extensions need numeric maxTags and minConfidence.",
        ));
    }
    if extension == Some("ai-tasks") && !config.and_then(|c| c.get("tasks")).is_some_and(Value::is_array) {
        return Err(LibraryError::invalid(
            "The ai-tasks extension needs a tasks array.",
        ));
    }
    Ok(())
}
