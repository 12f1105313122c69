//! `/api/v1/{tenant}/invitations`: asking someone by email to join a tenant.

use serde::{Deserialize, Serialize};

use crate::groups::GroupSummary;
use crate::roles::RoleSummary;

/// `Invitation.InvitationStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
}

/// `IAMInvitationController.ApiInvitationRole`: a role to bind on acceptance, tenant-wide or
/// for each of `namespaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InvitationRole {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<Vec<String>>,
}

/// `IAMInvitationController.ApiInvitationCreateRequest`. Answered 201 (invited), 204 (the user
/// existed and got access at once) or 409 (already invited, or already has access).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct InvitationCreateRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_user_if_not_exist: Option<bool>,
    #[serde(
        default,
        alias = "instanceOwner",
        skip_serializing_if = "Option::is_none"
    )]
    pub super_admin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<InvitationRole>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    pub email: String,
}

/// `IAMInvitationController.ApiInvitationDetail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct InvitationDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub roles: Vec<RoleSummary>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub groups: Vec<GroupSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvitationStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `Invitation`: one of the signed-in person's own invitations (`GET /api/v1/me/invitations`),
/// which they accept with `POST /api/v1/invitation/accept/{id}`. Only what the profile page
/// shows is read; the rest of the document's fields (bindings, group ids) are not needed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvitationStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub is_expired: bool,
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
}
