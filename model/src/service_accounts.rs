//! Service accounts: `/api/v1/service-accounts` (instance view) and
//! `/api/v1/{tenant}/service-accounts` (tenant view). Names follow
//! `^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::users::TenantSummary;

/// `IAMServiceAccountController.ApiGroup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServiceAccountGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `IAMServiceAccountController.ApiServiceAccountDetail` (instance view). It also decodes the
/// rows of the tenant view's list (`GET /{tenant}/service-accounts`, `ApiUserTenantAccess`),
/// which carry the name as `username`, so one type serves both lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAccountDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Empty when the answer has neither `name` nor `username`; see [`ServiceAccountDetail::label`].
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "username"
    )]
    pub name: String,
    /// The tenant view's rows may carry only a display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub tenants: Vec<TenantSummary>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
}

impl ServiceAccountDetail {
    /// What to call the account: its name, else its display name, else its id.
    pub fn label(&self) -> &str {
        [
            Some(self.name.as_str()),
            self.display_name.as_deref(),
            self.id.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or("(unnamed)")
    }
}

/// `IAMServiceAccountController.ApiCreateServiceAccountRequest`: `POST /service-accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateServiceAccountRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(
        default,
        alias = "instanceOwner",
        skip_serializing_if = "Option::is_none"
    )]
    pub super_admin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenants: Option<Vec<String>>,
}

/// `IAMServiceAccountController.ApiPatchServiceAccountRequest`: `PATCH /service-accounts/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PatchServiceAccountRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `IAMServiceAccountController.ApiServiceAccountRequest`: the tenant view's create and update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAccountRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<ServiceAccountGroup>>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(
        default,
        alias = "instanceOwner",
        skip_serializing_if = "Option::is_none"
    )]
    pub super_admin: Option<bool>,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `IAMServiceAccountController.ApiServiceAccountResponse`: the tenant view of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAccountResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<ServiceAccountGroup>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A save starts from the account as the server sent it: its groups and instance-owner flag
/// go back as they are (a full replace does not say what absent ones mean), and so does every
/// field the console does not know.
impl From<&ServiceAccountResponse> for ServiceAccountRequest {
    fn from(current: &ServiceAccountResponse) -> ServiceAccountRequest {
        ServiceAccountRequest {
            groups: Some(current.groups.clone()),
            name: current.name.clone(),
            description: current.description.clone(),
            super_admin: Some(current.super_admin),
            other: current.other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_view_row_decodes_as_a_service_account() {
        let row =
            r#"{"id":"sa1","username":"ci-deployer","description":"CI","groups":[],"auths":[]}"#;
        let account: ServiceAccountDetail = serde_json::from_str(row).unwrap();
        assert_eq!(account.name, "ci-deployer");
        assert_eq!(account.description.as_deref(), Some("CI"));
        let out = serde_json::to_value(&account).unwrap();
        assert_eq!(out["name"], "ci-deployer");
    }
}
