//! The schema of a custom metadata field (type, options, bounds, default) and the check
//! of one value against it.

use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Textarea,
    Number,
    Date,
    Boolean,
    SingleSelect,
    MultiSelect,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "Text" => Kind::Text,
            "Textarea" => Kind::Textarea,
            "Number" => Kind::Number,
            "Date" => Kind::Date,
            "Boolean" => Kind::Boolean,
            "SingleSelect" => Kind::SingleSelect,
            "MultiSelect" => Kind::MultiSelect,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub kind: Kind,
    pub raw: Map<String, Value>,
    pub select_options: Option<Vec<Value>>,
    pub default_value: Option<Value>,
    pub is_value_required: bool,
    pub min_value: Option<Value>,
    pub max_value: Option<Value>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

const KNOWN: [&str; 8] = [
    "type",
    "selectOptions",
    "defaultValue",
    "isValueRequired",
    "minValue",
    "maxValue",
    "minLength",
    "maxLength",
];

impl Schema {
    /// Parses and validates a schema; the error is an object of per-key reasons.
    pub fn parse(value: &Value) -> Result<Schema, Value> {
        let mut errors = Map::new();
        let Some(raw) = value.as_object() else {
            return Err(json!({"schema": "should be an object"}));
        };
        for key in raw.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
            errors.insert(key.clone(), json!("is not a schema property"));
        }
        let kind = raw.get("type").and_then(Value::as_str).and_then(Kind::parse);
        let Some(kind) = kind else {
            return Err(
                json!({"type": "should be one of Text, Textarea, Number, Date, Boolean, SingleSelect, MultiSelect"}),
            );
        };
        let present = |k: &str| raw.get(k).filter(|v| !v.is_null());
        let select_options = match present("selectOptions") {
            None => None,
            Some(Value::Array(items)) if !items.is_empty() && items.iter().all(is_scalar) => {
                Some(items.clone())
            }
            Some(_) => {
                errors.insert(
                    "selectOptions".into(),
                    json!("should be a non-empty array of strings, numbers or booleans"),
                );
                None
            }
        };
        let is_select = matches!(kind, Kind::SingleSelect | Kind::MultiSelect);
        if is_select && select_options.is_none() && !errors.contains_key("selectOptions") {
            errors.insert("selectOptions".into(), json!("is required for select fields"));
        }
        if !is_select && select_options.is_some() {
            errors.insert("selectOptions".into(), json!("is allowed only for select fields"));
        }
        let mut bound = |name: &str| -> Option<Value> {
            let v = present(name)?;
            let ok = match kind {
                Kind::Number => v.is_number(),
                Kind::Date => v.as_str().and_then(date_ms).is_some(),
                _ => false,
            };
            if ok {
                Some(v.clone())
            } else {
                let expected = if kind == Kind::Date {
                    "an ISO date"
                } else {
                    "of type number"
                };
                errors.insert(
                    name.into(),
                    json!(format!("should be {expected} (Number or Date fields only)")),
                );
                None
            }
        };
        let (min_value, max_value) = (bound("minValue"), bound("maxValue"));
        let mut length = |name: &str| -> Option<u64> {
            let v = present(name)?;
            match (kind, v.as_u64()) {
                (Kind::Text | Kind::Textarea, Some(n)) => Some(n),
                _ => {
                    errors.insert(
                        name.into(),
                        json!("should be a non-negative integer (Text or Textarea fields only)"),
                    );
                    None
                }
            }
        };
        let (min_length, max_length) = (length("minLength"), length("maxLength"));
        let is_value_required = match present("isValueRequired") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                errors.insert("isValueRequired".into(), json!("should be a boolean"));
                false
            }
        };
        let default_value = present("defaultValue").cloned();
        let schema = Schema {
            kind,
            raw: raw.clone(),
            select_options,
            default_value,
            is_value_required,
            min_value,
            max_value,
            min_length,
            max_length,
        };
        if let Some(default) = &schema.default_value
            && let Err(reason) = check_value(&schema, default)
        {
            errors.insert("defaultValue".into(), json!(reason));
        }
        if schema.is_value_required && schema.default_value.is_none() {
            errors.insert(
                "defaultValue".into(),
                json!("is required when isValueRequired is true"),
            );
        }
        if errors.is_empty() {
            Ok(schema)
        } else {
            Err(Value::Object(errors))
        }
    }

    pub fn to_json(&self) -> Value {
        Value::Object(self.raw.clone())
    }
}

