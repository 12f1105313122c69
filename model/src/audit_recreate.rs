//! Undoing a removal from its audit log: a deleted binding is created again with the body its
//! log kept (`revertPatch` holds the binding as it was), and the people a group change removed
//! are added back with the membership they had (`OWNER` or `MEMBER`).
//!
//! Only removals qualify: what a log created or changed is undone by deleting it or by
//! "Restore this version" (`audit_restore`).

use serde_json::Value;

use crate::audit_diff;
use crate::audit_logs::{AuditLog, AuditableAction};
use crate::bindings::{BindingType, CreateBindingRequest};
use crate::groups::Membership;
use crate::permissions::Resource;

/// What a log entry's removal can be undone with.
#[derive(Debug, Clone, PartialEq)]
pub enum Recreate {
    /// `POST /{tenant}/bindings` with this body.
    Binding(CreateBindingRequest),
    /// Add each person back to group `group`, with the membership they had.
    Members {
        group: String,
        members: Vec<(String, Membership)>,
    },
}

/// What `log` removed that can be put back; `None` when it removed nothing, or nothing the
/// console can recreate.
pub fn from_log(log: &AuditLog) -> Option<Recreate> {
    match log.detail.kind() {
        Resource::Binding if log.action == AuditableAction::Delete => {
            // Kestra may revert field by field onto an empty object rather than from null.
            let before = audit_diff::apply(&Value::Null, &log.revert_patch)
                .or_else(|_| {
                    audit_diff::apply(&Value::Object(Default::default()), &log.revert_patch)
                })
                .ok()?;
            binding_request(&before).map(Recreate::Binding)
        }
        // A deleted group's members went with it: there is nothing to add them back to.
        Resource::Group => {
            let diff = audit_diff::from_patches(&log.applied_patch, &log.revert_patch);
            if diff.deleted {
                return None;
            }
            let members: Vec<_> = diff
                .members
                .iter()
                .filter(|m| m.after.is_none())
                .filter_map(|m| Some((m.user.clone(), membership(m.before.as_deref()?)?)))
                .collect();
            let group = log.detail.id.clone()?;
            (!members.is_empty()).then_some(Recreate::Members { group, members })
        }
        _ => None,
    }
}

/// The body that creates `binding` again: Kestra's `Binding` (`type`, `externalId`, `roleId`,
/// `namespaceId`), or the sandbox's first log shape (`userId` or `groupId`, `namespace`).
fn binding_request(binding: &Value) -> Option<CreateBindingRequest> {
    let text = |key: &str| binding.get(key).and_then(Value::as_str).map(str::to_string);
    let binding_type: BindingType = serde_json::from_value(binding.get("type")?.clone()).ok()?;
    let external_id = text("externalId").or_else(|| match binding_type {
        BindingType::User => text("userId"),
        BindingType::Group => text("groupId"),
    })?;
    Some(CreateBindingRequest {
        binding_type,
        external_id,
        role_id: text("roleId")?,
        namespace_id: text("namespaceId").or_else(|| text("namespace")),
    })
}

fn membership(name: &str) -> Option<Membership> {
    serde_json::from_value(Value::String(name.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn log(resource: &str, action: &str, applied: Value, revert: Value) -> AuditLog {
        serde_json::from_value(json!({
            "id": "l1", "type": action, "date": "2026-12-01T10:00:00Z", "userId": "u1",
            "detail": {"type": "x", "resourceType": resource, "id": "g1"},
            "appliedPatch": applied, "revertPatch": revert
        }))
        .unwrap()
    }

    #[test]
    fn a_deleted_binding_is_created_again_with_its_subject_role_and_namespace() {
        let kept = json!({"id": "b1", "type": "GROUP", "externalId": "g7", "roleId": "r1",
            "namespaceId": "company.data", "deleted": false});
        let deleted = log(
            "BINDING",
            "DELETE",
            json!([{"op": "replace", "path": "", "value": null}]),
            json!([{"op": "replace", "path": "", "value": kept}]),
        );
        assert_eq!(
            from_log(&deleted),
            Some(Recreate::Binding(CreateBindingRequest {
                binding_type: BindingType::Group,
                external_id: "g7".into(),
                role_id: "r1".into(),
                namespace_id: Some("company.data".into()),
            }))
        );
    }

    #[test]
    fn a_binding_logged_in_the_first_sandbox_shape_is_read_too() {
        let kept = json!({"id": "b1", "type": "USER", "userId": "u9", "groupId": null,
            "roleId": "r1", "namespace": null});
        let deleted = log(
            "BINDING",
            "DELETE",
            json!([]),
            json!([{"op": "replace", "path": "", "value": kept}]),
        );
        let Some(Recreate::Binding(request)) = from_log(&deleted) else {
            panic!("no binding to recreate");
        };
        assert_eq!(request.external_id, "u9");
        assert_eq!(request.namespace_id, None);
    }

    #[test]
    fn a_created_binding_offers_nothing_to_recreate() {
        let created = log(
            "BINDING",
            "CREATE",
            json!([{"op": "replace", "path": "", "value": {"type": "USER", "externalId": "u",
                "roleId": "r"}}]),
            json!([{"op": "replace", "path": "", "value": null}]),
        );
        assert_eq!(from_log(&created), None);
    }

    #[test]
    fn people_removed_from_a_group_come_back_with_their_membership() {
        let change = log(
            "GROUP",
            "UPDATE",
            json!([{"op": "remove", "path": "/members/u1"}, {"op": "remove", "path": "/members/u2"},
                {"op": "add", "path": "/members/u3", "value": "MEMBER"}]),
            json!([{"op": "add", "path": "/members/u1", "value": "OWNER"},
                {"op": "add", "path": "/members/u2", "value": "MEMBER"},
                {"op": "remove", "path": "/members/u3"}]),
        );
        assert_eq!(
            from_log(&change),
            Some(Recreate::Members {
                group: "g1".into(),
                members: vec![
                    ("u1".into(), Membership::Owner),
                    ("u2".into(), Membership::Member)
                ],
            })
        );
    }

    #[test]
    fn a_deleted_group_offers_no_members_back() {
        let deleted = log(
            "GROUP",
            "DELETE",
            json!([{"op": "replace", "path": "", "value": null}]),
            json!([{"op": "replace", "path": "", "value": {"id": "g1", "name": "Ops",
                "members": {"u1": "MEMBER"}}}]),
        );
        assert_eq!(from_log(&deleted), None);
    }
}
