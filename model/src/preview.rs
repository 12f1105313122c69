//! What saving a role's permissions does to the people holding it, said before the save: the
//! actions gained and lost, who holds the role (groups with their member counts), and whether
//! the admin would take away their own way to manage access.

use std::collections::BTreeMap;

use crate::UserType;
use crate::bindings::{BindingDetail, BindingType};
use crate::permissions::{Action, Permissions, Resource};
use crate::tenant_access::RoleAssignment;
use crate::users::shown_name;

/// The actions a role change adds and takes away, resource by resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermissionChange {
    pub gained: Permissions,
    pub lost: Permissions,
}

impl PermissionChange {
    /// The change from `before` to `after`.
    pub fn between(before: &Permissions, after: &Permissions) -> PermissionChange {
        PermissionChange {
            gained: missing_from(after, before),
            lost: missing_from(before, after),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.gained.is_empty() && self.lost.is_empty()
    }

    /// "2 people gain LIST on ROLE; 2 people lose DELETE on GROUP, UPDATE on GROUP".
    pub fn describe(&self, reach: Reach) -> String {
        let people = reach.people();
        let (gain, lose) = if reach.count == 1 && reach.exact {
            ("gains", "loses")
        } else {
            ("gain", "lose")
        };
        [(gain, &self.gained), (lose, &self.lost)]
            .into_iter()
            .filter(|(_, permissions)| !permissions.is_empty())
            .map(|(verb, permissions)| format!("{people} {verb} {}", list(permissions)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The actions of `from` that `other` lacks.
fn missing_from(from: &Permissions, other: &Permissions) -> Permissions {
    from.iter()
        .filter_map(|(resource, actions)| {
            let kept = other.get(resource);
            let missing: Vec<Action> = actions
                .iter()
                .copied()
                .filter(|a| kept.is_none_or(|k| !k.contains(a)))
                .collect();
            (!missing.is_empty()).then_some((*resource, missing))
        })
        .collect()
}

/// "EXECUTE on FLOW, DELETE on ROLE".
pub fn list(permissions: &Permissions) -> String {
    permissions
        .iter()
        .flat_map(|(resource, actions)| {
            actions
                .iter()
                .map(move |action| format!("{} on {}", action.as_str(), resource.as_str()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who a binding of the role names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolderKind {
    Person,
    ServiceAccount,
    Group,
}

/// One binding of the role, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHolder {
    /// The group's, person's or service account's id.
    pub id: String,
    pub kind: HolderKind,
    pub name: String,
    /// `None`: on the whole tenant.
    pub namespace: Option<String>,
}

impl RoleHolder {
    /// "group Pied Piper (2 members), in namespace company".
    pub fn describe(&self, members: Option<u64>) -> String {
        let who = match (&self.kind, members) {
            (HolderKind::Group, Some(1)) => format!("group {} (1 member)", self.name),
            (HolderKind::Group, Some(n)) => format!("group {} ({n} members)", self.name),
            (HolderKind::Group, None) => format!("group {}", self.name),
            (HolderKind::ServiceAccount, _) => format!("service account {}", self.name),
            (HolderKind::Person, _) => self.name.clone(),
        };
        match &self.namespace {
            Some(ns) => format!("{who}, in namespace {ns}"),
            None => format!("{who}, on the whole tenant"),
        }
    }
}

/// The role's bindings as holders: groups first, then people and service accounts, by name.
pub fn role_holders(bindings: &[BindingDetail]) -> Vec<RoleHolder> {
    let mut holders: Vec<RoleHolder> = bindings
        .iter()
        .filter_map(|binding| {
            let namespace = binding.namespace.clone().filter(|n| !n.is_empty());
            match (binding.binding_type, &binding.group, &binding.user) {
                (Some(BindingType::Group), Some(group), _) => {
                    let id = group.id.clone()?;
                    Some(RoleHolder {
                        name: group.name.clone().unwrap_or_else(|| id.clone()),
                        id,
                        kind: HolderKind::Group,
                        namespace,
                    })
                }
                (_, _, Some(user)) => Some(RoleHolder {
                    id: user.id.clone()?,
                    kind: if user.user_type == Some(UserType::ServiceAccount) {
                        HolderKind::ServiceAccount
                    } else {
                        HolderKind::Person
                    },
                    name: shown_name(user.display_name.as_deref(), user.username.as_deref()),
                    namespace,
                }),
                _ => None,
            }
        })
        .collect();
    holders.sort_by_key(|h| (!matches!(h.kind, HolderKind::Group), h.name.clone()));
    holders
}

/// How many people and service accounts the change reaches: those bound directly plus every
/// counted group's members. `exact` is false when someone may be counted twice (in two groups,
/// or bound twice) or a group's count is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub count: u64,
    pub exact: bool,
}

impl Reach {
    pub fn of(holders: &[RoleHolder], members: &BTreeMap<String, u64>) -> Reach {
        // A subject bound twice (say, on two namespaces) is one subject.
        let unique = |group: bool| {
            let mut ids: Vec<&str> = holders
                .iter()
                .filter(|h| (h.kind == HolderKind::Group) == group)
                .map(|h| h.id.as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let (groups, direct) = (unique(true), unique(false));
        let counted: Vec<Option<&u64>> = groups.iter().map(|id| members.get(*id)).collect();
        Reach {
            count: direct.len() as u64 + counted.iter().flatten().copied().sum::<u64>(),
            // Nobody is counted twice only with one group and nobody else, or no group at all.
            exact: counted.iter().all(Option::is_some)
                && (groups.is_empty() || (groups.len() == 1 && direct.is_empty())),
        }
    }

    /// "2 people", "up to 37 people", "1 person".
    pub fn people(self) -> String {
        let noun = if self.count == 1 { "person" } else { "people" };
        if self.exact {
            format!("{} {noun}", self.count)
        } else {
            format!("up to {} {noun}", self.count)
        }
    }
}

/// The tenant-wide permissions that manage access: with none of them left, an admin can no
/// longer give roles or change them (namespace bindings never grant these).
const MANAGING_ACCESS: [(Resource, Action); 3] = [
    (Resource::Binding, Action::Create),
    (Resource::Binding, Action::Delete),
    (Resource::Role, Action::Update),
];

/// What the admin themselves would lose by the change to role `role_id`: the lost actions no
/// other of `my_roles` grants tenant-wide (a namespace binding of the role grants no
/// tenant-wide action, so only whole-tenant bindings of the role are taken away).
pub fn own_losses(
    change: &PermissionChange,
    role_id: &str,
    my_roles: &[RoleAssignment],
) -> Permissions {
    let whole_tenant = |r: &&RoleAssignment| r.namespace.as_deref().is_none_or(str::is_empty);
    let hold_it = my_roles
        .iter()
        .filter(whole_tenant)
        .any(|r| r.id.as_deref() == Some(role_id));
    if !hold_it {
        return Permissions::new();
    }
    let elsewhere = |resource: Resource, action: Action| {
        my_roles
            .iter()
            .filter(whole_tenant)
            .filter(|r| r.id.as_deref() != Some(role_id))
            .flat_map(|r| &r.permissions)
            .any(|p| p.resource == resource && p.actions.contains(&action))
    };
    change
        .lost
        .iter()
        .filter_map(|(resource, actions)| {
            let lost: Vec<Action> = actions
                .iter()
                .copied()
                .filter(|a| !elsewhere(*resource, *a))
                .collect();
            (!lost.is_empty()).then_some((*resource, lost))
        })
        .collect()
}

/// Whether losing `losses` leaves the admin unable to manage access in the tenant: they lose
/// every access-managing action they held tenant-wide.
pub fn locks_out(losses: &Permissions, my_roles: &[RoleAssignment]) -> bool {
    let held = |resource: Resource, action: Action| {
        my_roles
            .iter()
            .filter(|r| r.namespace.as_deref().is_none_or(str::is_empty))
            .flat_map(|r| &r.permissions)
            .any(|p| p.resource == resource && p.actions.contains(&action))
    };
    let lost = |resource: Resource, action: Action| {
        losses
            .get(&resource)
            .is_some_and(|actions| actions.contains(&action))
    };
    let held_before: Vec<_> = MANAGING_ACCESS
        .into_iter()
        .filter(|(r, a)| held(*r, *a))
        .collect();
    !held_before.is_empty() && held_before.iter().all(|(r, a)| lost(*r, *a))
}

/// What giving (or taking away) one binding does: "The 2 members of group Ops gain VIEW on
/// FLOW in namespace company." `who` names the subject as the sentence starts it.
pub fn binding_effect(
    who: &str,
    permissions: &Permissions,
    namespace: Option<&str>,
    gives: bool,
) -> String {
    let granted: Permissions = permissions
        .iter()
        .filter(|(resource, actions)| {
            !actions.is_empty() && (namespace.is_none() || !resource.is_tenant_wide_only())
        })
        .map(|(resource, actions)| (*resource, actions.clone()))
        .collect();
    let verb = match (gives, who.starts_with("The ")) {
        (true, true) => "gain",
        (true, false) => "gains",
        (false, true) => "lose",
        (false, false) => "loses",
    };
    let scope = match namespace {
        Some(ns) => format!(" in namespace {ns} and below"),
        None => " on the whole tenant".to_string(),
    };
    if granted.is_empty() {
        return format!("{who} {verb} nothing{scope}: the role grants nothing there.");
    }
    let mut sentence = format!("{who} {verb} {}{scope}", list(&granted));
    if !gives {
        sentence.push_str(", unless another role grants it");
    }
    sentence.push('.');
    sentence
}

/// "The 2 members of group Ops", "Gavin Belson": the subject of [`binding_effect`].
pub fn binding_subject(name: &str, group_members: Option<u64>) -> String {
    match group_members {
        Some(1) => format!("The 1 member of group {name}"),
        Some(n) => format!("The {n} members of group {name}"),
        None => name.to_string(),
    }
}

/// What joining or leaving a group does to `person`, from the group's bindings as (role name,
/// namespace): "Ann gains Developer in namespace company and Viewer on the whole tenant."
pub fn membership_effect(person: &str, roles: &[(String, Option<String>)], joins: bool) -> String {
    if roles.is_empty() {
        return format!("The group gives no role: what {person} may do does not change.");
    }
    let named: Vec<String> = roles
        .iter()
        .map(|(role, namespace)| match namespace {
            Some(ns) => format!("{role} in namespace {ns}"),
            None => format!("{role} on the whole tenant"),
        })
        .collect();
    let listed = match named.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => unreachable!("checked above"),
    };
    let sentence = if joins {
        format!("{person} gains {listed}.")
    } else {
        format!("{person} loses {listed}, unless another binding gives it.")
    };
    capitalised(&sentence)
}

/// "a new member gains" → "A new member gains".
fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::{BindingGroup, BindingUser};
    use crate::tenant_access::UserPermission;

    fn perms(list: &[(Resource, &[Action])]) -> Permissions {
        list.iter().map(|(r, a)| (*r, a.to_vec())).collect()
    }

    fn group_binding(id: &str, name: &str, ns: Option<&str>) -> BindingDetail {
        BindingDetail {
            binding_type: Some(BindingType::Group),
            namespace: ns.map(str::to_string),
            group: Some(BindingGroup {
                id: Some(id.into()),
                name: Some(name.into()),
            }),
            ..Default::default()
        }
    }

    fn user_binding(name: &str, kind: UserType) -> BindingDetail {
        BindingDetail {
            binding_type: Some(BindingType::User),
            user: Some(BindingUser {
                id: Some(name.to_lowercase()),
                display_name: Some(name.into()),
                user_type: Some(kind),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn assignment(id: &str, ns: Option<&str>, p: &[(Resource, &[Action])]) -> RoleAssignment {
        RoleAssignment {
            id: Some(id.into()),
            namespace: ns.map(str::to_string),
            permissions: p
                .iter()
                .map(|(resource, actions)| UserPermission {
                    resource: *resource,
                    actions: actions.to_vec(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_change_says_what_is_gained_and_lost() {
        let before = perms(&[(Resource::Group, &[Action::List, Action::Delete])]);
        let after = perms(&[
            (Resource::Group, &[Action::List]),
            (Resource::Flow, &[Action::Execute]),
        ]);
        let change = PermissionChange::between(&before, &after);
        assert_eq!(
            change.gained,
            perms(&[(Resource::Flow, &[Action::Execute])])
        );
        assert_eq!(change.lost, perms(&[(Resource::Group, &[Action::Delete])]));
        let twelve = Reach {
            count: 12,
            exact: true,
        };
        assert_eq!(
            change.describe(twelve),
            "12 people gain EXECUTE on FLOW; 12 people lose DELETE on GROUP"
        );
        let one = Reach {
            count: 1,
            exact: true,
        };
        assert_eq!(
            change.describe(one),
            "1 person gains EXECUTE on FLOW; 1 person loses DELETE on GROUP"
        );
        assert!(PermissionChange::between(&after, &after).is_empty());
    }

    #[test]
    fn holders_list_groups_first_with_their_members() {
        let holders = role_holders(&[
            user_binding("Zed", UserType::Standard),
            group_binding("g1", "Pied Piper", Some("company")),
            user_binding("robot", UserType::ServiceAccount),
        ]);
        assert_eq!(
            holders[0].describe(Some(2)),
            "group Pied Piper (2 members), in namespace company"
        );
        assert_eq!(holders[1].describe(None), "Zed, on the whole tenant");
        assert_eq!(
            holders[2].describe(None),
            "service account robot, on the whole tenant"
        );
    }

    #[test]
    fn reach_is_exact_only_when_nobody_can_be_counted_twice() {
        let one_group = role_holders(&[group_binding("g1", "Ops", None)]);
        let counts = BTreeMap::from([("g1".to_string(), 2), ("g2".to_string(), 10_000)]);
        assert_eq!(Reach::of(&one_group, &counts).people(), "2 people");
        let two = role_holders(&[
            group_binding("g1", "Ops", None),
            group_binding("g2", "Everyone", None),
        ]);
        assert_eq!(Reach::of(&two, &counts).people(), "up to 10002 people");
        let unknown = role_holders(&[group_binding("g3", "Big", None)]);
        assert!(!Reach::of(&unknown, &counts).exact);
        let direct = role_holders(&[user_binding("Ann", UserType::Standard)]);
        assert_eq!(Reach::of(&direct, &counts).people(), "1 person");
    }

    #[test]
    fn a_binding_says_what_it_gives_where() {
        let role = perms(&[
            (Resource::Flow, &[Action::View]),
            (Resource::Group, &[Action::List]),
        ]);
        let members = binding_subject("Ops", Some(2));
        assert_eq!(
            binding_effect(&members, &role, Some("company"), true),
            "The 2 members of group Ops gain VIEW on FLOW in namespace company and below."
        );
        assert_eq!(
            binding_effect("Ann", &role, None, false),
            "Ann loses VIEW on FLOW, LIST on GROUP on the whole tenant, unless another role grants it."
        );
        let iam_only = perms(&[(Resource::Group, &[Action::List])]);
        assert_eq!(
            binding_effect("Ann", &iam_only, Some("company"), true),
            "Ann gains nothing in namespace company and below: the role grants nothing there."
        );
    }

    #[test]
    fn a_membership_says_which_roles_come_and_go() {
        let roles = [
            ("Developer".to_string(), Some("company".to_string())),
            ("Viewer".to_string(), None),
        ];
        assert_eq!(
            membership_effect("Ann", &roles, false),
            "Ann loses Developer in namespace company and Viewer on the whole tenant, unless another binding gives it."
        );
        assert_eq!(
            membership_effect("Ann", &roles[1..], true),
            "Ann gains Viewer on the whole tenant."
        );
        assert_eq!(
            membership_effect("a new member", &roles[1..], true),
            "A new member gains Viewer on the whole tenant."
        );
        assert_eq!(
            membership_effect("Ann", &[], true),
            "The group gives no role: what Ann may do does not change."
        );
    }

    #[test]
    fn taking_away_ones_last_way_to_manage_access_is_caught() {
        let managing: &[(Resource, &[Action])] = &[
            (Resource::Binding, &[Action::Create, Action::Delete]),
            (Resource::Role, &[Action::Update]),
        ];
        let before = perms(managing);
        let change = PermissionChange::between(&before, &Permissions::new());
        let only_this = [assignment("admin", None, managing)];
        let losses = own_losses(&change, "admin", &only_this);
        assert!(locks_out(&losses, &only_this));

        // Another whole-tenant role still grants it: nothing lost.
        let backed = [
            assignment("admin", None, managing),
            assignment("other", None, managing),
        ];
        let losses = own_losses(&change, "admin", &backed);
        assert!(losses.is_empty() && !locks_out(&losses, &backed));

        // Holding the role on a namespace only: its tenant-wide actions were never granted.
        let scoped = [assignment("admin", Some("company"), managing)];
        assert!(own_losses(&change, "admin", &scoped).is_empty());
    }
}
