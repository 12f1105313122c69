//! Going back to an earlier version of a role, a group or a tenant: from that version's JSON
//! as the audit trail rebuilds it (`audit_diff::replay`, or the diff endpoint's `after`) and
//! the resource as the API serves it now, what to write back through the normal API, and
//! the change it makes, to show before asking.
//!
//! Only the fields a person edits are taken from the old version (a role's name, description,
//! permissions and default flag; a group's name, description and members; a tenant's whole
//! JSON merged over the current one): every other field keeps its current value, as any save.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::audit_diff::{self, Diff};
use crate::groups::Membership;
use crate::roles::{RoleCreateOrUpdateRequest, RoleDetail};
use crate::tenant::Tenant;

/// The fields of a role a restore writes back.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleVersion(Value);

impl RoleVersion {
    /// From a version in the audit trail (the default flag may be `0`/`1` there).
    pub fn from_snapshot(snapshot: &Value) -> RoleVersion {
        let mut picked = audit_diff::pick(snapshot, &["name", "description", "permissions"]);
        let is_default = match snapshot.get("isDefault") {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_i64().unwrap_or(0) != 0,
            _ => false,
        };
        picked["isDefault"] = json!(is_default);
        RoleVersion(normalized(picked))
    }

    /// From the role as the API serves it now.
    pub fn from_detail(detail: &RoleDetail) -> RoleVersion {
        let value = json!({
            "name": detail.name,
            "description": detail.description,
            "permissions": detail.permissions,
            "isDefault": detail.is_default,
        });
        RoleVersion(normalized(value))
    }

    /// The change going from `self` (now) to `then`.
    pub fn diff_to(&self, then: &RoleVersion) -> Diff {
        audit_diff::between(Some(&self.0), Some(&then.0))
    }

    /// The `PUT` that writes this version over `current`, keeping its other fields.
    pub fn request(&self, current: &RoleDetail) -> Result<RoleCreateOrUpdateRequest, String> {
        let mut request = RoleCreateOrUpdateRequest::from(current);
        if let Some(name) = self.0.get("name").and_then(Value::as_str) {
            request.name = name.to_string();
        }
        request.description = self
            .0
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        request.permissions = match self.0.get("permissions") {
            Some(permissions) => serde_json::from_value(permissions.clone())
                .map_err(|e| format!("the old permissions cannot be read: {e}"))?,
            None => Default::default(),
        };
        request.is_default = self.0.get("isDefault").and_then(Value::as_bool);
        Ok(request)
    }
}

/// What restoring a group's version does: its name and description by `PUT`, then members
/// added, removed or given their old membership one by one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupPlan {
    pub name: String,
    pub description: Option<String>,
    pub add: Vec<(String, Membership)>,
    pub remove: Vec<String>,
    pub set: Vec<(String, Membership)>,
    /// The change, from now to then, to show before asking.
    pub diff: Diff,
}

/// Plans going from the group now (`name`, `description`, `members` by user id) to `then`.
pub fn group_plan(
    then: &Value,
    name: &str,
    description: Option<&str>,
    members: &BTreeMap<String, Membership>,
) -> GroupPlan {
    let then_members: BTreeMap<String, Membership> = then
        .get("members")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(id, v)| {
                    let owner = v.as_str() == Some("OWNER");
                    let membership = if owner {
                        Membership::Owner
                    } else {
                        Membership::Member
                    };
                    (id.clone(), membership)
                })
                .collect()
        })
        .unwrap_or_default();
    let as_json = |members: &BTreeMap<String, Membership>| {
        members
            .iter()
            .map(|(id, m)| (id.clone(), json!(m)))
            .collect::<Map<String, Value>>()
    };
    let then_name = then.get("name").and_then(Value::as_str).unwrap_or(name);
    let then_description = then.get("description").and_then(Value::as_str);
    let now_value = normalized(json!({
        "name": name, "description": description, "members": as_json(members)
    }));
    let then_value = normalized(json!({
        "name": then_name, "description": then_description, "members": as_json(&then_members)
    }));
    let mut plan = GroupPlan {
        name: then_name.to_string(),
        description: then_description.map(str::to_string),
        diff: audit_diff::between(Some(&now_value), Some(&then_value)),
        ..GroupPlan::default()
    };
    for (id, membership) in &then_members {
        match members.get(id) {
            None => plan.add.push((id.clone(), *membership)),
            Some(now) if now != membership => plan.set.push((id.clone(), *membership)),
            Some(_) => {}
        }
    }
    plan.remove = members
        .keys()
        .filter(|id| !then_members.contains_key(*id))
        .cloned()
        .collect();
    plan
}

