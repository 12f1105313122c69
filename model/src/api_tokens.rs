//! API tokens: `/api/v1/me/api-tokens`, `/api/v1/users/{id}/api-tokens` and the service-account
//! variants. A token's full value is returned once, by the create call.

use serde::{Deserialize, Serialize};

/// `ApiToken`: one row of a token list; `prefix` is the start of the token, to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub prefix: String,
    /// Issued at (RFC 3339).
    pub iat: String,
    /// Expires at (RFC 3339); absent for a token that never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub extended: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub expired: bool,
}

/// `ApiTokenList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ApiTokenList {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub results: Vec<ApiToken>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub total: u64,
}

/// `CreateApiTokenRequest`. `name` follows `^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$`; `maxAge`
/// is an ISO-8601 duration (`P30D`, `PT12H`), absent for a token that never expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateApiTokenRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended: Option<bool>,
}

/// `CreateApiTokenResponse`: the only time the full token is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateApiTokenResponse {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub id: String,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub name: String,
    /// Empty when the server did not send it (the document makes it optional): the console
    /// then says the token cannot be shown rather than showing nothing.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub full_token: String,
}
