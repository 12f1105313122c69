//! Micronaut's `JsonError`, the body of every Kestra error response.

use serde::{Deserialize, Serialize};

/// `{"message": "...", "_links": {"self": {...}}, "_embedded": {"errors": [...]}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ErrorBody {
    pub message: String,
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<ErrorLinks>,
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<ErrorEmbedded>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ErrorLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Link {
    pub href: String,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub templated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ErrorEmbedded {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub errors: Vec<FieldError>,
}

/// One validation failure; `path` names the offending field (e.g. `name`, `permissions.FLOW`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FieldError {
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl ErrorBody {
    /// An error body for `href` with optional per-field errors.
    pub fn new(
        message: impl Into<String>,
        href: impl Into<String>,
        errors: Vec<FieldError>,
    ) -> Self {
        ErrorBody {
            message: message.into(),
            links: Some(ErrorLinks {
                self_link: Link {
                    href: href.into(),
                    templated: false,
                },
            }),
            embedded: (!errors.is_empty()).then_some(ErrorEmbedded { errors }),
        }
    }

    /// The per-field errors, empty when the server sent none.
    pub fn field_errors(&self) -> &[FieldError] {
        self.embedded
            .as_ref()
            .map(|e| e.errors.as_slice())
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_micronaut_validation_error() {
        let json = r#"{"message":"Invalid entity: name: must not be blank",
            "_links":{"self":{"href":"/api/v1/main/groups","templated":false}},
            "_embedded":{"errors":[{"message":"must not be blank","path":"name"}]}}"#;
        let body: ErrorBody = serde_json::from_str(json).unwrap();
        assert_eq!(body.field_errors()[0].path.as_deref(), Some("name"));
        assert_eq!(body.links.unwrap().self_link.href, "/api/v1/main/groups");
    }

    #[test]
    fn decodes_a_bare_message() {
        let body: ErrorBody = serde_json::from_str(r#"{"message":"Not Found"}"#).unwrap();
        assert!(body.field_errors().is_empty());
    }
}
