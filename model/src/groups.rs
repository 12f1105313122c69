//! `/api/v1/{tenant}/groups`: groups of users in one tenant, and their members.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `ApiGroupSummary`: one row of the group list (also the autocomplete and `ids` answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_integration_name: Option<String>,
}

/// `IAMGroupController.ApiGroupDetail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GroupDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `IAMGroupController.ApiCreateGroupRequest`: `name` must not be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateGroupRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_id: Option<Vec<String>>,
}

/// `IAMGroupController.ApiUpdateGroupRequest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct UpdateGroupRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields the console does not know, sent back unchanged on a save.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `GroupIdentifier.Membership`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Membership {
    Owner,
    Member,
}

/// `IAMGroupController.ApiGroupMembership`: one group of a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GroupMembership {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub external: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Membership>,
}

/// `IAMGroupController.ApiGroupMember`: one member of a group, with their groups in the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<GroupMembership>,
}

impl GroupMember {
    /// Their membership of group `group_id`: `MEMBER` unless the answer says `OWNER`.
    pub fn membership_in(&self, group_id: &str) -> Membership {
        self.groups
            .iter()
            .find(|g| g.id.as_deref() == Some(group_id))
            .and_then(|g| g.membership)
            .unwrap_or(Membership::Member)
    }
}

/// `IAMUserGroupController.ApiUpdateUserGroupsRequest`: `PUT /{tenant}/users/{id}/groups`
/// replaces the user's groups in the tenant with these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUserGroupsRequest {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub group_ids: Vec<String>,
}

/// A save starts from the group as the server sent it: every field of the update (and every
/// field the console does not know) keeps its current value unless the form changes it.
impl From<&GroupDetail> for UpdateGroupRequest {
    fn from(current: &GroupDetail) -> UpdateGroupRequest {
        UpdateGroupRequest {
            name: current.name.clone().unwrap_or_default(),
            description: current.description.clone(),
            other: current.other.clone(),
        }
    }
}
