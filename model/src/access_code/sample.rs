//! The tenant the exports' and the copy's tests read: a managed Admin, a developer role, a
//! default viewer role, one namespace, two groups (one with an owner), bindings to a group on a
//! namespace, to a group tenant-wide, to a person and to a service account.

use crate::{
    Action, BindingDetail, BindingGroup, BindingRole, BindingType, BindingUser, GroupMember,
    GroupMembership, Membership, Namespace, Permissions, Resource, Role, UserType,
};

use super::{AccessSnapshot, GroupWithMembers};

pub fn role(id: &str, name: &str, permissions: &[(Resource, &[Action])]) -> Role {
    Role {
        id: Some(id.into()),
        name: name.into(),
        permissions: permissions
            .iter()
            .map(|(r, a)| (*r, a.to_vec()))
            .collect::<Permissions>(),
        ..Role::default()
    }
}

pub fn member(id: &str, group: &str, membership: Membership) -> GroupMember {
    GroupMember {
        id: Some(id.into()),
        username: Some(id.into()),
        display_name: None,
        groups: vec![GroupMembership {
            id: Some(group.into()),
            membership: Some(membership),
            ..GroupMembership::default()
        }],
    }
}

pub fn group_binding(role: &str, group: &str, namespace: Option<&str>) -> BindingDetail {
    BindingDetail {
        id: Some(format!("b-{role}-{group}")),
        binding_type: Some(BindingType::Group),
        namespace: namespace.map(Into::into),
        role: Some(BindingRole {
            id: Some(role.into()),
            name: None,
        }),
        group: Some(BindingGroup {
            id: Some(group.into()),
            name: None,
        }),
        user: None,
    }
}

pub fn user_binding(role: &str, user: &str, user_type: UserType) -> BindingDetail {
    BindingDetail {
        id: Some(format!("b-{role}-{user}")),
        binding_type: Some(BindingType::User),
        namespace: None,
        role: Some(BindingRole {
            id: Some(role.into()),
            name: None,
        }),
        group: None,
        user: Some(BindingUser {
            id: Some(user.into()),
            username: Some(user.into()),
            display_name: None,
            user_type: Some(user_type),
        }),
    }
}

pub fn tenant() -> AccessSnapshot {
    let mut admin = role("admin-id", "Admin", &[(Resource::Flow, &[Action::View])]);
    admin.is_managed = true;
    let mut viewer = role("viewer-id", "Viewer", &[(Resource::Flow, &[Action::View])]);
    viewer.is_default = true;
    AccessSnapshot {
        tenant: "dev".into(),
        roles: vec![
            admin,
            role(
                "developer-id",
                "Developer",
                &[
                    (Resource::Flow, &[Action::Create, Action::View]),
                    (Resource::Execution, &[Action::View]),
                ],
            ),
            viewer,
        ],
        groups: vec![
            GroupWithMembers {
                id: "data-id".into(),
                name: "Data team".into(),
                description: Some("People of the data platform".into()),
                members: vec![
                    member("aisha", "data-id", Membership::Owner),
                    member("ben", "data-id", Membership::Member),
                ],
            },
            GroupWithMembers {
                id: "ops-id".into(),
                name: "Ops".into(),
                description: None,
                members: vec![member("chen", "ops-id", Membership::Member)],
            },
        ],
        bindings: vec![
            group_binding("developer-id", "data-id", Some("company.data")),
            group_binding("viewer-id", "ops-id", None),
            user_binding("admin-id", "aisha", UserType::Standard),
            user_binding("developer-id", "ci-bot", UserType::ServiceAccount),
        ],
        namespaces: vec![Namespace {
            id: "company.data".into(),
            description: Some("Data flows".into()),
            ..Namespace::default()
        }],
    }
}