/// A tenant's version merged over the tenant now: every field the old version has takes its
/// old value, the others stay. Returns the tenant to `PUT` and the change it makes.
pub fn tenant_version(current: &Tenant, then: &Value) -> Result<(Tenant, Diff), String> {
    let now = serde_json::to_value(current).map_err(|e| e.to_string())?;
    let mut merged = now.clone();
    if let (Some(target), Some(old)) = (merged.as_object_mut(), then.as_object()) {
        for (key, value) in old {
            if key != "id" {
                target.insert(key.clone(), value.clone());
            }
        }
    }
    let tenant: Tenant = serde_json::from_value(merged.clone())
        .map_err(|e| format!("the old version cannot be read as a tenant: {e}"))?;
    let diff = audit_diff::between(Some(&normalized(now)), Some(&normalized(merged)));
    Ok((tenant, diff))
}

/// Drops `null` fields, so "absent" and "null" compare equal.
fn normalized(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, normalized(v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::{Action, Resource};

    #[test]
    fn a_role_goes_back_to_its_old_permissions_and_keeps_its_other_fields() {
        let current: RoleDetail = serde_json::from_value(json!({
            "id": "r1", "name": "Dev", "permissions": {"FLOW": ["VIEW", "EXECUTE"]},
            "isDefault": false, "someNewField": 7
        }))
        .unwrap();
        let then = RoleVersion::from_snapshot(&json!({
            "id": "r1", "tenantId": "dev", "name": "Dev", "description": null,
            "permissions": {"FLOW": ["VIEW"]}, "isDefault": 0
        }));
        let diff = RoleVersion::from_detail(&current).diff_to(&then);
        assert_eq!(diff.permissions[0].lost, ["EXECUTE"]);
        assert!(diff.fields.is_empty(), "{:?}", diff.fields);
        let request = then.request(&current).unwrap();
        assert_eq!(request.permissions[&Resource::Flow], [Action::View]);
        assert_eq!(request.is_default, Some(false));
        assert_eq!(request.other["someNewField"], json!(7));
    }

    #[test]
    fn a_group_plan_adds_removes_and_resets_members() {
        let now = BTreeMap::from([
            ("a".to_string(), Membership::Member),
            ("b".to_string(), Membership::Owner),
        ]);
        let then = json!({"name": "Platform", "description": "old",
                          "members": {"b": "MEMBER", "c": "OWNER"}});
        let plan = group_plan(&then, "Ops", None, &now);
        assert_eq!(plan.name, "Platform");
        assert_eq!(plan.description.as_deref(), Some("old"));
        assert_eq!(plan.add, [("c".to_string(), Membership::Owner)]);
        assert_eq!(plan.remove, ["a"]);
        assert_eq!(plan.set, [("b".to_string(), Membership::Member)]);
        assert_eq!(plan.diff.members.len(), 3);
        assert_eq!(plan.diff.fields.len(), 2);
    }

    #[test]
    fn a_tenant_version_is_merged_over_the_current_tenant() {
        let current: Tenant = serde_json::from_value(
            json!({"id": "t1", "name": "New", "outputsInInternalStorage": true}),
        )
        .unwrap();
        let (tenant, diff) = tenant_version(&current, &json!({"id": "t1", "name": "Old"})).unwrap();
        assert_eq!(tenant.name, "Old");
        assert_eq!(diff.fields.len(), 1);
        assert_eq!(diff.fields[0].label(), "name");
        let back = serde_json::to_value(&tenant).unwrap();
        assert_eq!(back["outputsInInternalStorage"], json!(true));
    }
}
