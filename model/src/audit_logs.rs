//! `/api/v1/{tenant}/auditlogs` and `/api/v1/auditlogs`: the audit trail, as Kestra's document
//! names it (`AuditLog`, `AuditLogDetail`, `AuditableAction`, and the `AuditLogController.*`
//! answers).
//!
//! Everything the document leaves optional is read as optional: the sandbox sends `detail`'s
//! `resourceType`, Kestra may send `resource` instead (or neither), and an item's `user` is
//! absent when the change was made by `system` or by an account since deleted. What the
//! patches mean is `audit_diff`'s business.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::permissions::Resource;
use crate::users::User;

/// `AuditableAction`: what kind of change a log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuditableAction {
    Read,
    Create,
    Update,
    Delete,
    Login,
    Logout,
    Impersonate,
    LoginFailure,
    AccountLocked,
    #[default]
    Unknown,
}

impl AuditableAction {
    /// Every value, in the document's order.
    pub const ALL: [AuditableAction; 10] = [
        AuditableAction::Read,
        AuditableAction::Create,
        AuditableAction::Update,
        AuditableAction::Delete,
        AuditableAction::Login,
        AuditableAction::Logout,
        AuditableAction::Impersonate,
        AuditableAction::LoginFailure,
        AuditableAction::AccountLocked,
        AuditableAction::Unknown,
    ];

    /// The name on the wire, e.g. `UPDATE`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditableAction::Read => "READ",
            AuditableAction::Create => "CREATE",
            AuditableAction::Update => "UPDATE",
            AuditableAction::Delete => "DELETE",
            AuditableAction::Login => "LOGIN",
            AuditableAction::Logout => "LOGOUT",
            AuditableAction::Impersonate => "IMPERSONATE",
            AuditableAction::LoginFailure => "LOGIN_FAILURE",
            AuditableAction::AccountLocked => "ACCOUNT_LOCKED",
            AuditableAction::Unknown => "UNKNOWN",
        }
    }

    /// The word a person reads: "Created", "Signed in", ...
    pub fn label(self) -> &'static str {
        match self {
            AuditableAction::Read => "Read",
            AuditableAction::Create => "Created",
            AuditableAction::Update => "Updated",
            AuditableAction::Delete => "Deleted",
            AuditableAction::Login => "Signed in",
            AuditableAction::Logout => "Signed out",
            AuditableAction::Impersonate => "Impersonated",
            AuditableAction::LoginFailure => "Sign-in failed",
            AuditableAction::AccountLocked => "Account locked",
            AuditableAction::Unknown => "Other",
        }
    }

    /// Reads [`AuditableAction::as_str`] back; `None` for anything else.
    pub fn parse(name: &str) -> Option<AuditableAction> {
        AuditableAction::ALL
            .into_iter()
            .find(|a| a.as_str() == name)
    }
}

impl fmt::Display for AuditableAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AuditableAction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Lenient, like `Resource`: an action a newer Kestra adds reads as `Unknown`.
impl<'de> Deserialize<'de> for AuditableAction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(AuditableAction::parse(&name).unwrap_or(AuditableAction::Unknown))
    }
}

/// `AuditLogDetail`: what was changed. `type` is a class name whose content the document does
/// not describe; the resource is `resourceType` (the sandbox) or `resource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogDetail {
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::nullable::or_default"
    )]
    pub detail_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<Resource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whatever else Kestra puts there (a flow's namespace, an execution id, ...).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl AuditLogDetail {
    /// The changed resource's kind, whichever name the server gave it.
    pub fn kind(&self) -> Resource {
        self.resource_type
            .or(self.resource)
            .unwrap_or(Resource::Unknown)
    }
}

/// `AuditLog`: one change. The patches are RFC 6902 JSON Patch arrays over the resource's
/// JSON: `appliedPatch` takes it from before to after, `revertPatch` back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditLog {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(rename = "type")]
    pub action: AuditableAction,
    pub detail: AuditLogDetail,
    /// RFC 3339.
    pub date: String,
    /// Who made the change: a user's id, or `system`.
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impersonated_by: Option<String>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub applied_patch: Vec<Value>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub revert_patch: Vec<Value>,
}

/// `AuditLogController.ApiAuditLogItem`: a log and who made it, while their account exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<AuditLog>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

impl AuditLogItem {
    /// How the person who made the change is named: their username (or display name), else
    /// their id (`system`, or an account since deleted).
    pub fn who(&self) -> String {
        let by_user = self.user.as_ref().and_then(|u| {
            u.username
                .clone()
                .or_else(|| u.display_name.clone())
                .or_else(|| u.email.clone())
                .filter(|name| !name.is_empty())
        });
        by_user
            .or_else(|| self.audit_log.as_ref().map(|l| l.user_id.clone()))
            .unwrap_or_default()
    }
}

/// `AuditLogController.AuditLogDiff`: the resource's JSON text before and after a change
/// (empty when it did not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuditLogDiff {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub before: String,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub after: String,
}

/// `AuditLogController.AuditLogOption`: one entry of a resource's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuditLogOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// `AuditLogController.FindRequest`: the newest log of this resource and action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AuditLogFindRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditableAction>,
    #[serde(default)]
    pub detail: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sandbox_item_decodes_with_its_patches_and_user() {
        let item: AuditLogItem = serde_json::from_value(json!({
            "auditLog": {
                "id": "l1", "tenantId": "dev", "type": "UPDATE",
                "detail": {"type": "io.kestra.ee.models.audits.details.RoleAuditLogDetail",
                           "resourceType": "ROLE", "id": "r1"},
                "date": "2026-01-01T10:00:00Z", "userId": "u1", "ipAddress": "127.0.0.1",
                "appliedPatch": [{"op": "add", "path": "/permissions/FLOW/1", "value": "EXECUTE"}],
                "revertPatch": [{"op": "remove", "path": "/permissions/FLOW/1"}]
            },
            "user": {"id": "u1", "username": "ada@example.com"}
        }))
        .unwrap();
        let log = item.audit_log.as_ref().unwrap();
        assert_eq!(log.action, AuditableAction::Update);
        assert_eq!(log.detail.kind(), Resource::Role);
        assert_eq!(log.applied_patch.len(), 1);
        assert_eq!(item.who(), "ada@example.com");
    }

    #[test]
    fn system_changes_and_unknown_names_still_decode() {
        let item: AuditLogItem = serde_json::from_value(json!({
            "auditLog": {"id": "l2", "type": "SOMETHING_NEW", "detail": {"type": "x", "resource": "NOPE"},
                         "date": "2026-01-01T10:00:00Z", "userId": "system"}
        }))
        .unwrap();
        let log = item.audit_log.as_ref().unwrap();
        assert_eq!(log.action, AuditableAction::Unknown);
        assert_eq!(log.detail.kind(), Resource::Unknown);
        assert_eq!(item.who(), "system");
        assert!(log.applied_patch.is_empty());
    }

    #[test]
    fn a_find_request_names_its_fields_as_the_document_does() {
        let request = AuditLogFindRequest {
            resource: Some(Resource::Role),
            action: Some(AuditableAction::Delete),
            detail: [("id".to_string(), json!("r1"))].into_iter().collect(),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({"resource": "ROLE", "type": "DELETE", "detail": {"id": "r1"}})
        );
    }
}
