//! `/api/v1/{tenant}/namespaces`: the namespaces of a tenant (`company.team`), which bindings can
//! be limited to.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `Namespace`. Only `id` and `description` are typed; other fields are kept in `other`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Namespace {
    pub id: String,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}
