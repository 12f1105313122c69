//! `/api/v1/users` and `/api/v1/me` edits: people (instance level).
//!
//! Kestra 2.x documents `superAdmin` on these bodies (kestrapy 2.0.3 calls it `instanceOwner`);
//! both are accepted when decoding and `superAdmin` is emitted.

use serde::{Deserialize, Serialize};

/// `ApiTenantSummary`: a tenant a user belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TenantSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `IAMUserController.ApiUserAuth`: one way a user can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct UserAuth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
}

/// `IAMUserController.ApiGroup`: a group a user is a member of, and its tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserGroupRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// `IAMUserController.ApiUser`: one user in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub tenants: Vec<TenantSummary>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub auths: Vec<UserAuth>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<UserGroupRef>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub restricted: bool,
}

/// `IAMUserController.ApiUserSummary`: one row of the user list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub tenants: Vec<TenantSummary>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub auths: Vec<UserAuth>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
}

/// `IAMUserController.ApiCreateOrUpdateUserRequest`: the body of `POST /users` and
/// `PUT /users/{id}`. On update, `tenants` and `groups` replace the user's current ones when
/// present, and an absent or empty `password` keeps the current one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrUpdateUserRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenants: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(
        default,
        alias = "instanceOwner",
        skip_serializing_if = "Option::is_none"
    )]
    pub super_admin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
}

/// `MeController.ApiUserDetailsRequest`: `PATCH /me` and `PATCH /users/{id}`; absent fields
/// stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserDetailsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `IAMUserController.ApiPatchUserPasswordRequest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PatchUserPasswordRequest {
    pub password: String,
}

/// `MeController.ApiUpdatePasswordRequest`: `PUT /me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePasswordRequest {
    pub old_password: String,
    pub new_password: String,
}

/// `ApiPatchSuperAdminRequest`: `PATCH /users/{id}/superadmin` and the service-account one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PatchSuperAdminRequest {
    #[serde(alias = "instanceOwner")]
    pub super_admin: bool,
}

/// `IAMUserController.ApiPatchRestrictedRequest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PatchRestrictedRequest {
    pub restricted: bool,
}

/// The name to show for a person: the display name, else the username (their email).
pub fn shown_name(display_name: Option<&str>, username: Option<&str>) -> String {
    display_name
        .filter(|n| !n.trim().is_empty())
        .or(username)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_names_of_the_instance_owner_flag() {
        let two: User = serde_json::from_str(r#"{"id":"u","instanceOwner":true}"#).unwrap();
        let one: User = serde_json::from_str(r#"{"id":"u","superAdmin":true}"#).unwrap();
        assert!(two.super_admin && one.super_admin);
        let out = serde_json::to_value(&one).unwrap();
        assert_eq!(out["superAdmin"], true);
    }
}
