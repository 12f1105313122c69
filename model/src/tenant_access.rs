//! `/api/v1/{tenant}/tenant-access`: who may use a tenant, and with which roles.

use serde::{Deserialize, Serialize};

use crate::permissions::{Action, Resource};

/// `IAMTenantAccessController.ApiGroup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AccessGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub external: bool,
}

/// `IAMTenantAccessController.ApiAuthentication`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Authentication {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
}

/// `IAMTenantAccessController.ApiUserTenantAccess`: one row of a tenant's user list (also the
/// rows of `GET /{tenant}/service-accounts` and of the autocomplete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserTenantAccess {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<AccessGroup>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub auths: Vec<Authentication>,
}

/// Where a role assignment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RoleOrigin {
    /// A binding to the user.
    Binding,
    /// A binding to one of the user's groups.
    Group,
}

/// `IAMTenantAccessController.ApiUserPermission`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPermission {
    /// `UNKNOWN` when the answer names none (the document makes it optional).
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub resource: Resource,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub actions: Vec<Action>,
}

/// `IAMTenantAccessController.ApiRoleAssignment`: one role a user holds in a tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<RoleOrigin>,
    /// The binding (origin `BINDING`) or group (origin `GROUP`) the role comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub permissions: Vec<UserPermission>,
}

/// `IAMTenantAccessController.ApiTenantAccess`: one user's access to one tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TenantAccess {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<AccessGroup>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub roles: Vec<RoleAssignment>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
}

/// `IAMTenantAccessController.ApiCreateTenantAccessRequest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CreateTenantAccessRequest {
    pub email: String,
}

/// `ApiAutocomplete` (and `IAMTenantAccessController.UserApiAutocomplete`, which adds
/// `username`): the body of the `.../autocomplete` type-ahead calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Autocomplete {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// `ApiIds`: the body of the `.../ids` look-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Ids {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub ids: Vec<String>,
}
