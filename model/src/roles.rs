//! `/api/v1/{tenant}/roles`: named sets of permissions. At most one role per tenant is the
//! default role (setting another one clears the previous).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::permissions::{Catalogue, Permissions};

/// `ApiRoleSummary`: one row of the role list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleSummary {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_default: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_managed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_count: Option<u32>,
}

/// `IAMRoleController.ApiRoleDetail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub permissions: Permissions,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_default: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_managed: bool,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `IAMRoleController.ApiRoleCreateOrUpdateRequest`: `name` must not be empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RoleCreateOrUpdateRequest {
    pub permissions: Permissions,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
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
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub permissions: Permissions,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_default: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_managed: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub deleted: bool,
}

/// A save starts from the role as the server sent it (see `UpdateGroupRequest`'s `From`); the
/// default flag is sent as it is rather than left out, since a full replace does not say what
/// an absent one means.
impl From<&RoleDetail> for RoleCreateOrUpdateRequest {
    fn from(current: &RoleDetail) -> RoleCreateOrUpdateRequest {
        RoleCreateOrUpdateRequest {
            permissions: current.permissions.clone(),
            name: current.name.clone().unwrap_or_default(),
            description: current.description.clone(),
            is_default: Some(current.is_default),
            other: current.other.clone(),
        }
    }
}

/// `GET /api/v1/{tenant}/acls/templates`: Kestra's preset roles, in Kestra's order (Admin,
/// Editor, Developer, Launcher, Viewer, then any other a newer Kestra adds), each with its
/// permissions; a template sent as `null` is left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoleTemplates(pub Vec<(String, Permissions)>);

impl<'de> Deserialize<'de> for RoleTemplates {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RoleTemplates, D::Error> {
        const ORDER: [&str; 5] = ["ADMIN", "EDITOR", "DEVELOPER", "LAUNCHER", "VIEWER"];
        let by_name = std::collections::BTreeMap::<String, Option<Catalogue>>::deserialize(d)?;
        let mut templates: Vec<(String, Permissions)> = by_name
            .into_iter()
            .filter_map(|(name, permissions)| Some((name, permissions?.0)))
            .collect();
        templates.sort_by_key(|(name, _)| {
            ORDER
                .iter()
                .position(|known| known == name)
                .unwrap_or(ORDER.len())
        });
        Ok(RoleTemplates(templates))
    }
}
