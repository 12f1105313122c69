//! `/api/v1/{tenant}/roles`: named sets of permissions. At most one role per tenant is the
//! default role (setting another one clears the previous).

use serde::{Deserialize, Serialize};

use crate::permissions::Permissions;

/// `ApiRoleSummary`: one row of the role list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleSummary {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub is_managed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_count: Option<u32>,
}

/// `IAMRoleController.ApiRoleDetail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub permissions: Permissions,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub is_managed: bool,
}

/// `IAMRoleController.ApiRoleCreateOrUpdateRequest`: `name` must not be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleCreateOrUpdateRequest {
    pub permissions: Permissions,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
}

/// `Role`: the answer of `POST /{tenant}/roles/ids`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub permissions: Permissions,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub is_managed: bool,
    #[serde(default)]
    pub deleted: bool,
}
