//! Custom metadata fields: definitions (create, list, update, delete) and the validation
//! of values against them on upload and update.

use serde_json::{Map, Value, json};
use store::FieldRecord;

use crate::body::Body;
use crate::schema::{Schema, check_value};
use crate::{Library, LibraryError, LibraryResult, new_id, now_ms};

const FIELD_MISSING: &str = "No such custom metadata field exists.";

impl Library {
    pub async fn create_field(&self, body: &Value) -> LibraryResult<FieldRecord> {
        let body = Body::of(body)?;
        body.only(&["name", "label", "schema", "description"])?;
        let name = body.required("name", "MISSING_PARAMETER")?.trim().to_owned();
        let label = body.required("label", "MISSING_PARAMETER")?.trim().to_owned();
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            || name.len() > 100
        {
            return Err(LibraryError::invalid(
                "Invalid field name. Use letters, digits, _ and - only.",
            ));
        }
        let description = description(&body)?;
        let schema_value = body
            .get("schema")
            .ok_or_else(|| LibraryError::invalid("Your request is missing schema parameter."))?;
        let schema = Schema::parse(schema_value)
            .map_err(|errors| LibraryError::with_errors("Invalid field object", errors))?;
        let existing = self.meta.fields(true).await?;
        if existing.iter().any(|f| f.name == name) {
            return Err(LibraryError::invalid(
                "A custom metadata field with this name already exists.",
            ));
        }
        if existing.iter().any(|f| !f.deleted && f.label == label) {
            return Err(LibraryError::invalid(
                "A custom metadata field with this label already exists.",
            ));
        }
        let now = now_ms();
        let field = FieldRecord {
            id: new_id(),
            name,
            label,
            description,
            schema: schema.to_json(),
            deleted: false,
            created_at: now,
            updated_at: now,
        };
        self.meta.insert_field(&field).await?;
        Ok(field)
    }

    pub async fn list_fields(&self, include_deleted: bool) -> LibraryResult<Vec<FieldRecord>> {
        Ok(self.meta.fields(include_deleted).await?)
    }

    pub async fn update_field(&self, id: &str, body: &Value) -> LibraryResult<FieldRecord> {
        let body = Body::of(body)?;
        let mut field = self
            .meta
            .field(id)
            .await?
            .ok_or_else(|| LibraryError::not_found(FIELD_MISSING))?;
        if body.has("name") {
            return Err(LibraryError::invalid("Name cannot be updated."));
        }
        body.only(&["label", "schema", "description"])?;
        if field.deleted {
            return Err(LibraryError::invalid(
                "Cannot update a deleted custom metadata fields.",
            ));
        }
        if body.get("label").is_none() && body.get("schema").is_none() {
            return Err(LibraryError::invalid(
                "Either label or schema should be provided.",
            ));
        }
        if let Some(label) = body.string("label")? {
            let label = label.trim().to_owned();
            let others = self.meta.fields(false).await?;
            if others.iter().any(|f| f.id != field.id && f.label == label) {
                return Err(LibraryError::invalid(
                    "A custom metadata field with this label already exists.",
                ));
            }
            field.label = label;
        }
        if let Some(update) = body.get("schema") {
            field.schema = merged_schema(&field.schema, update)?;
        }
        if body.has("description") {
            field.description = description(&body)?;
        }
        field.updated_at = now_ms();
        self.meta.update_field(&field).await?;
        Ok(field)
    }

    pub async fn delete_field(&self, id: &str) -> LibraryResult<()> {
        let mut field = self
            .meta
            .field(id)
            .await?
            .filter(|f| !f.deleted)
            .ok_or_else(|| LibraryError::not_found(FIELD_MISSING))?;
        field.deleted = true;
        field.updated_at = now_ms();
        self.meta.update_field(&field).await?;
        Ok(())
    }

    /// Checks `values` against the live field definitions. With `fill_defaults`, required
    /// fields that are absent get their default value (an upload).
    pub(crate) async fn checked_custom_metadata(
        &self,
        values: &Map<String, Value>,
        fill_defaults: bool,
    ) -> LibraryResult<Map<String, Value>> {
        let fields = self.meta.fields(false).await?;
        let mut errors = Map::new();
        let mut out = Map::new();
        for (key, value) in values {
            let Some(field) = fields.iter().find(|f| &f.name == key) else {
                errors.insert(
                    key.clone(),
                    json!("is not a custom metadata field of this account"),
                );
                continue;
            };
            if value.is_null() {
                out.insert(key.clone(), Value::Null);
                continue;
            }
            let checked = Schema::parse(&field.schema)
                .map_err(|_| "has an invalid field definition".to_owned())
                .and_then(|schema| check_value(&schema, value));
            match checked {
                Ok(()) => out.insert(key.clone(), value.clone()),
                Err(reason) => errors.insert(key.clone(), json!(reason)),
            };
        }
        if !errors.is_empty() {
            return Err(LibraryError::with_errors(
                "Invalid custom metadata.",
                Value::Object(errors),
            ));
        }
        if fill_defaults {
            for field in &fields {
                let schema = Schema::parse(&field.schema).ok();
                if let Some(default) = schema
                    .filter(|s| s.is_value_required)
                    .and_then(|s| s.default_value)
                    && !out.contains_key(&field.name)
                {
                    out.insert(field.name.clone(), default);
                }
            }
        }
        Ok(out)
    }
}

fn description(body: &Body) -> LibraryResult<Option<String>> {
    let text = body
        .string("description")?
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if text.is_some_and(|d| d.chars().count() > 500) {
        return Err(LibraryError::invalid(
            "description cannot be longer than 500 characters.",
        ));
    }
    Ok(text.map(str::to_owned))
}

/// An update's schema merged over the stored one; `type` cannot change.
fn merged_schema(stored: &Value, update: &Value) -> LibraryResult<Value> {
    let invalid = || LibraryError::invalid("Invalid schema object.");
    let update = update.as_object().ok_or_else(invalid)?;
    let mut merged = stored.as_object().cloned().unwrap_or_default();
    if update.get("type").is_some_and(|t| Some(t) != merged.get("type")) {
        return Err(invalid());
    }
    for (k, v) in update {
        merged.insert(k.clone(), v.clone());
    }
    let schema = Schema::parse(&Value::Object(merged))
        .map_err(|errors| LibraryError::with_errors("Invalid schema object.", errors))?;
    Ok(schema.to_json())
}
