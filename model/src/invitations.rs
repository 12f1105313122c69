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

impl InvitationDetail {
    /// The request that sends this invitation again: same email, roles, groups and instance
    /// owner flag. The detail names its roles without their namespaces, so they come back on
    /// the whole tenant (as every invitation the console makes). `None` without an email.
    pub fn again(&self) -> Option<InvitationCreateRequest> {
        Some(InvitationCreateRequest {
            email: self.email.clone().filter(|e| !e.is_empty())?,
            create_user_if_not_exist: None,
            super_admin: self.super_admin.then_some(true),
            roles: Some(
                self.roles
                    .iter()
                    .map(|r| InvitationRole {
                        id: r.id.clone(),
                        namespaces: None,
                    })
                    .collect(),
            ),
            groups: Some(self.groups.iter().map(|g| g.id.clone()).collect()),
        })
    }
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_invitation_sent_again_keeps_its_email_roles_groups_and_owner_flag() {
        let detail: InvitationDetail = serde_json::from_value(json!({
            "id": "i1", "email": "ada@example.test", "status": "PENDING", "superAdmin": true,
            "roles": [{"id": "r1", "name": "Developer"}],
            "groups": [{"id": "g1", "name": "Ops"}]
        }))
        .unwrap();
        let again = detail.again().unwrap();
        assert_eq!(again.email, "ada@example.test");
        assert_eq!(again.super_admin, Some(true));
        assert_eq!(again.roles.unwrap()[0].id, "r1");
        assert_eq!(again.groups, Some(vec!["g1".to_string()]));
    }

    #[test]
    fn an_invitation_without_an_email_cannot_be_sent_again() {
        assert_eq!(InvitationDetail::default().again(), None);
    }
}
