//! Decoding JSON into typed values, with Kestra's 422 naming the offending field.
//!
//! Request bodies (`http::JsonBody`) and the stored configuration of tenants and namespaces
//! (`store::shapes`) are read the same way, so both share this module; it knows nothing about
//! requests, which stay with `http`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// Decodes `bytes` as `T`, turning serde's errors into a 422 naming the field.
///
/// The instance-owner flag has two names (`superAdmin`, the document's, and `instanceOwner`,
/// kestrapy 2.0.3's), which the model reads as one field with an alias. kestrapy's
/// `ApiPatchSuperAdminRequest` can carry both, so a body naming both is reduced to
/// `superAdmin` first (see [`one_owner_flag`]).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: Value = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    de.end().map_err(|err| {
        Error::invalid(
            "body",
            format!("Malformed JSON: {}", without_position(&err)),
        )
    })?;
    from_value(one_owner_flag(value)?)
}

/// Decodes an already parsed JSON value as `T`, with the same 422s as [`parse_json`].
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(json_error)
}

/// A top-level object with both `superAdmin` and `instanceOwner` keeps `superAdmin` only. A
/// null under one name gives way to the other; two different values are a 422 on
/// `instanceOwner`, since guessing which one the client meant would grant or take away the
/// instance owner's rights.
fn one_owner_flag(mut value: Value) -> Result<Value> {
    let Some(object) = value.as_object_mut() else {
        return Ok(value);
    };
    if !object.contains_key("superAdmin") {
        return Ok(value);
    }
    let Some(other) = object.remove("instanceOwner") else {
        return Ok(value);
    };
    let first = &object["superAdmin"];
    if first.is_null() {
        object.insert("superAdmin".into(), other);
    } else if !other.is_null() && *first != other {
        return Err(Error::invalid(
            "instanceOwner",
            "must equal superAdmin when both are sent",
        ));
    }
    Ok(value)
}

fn json_error(err: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let path = err.path().to_string();
    let inner = err.into_inner();
    let message = without_position(&inner);
    let at = |field: Option<&str>| match (path.as_str(), field) {
        (".", None) => "body".to_owned(),
        (".", Some(f)) => f.to_owned(),
        (p, None) => p.to_owned(),
        (p, Some(f)) => format!("{p}.{f}"),
    };
    if inner.is_syntax() || inner.is_eof() {
        return Error::invalid(at(None), format!("Malformed JSON: {message}"));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return Error::invalid(at(Some(field)), "must not be null");
    }
    Error::invalid(at(None), message)
}

/// serde_json's message without its " at line 1 column 7" suffix.
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Probe {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn path_of(json: &str) -> String {
        match parse_json::<Probe>(json.as_bytes()) {
            Err(Error::Invalid(errors)) => errors[0].path.clone().unwrap(),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn body_errors_name_the_field() {
        assert_eq!(path_of(r#"{}"#), "name");
        assert_eq!(path_of(r#"{"name": 5}"#), "name");
        assert_eq!(
            path_of(r#"{"name": "x", "inner": {"count": "many"}}"#),
            "inner.count"
        );
        assert_eq!(path_of(r#"{"name": "x", "inner": {}}"#), "inner.count");
        assert_eq!(path_of(r#"{"name": "#), "name");
        assert_eq!(path_of(r#""#), "body");
        assert_eq!(path_of(r#"{"name": "x"} trailing"#), "body");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Flag {
        #[serde(rename = "superAdmin", alias = "instanceOwner")]
        super_admin: Option<bool>,
    }

    #[test]
    fn the_owner_flag_may_come_under_both_names_when_they_agree() {
        let flag = |json: &str| parse_json::<Flag>(json.as_bytes()).map(|f| f.super_admin);
        assert_eq!(
            flag(r#"{"superAdmin": true, "instanceOwner": true}"#).unwrap(),
            Some(true)
        );
        assert_eq!(
            flag(r#"{"superAdmin": null, "instanceOwner": false}"#).unwrap(),
            Some(false)
        );
        assert_eq!(
            flag(r#"{"instanceOwner": true, "superAdmin": null}"#).unwrap(),
            Some(true)
        );
        assert!(matches!(
            flag(r#"{"superAdmin": true, "instanceOwner": false}"#),
            Err(Error::Invalid(errors)) if errors[0].path.as_deref() == Some("instanceOwner")
        ));
    }
}
