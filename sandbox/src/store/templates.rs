//! Kestra's managed role templates (`GET /api/v1/{tenant}/acls/templates`): the preset roles
//! Admin, Editor, Developer, Launcher and Viewer, as permissions drawn from the catalogue.
//!
//! Kestra's document names the five templates but not what they hold; this is the sandbox's
//! reading (see `sandbox/README.md`): Admin is the managed Admin role; Editor may do anything
//! but manage access, tenants and the instance; Developer writes, runs and debugs flows;
//! Launcher runs flows and follows their executions; Viewer sees everything and changes
//! nothing. The demo seed builds its roles from the same templates.

use std::collections::BTreeMap;

use kestra_model::{Action, Permissions, Resource};

use super::catalogue::{admin_permissions, all_permissions, valid_actions};

/// The templates by their wire name, as the endpoint answers them.
pub fn templates() -> BTreeMap<&'static str, Permissions> {
    BTreeMap::from([
        ("ADMIN", admin_permissions()),
        ("EDITOR", editor()),
        ("DEVELOPER", developer()),
        ("LAUNCHER", launcher()),
        ("VIEWER", viewer()),
    ])
}

/// Resources whose actions manage who may do what, or the instance: not an editor's.
const ADMINISTRATION: &[Resource] = &[
    Resource::User,
    Resource::Group,
    Resource::Role,
    Resource::Binding,
    Resource::ServiceAccount,
    Resource::Invitation,
    Resource::TenantAccess,
    Resource::SecurityIntegration,
    Resource::Tenant,
    Resource::TenantSettings,
    Resource::Instance,
];

fn editor() -> Permissions {
    all_permissions()
        .into_iter()
        .filter(|(resource, _)| !ADMINISTRATION.contains(resource))
        .collect()
}

pub fn developer() -> Permissions {
    let mut permissions: Permissions = [
        Resource::Flow,
        Resource::Execution,
        Resource::Trigger,
        Resource::Kvstore,
        Resource::Dashboard,
        Resource::Blueprint,
        Resource::Testsuite,
        Resource::NamespaceFile,
        Resource::App,
        Resource::Asset,
    ]
    .iter()
    .map(|r| (*r, valid_actions(*r).to_vec()))
    .collect();
    permissions.insert(Resource::Namespace, vec![Action::View, Action::List]);
    permissions.insert(Resource::Secret, vec![Action::View, Action::List]);
    permissions
}

pub fn launcher() -> Permissions {
    use Action::*;
    Permissions::from([
        (Resource::Flow, vec![View, List, Execute]),
        (
            Resource::Execution,
            vec![
                View,
                List,
                Create,
                Restart,
                Kill,
                Follow,
                AccessLogs,
                AccessOutputs,
            ],
        ),
        (Resource::Trigger, vec![View, List]),
        (Resource::App, vec![View, List, Execute]),
    ])
}

pub fn viewer() -> Permissions {
    all_permissions()
        .into_iter()
        .filter_map(|(resource, actions)| {
            let read: Vec<Action> = actions
                .into_iter()
                .filter(|a| matches!(a, Action::View | Action::List))
                .collect();
            (!read.is_empty()).then_some((resource, read))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_only_holds_actions_that_apply_to_their_resource() {
        for (name, permissions) in templates() {
            for (resource, actions) in permissions {
                for action in actions {
                    assert!(
                        valid_actions(resource).contains(&action),
                        "{name}: {resource}:{action}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_editor_cannot_manage_access_and_a_viewer_cannot_change_anything() {
        let editor = editor();
        assert!(editor.contains_key(&Resource::Flow));
        assert!(!editor.contains_key(&Resource::Binding));
        assert!(
            viewer()
                .values()
                .flatten()
                .all(|a| matches!(a, Action::View | Action::List))
        );
    }
}