fn is_scalar(v: &Value) -> bool {
    v.is_string() || v.is_number() || v.is_boolean()
}

/// Milliseconds of an ISO date (`2024-01-31`) or date-time (RFC 3339).
pub fn date_ms(text: &str) -> Option<i64> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp_millis());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// Checks one value; the error says what is wrong in a few words.
pub fn check_value(schema: &Schema, value: &Value) -> Result<(), String> {
    match schema.kind {
        Kind::Text | Kind::Textarea => {
            let text = value.as_str().ok_or("should be a string")?;
            let len = text.chars().count() as u64;
            if schema.min_length.is_some_and(|m| len < m) || schema.max_length.is_some_and(|m| len > m) {
                return Err("has a length outside minLength..maxLength".into());
            }
        }
        Kind::Number => {
            let n = value.as_f64().ok_or("should be a number")?;
            let below = schema
                .min_value
                .as_ref()
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m);
            let above = schema
                .max_value
                .as_ref()
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m);
            if below || above {
                return Err("is outside minValue..maxValue".into());
            }
        }
        Kind::Date => {
            let ms = value.as_str().and_then(date_ms).ok_or("should be an ISO date")?;
            let bound = |v: &Option<Value>| v.as_ref().and_then(Value::as_str).and_then(date_ms);
            if bound(&schema.min_value).is_some_and(|m| ms < m)
                || bound(&schema.max_value).is_some_and(|m| ms > m)
            {
                return Err("is outside minValue..maxValue".into());
            }
        }
        Kind::Boolean => {
            value.as_bool().ok_or("should be a boolean")?;
        }
        Kind::SingleSelect => {
            if !schema.select_options.as_ref().is_some_and(|o| o.contains(value)) {
                return Err("is not one of selectOptions".into());
            }
        }
        Kind::MultiSelect => {
            let items = value.as_array().ok_or("should be an array")?;
            let options = schema.select_options.as_deref().unwrap_or_default();
            if !items.iter().all(|i| options.contains(i)) {
                return Err("contains a value that is not one of selectOptions".into());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_and_values() {
        let number = Schema::parse(&json!({"type": "Number", "minValue": 1, "maxValue": 10})).ok();
        let number = number.as_ref().map(|s| {
            (
                check_value(s, &json!(5)),
                check_value(s, &json!(11)),
                check_value(s, &json!("5")),
            )
        });
        assert!(matches!(number, Some((Ok(()), Err(_), Err(_)))));
        assert!(Schema::parse(&json!({"type": "SingleSelect"})).is_err());
        assert!(Schema::parse(&json!({"type": "Text", "isValueRequired": true})).is_err());
        assert!(
            Schema::parse(
                &json!({"type": "Text", "isValueRequired": true, "defaultValue": "x", "maxLength": 3})
            )
            .is_ok()
        );
        assert!(Schema::parse(&json!({"type": "Text", "defaultValue": "long", "maxLength": 3})).is_err());
        assert!(Schema::parse(&json!({"type": "Nope"})).is_err());
        let multi = Schema::parse(&json!({"type": "MultiSelect", "selectOptions": ["a", "b", 3]})).ok();
        assert!(
            multi
                .as_ref()
                .is_some_and(|s| check_value(s, &json!(["a", 3])).is_ok())
        );
        assert!(
            multi
                .as_ref()
                .is_some_and(|s| check_value(s, &json!(["c"])).is_err())
        );
        let date = Schema::parse(&json!({"type": "Date", "minValue": "2020-01-01"})).ok();
        assert!(
            date.as_ref()
                .is_some_and(|s| check_value(s, &json!("2021-05-01T00:00:00Z")).is_ok())
        );
        assert!(
            date.as_ref()
                .is_some_and(|s| check_value(s, &json!("2019-05-01")).is_err())
        );
    }
}
