//! Reading typed values out of a JSON request body with ImageKit-style messages, so every
//! wrong type or missing field is a clear 400 that names the field.

use serde_json::{Map, Value};

use crate::{LibraryError, LibraryResult};

/// A JSON object body; anything else is a 400.
pub struct Body<'a>(pub &'a Map<String, Value>);

impl<'a> Body<'a> {
    pub fn of(value: &'a Value) -> LibraryResult<Self> {
        value
            .as_object()
            .map(Body)
            .ok_or_else(|| LibraryError::invalid("Your request body must be a JSON object."))
    }

    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    pub fn string(&self, name: &str) -> LibraryResult<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(LibraryError::invalid(format!("{name} should be a string."))),
        }
    }

    /// A required non-empty string, reported with `reason` when missing.
    pub fn required(&self, name: &str, reason: &'static str) -> LibraryResult<&'a str> {
        let text = self.string(name).map_err(|_| {
            LibraryError::bad(
                "INVALID_PARAMETER",
                format!("Your request contains invalid {name} parameter. It should be a string."),
            )
        })?;
        match text {
            Some(s) if !s.trim().is_empty() => Ok(s),
            _ => Err(LibraryError::bad(
                reason,
                format!("Your request is missing {name} parameter."),
            )),
        }
    }

    pub fn bool(&self, name: &str, default: bool) -> LibraryResult<bool> {
        match self.get(name) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
            Some(_) => Err(LibraryError::invalid(format!("{name} should be a boolean."))),
        }
    }

    /// A required array of strings with ImageKit's messages (`… is missing.`, `… should be an Array.`,
    /// `… is empty.`).
    pub fn string_list(&self, name: &str, empty_message: &str) -> LibraryResult<Vec<String>> {
        let value = self
            .get(name)
            .ok_or_else(|| LibraryError::invalid(format!("{name} parameter is missing.")))?;
        let items = value
            .as_array()
            .ok_or_else(|| LibraryError::invalid(format!("{name} should be an Array.")))?;
        if items.is_empty() {
            return Err(LibraryError::invalid(empty_message.to_owned()));
        }
        items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| LibraryError::invalid(format!("{name} should be an Array of strings.")))
            })
            .collect()
    }

    /// Refuses fields outside `allowed`, naming the first one.
    pub fn only(&self, allowed: &[&str]) -> LibraryResult<()> {
        match self.0.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(unknown) => Err(LibraryError::invalid(format!(
                "Your request contains an unknown parameter: {unknown}."
            ))),
            None => Ok(()),
        }
    }
}
