//! The permission catalogue: which actions apply to which resource, the permissions of the
//! managed Admin role, and checking the permissions a client gives a role against both.
//!
//! Kestra's document lists the `Resource` and `Action` enums but not which actions go with
//! which resource; [`valid_actions`] is the sandbox's reading (see `sandbox/README.md`). Who
//! holds which permission is `grants`'s business.

use std::collections::{BTreeMap, BTreeSet};

use kestra_model::{Action, Permissions, Resource};

use crate::error::{Error, Result, field_error};

/// A role's stored permissions (written by the sandbox itself, so already valid).
pub fn parse_stored(json: &str) -> BTreeMap<Resource, BTreeSet<Action>> {
    let raw: BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap_or_default();
    raw.into_iter()
        .filter_map(|(r, actions)| {
            let resource = r.parse().ok()?;
            Some((
                resource,
                actions.iter().filter_map(|a| a.parse().ok()).collect(),
            ))
        })
        .collect()
}

/// Checks a role's permissions as a client sent them: every resource and action must exist,
/// and every action must apply to its resource. Errors name `permissions.RESOURCE`.
pub fn validate_permissions(raw: &BTreeMap<String, Vec<String>>) -> Result<Permissions> {
    let mut errors = Vec::new();
    let mut out = Permissions::new();
    for (name, actions) in raw {
        let path = format!("permissions.{name}");
        let resource = match name.parse::<Resource>() {
            Ok(Resource::Unknown) | Err(_) => {
                errors.push(field_error(&path, format!("unknown resource '{name}'")));
                continue;
            }
            Ok(r) => r,
        };
        let mut valid = Vec::new();
        for action in actions {
            match action.parse::<Action>() {
                Ok(a) if valid_actions(resource).contains(&a) => {
                    if !valid.contains(&a) {
                        valid.push(a);
                    }
                }
                Ok(_) => errors.push(field_error(
                    &path,
                    format!("{action} is not an action of {name}"),
                )),
                Err(_) => errors.push(field_error(&path, format!("unknown action '{action}'"))),
            }
        }
        if !valid.is_empty() {
            valid.sort();
            out.insert(resource, valid);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Every resource with every action that applies to it: the Admin role, and the answer of
/// `GET /api/v1/{tenant}/acls/permissions`.
pub fn all_permissions() -> Permissions {
    Resource::ALL
        .iter()
        .filter(|r| **r != Resource::Unknown)
        .map(|r| (*r, valid_actions(*r).to_vec()))
        .collect()
}

/// The managed Admin role of a tenant: everything in the tenant, but nothing of the instance
/// (`INSTANCE`), and of `TENANT` only seeing and editing its own tenant. Creating and deleting
/// tenants stays with instance owners and whoever they give `TENANT:CREATE`/`DELETE`.
pub fn admin_permissions() -> Permissions {
    let mut permissions = all_permissions();
    permissions.remove(&Resource::Instance);
    permissions.insert(
        Resource::Tenant,
        vec![Action::View, Action::List, Action::Update],
    );
    permissions
}

/// Which actions apply to which resource. Kestra's document lists the two enums but not this
/// map; this is the sandbox's reading of what each resource supports (see `README.md`).
pub fn valid_actions(resource: Resource) -> &'static [Action] {
    use Action::*;
    const CRUD: &[Action] = &[View, List, Create, Update, Delete];
    match resource {
        Resource::Flow => &[
            View, List, Create, Update, Delete, Execute, Export, Import, Disable, Enable, Validate,
        ],
        Resource::Execution => &[
            View,
            List,
            Create,
            Update,
            Delete,
            Restart,
            Kill,
            Replay,
            Pause,
            Resume,
            Unqueue,
            ForceRun,
            Follow,
            ChangeLabels,
            AccessLogs,
            AccessOutputs,
            AccessFiles,
            Export,
        ],
        Resource::Trigger => &[
            View, List, Create, Update, Delete, Enable, Disable, Unlock, Lock, Backfill,
        ],
        Resource::Namespace => &[View, List, Create, Update, Delete, ManageFiles],
        Resource::Credential | Resource::McpServer => &[View, List, Create, Update, Delete, Use],
        Resource::Blueprint => &[View, List, Create, Update, Delete, Template],
        Resource::App | Resource::Testsuite => &[View, List, Create, Update, Delete, Execute],
        Resource::Auditlog => &[View, List, Export],
        Resource::SystemSettings | Resource::TenantSettings | Resource::Instance => &[View, Update],
        Resource::User => &[View, List, Create, Update, Delete, Impersonate],
        Resource::Group => &[View, List, Create, Update, Delete, ManageMembers],
        Resource::Binding
        | Resource::Invitation
        | Resource::TenantAccess
        | Resource::AppExecution
        | Resource::TestsuiteRun => &[View, List, Create, Delete],
        Resource::PromotionTarget => &[View, List, Create, Update, Delete, Promote],
        Resource::Copilot => &[Use],
        Resource::Support => &[View, Create],
        Resource::Unknown => &[],
        _ => CRUD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_checked_against_the_catalogue() {
        let ok: BTreeMap<String, Vec<String>> =
            serde_json::from_str(r#"{"FLOW":["VIEW","LIST","VIEW"],"GROUP":["MANAGE_MEMBERS"]}"#)
                .unwrap();
        let p = validate_permissions(&ok).unwrap();
        assert_eq!(p[&Resource::Flow], [Action::View, Action::List]);

        for (json, path) in [
            (r#"{"FLOWS":["VIEW"]}"#, "permissions.FLOWS"),
            (r#"{"FLOW":["FLY"]}"#, "permissions.FLOW"),
            (r#"{"COPILOT":["DELETE"]}"#, "permissions.COPILOT"),
        ] {
            let raw: BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap();
            match validate_permissions(&raw) {
                Err(Error::Invalid(errors)) => assert_eq!(errors[0].path.as_deref(), Some(path)),
                other => panic!("{json}: {other:?}"),
            }
        }
    }
}
