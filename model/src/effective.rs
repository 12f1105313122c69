//! What one subject may do, read as a resource × action matrix: for each permission, whether it
//! is granted in the chosen place (the whole tenant, or one namespace) and every role binding
//! it comes from; and for a permission not granted, "why not?": which of the tenant's roles
//! would grant it, and which binding would be needed.
//!
//! It reads the roles the server itself reports for the subject (`TenantAccess::roles`), so it
//! never re-decides what a role grants; it only applies Kestra's scoping rule: a binding on
//! namespace `N` applies in `N` and every namespace below it (`N.` prefix), and never for the
//! tenant's IAM ([`Resource::is_tenant_wide_only`]), which only whole-tenant bindings grant.
//! How a cell looks, and the words for resources and actions, are the console's business.

use std::collections::BTreeMap;

use crate::permissions::{Action, Resource};
use crate::roles::Role;
use crate::tenant_access::{RoleOrigin, TenantAccess};

impl Resource {
    /// The resources that manage the tenant's IAM: people, groups, roles, bindings, service
    /// accounts, invitations, tenant access and security integrations. A binding limited to a
    /// namespace never grants them; only whole-tenant bindings do.
    pub const TENANT_WIDE_ONLY: &'static [Resource] = &[
        Resource::User,
        Resource::Group,
        Resource::Role,
        Resource::Binding,
        Resource::ServiceAccount,
        Resource::Invitation,
        Resource::TenantAccess,
        Resource::SecurityIntegration,
    ];

    /// Whether only a whole-tenant binding can grant the resource (see
    /// [`Resource::TENANT_WIDE_ONLY`]).
    pub fn is_tenant_wide_only(self) -> bool {
        Resource::TENANT_WIDE_ONLY.contains(&self)
    }
}

/// Where a binding applies: the whole tenant or one namespace (and those below it).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    #[default]
    WholeTenant,
    Namespace(String),
}

impl Scope {
    /// `None` or an empty name is the whole tenant.
    pub fn from_namespace(namespace: Option<&str>) -> Scope {
        match namespace.map(str::trim).filter(|n| !n.is_empty()) {
            None => Scope::WholeTenant,
            Some(ns) => Scope::Namespace(ns.to_string()),
        }
    }

    /// The namespace, `None` for the whole tenant.
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Scope::WholeTenant => None,
            Scope::Namespace(ns) => Some(ns),
        }
    }

    /// "the whole tenant" or "namespace company.data".
    pub fn describe(&self) -> String {
        match self {
            Scope::WholeTenant => "the whole tenant".into(),
            Scope::Namespace(ns) => format!("namespace {ns}"),
        }
    }

    /// Whether a binding with this scope grants `resource` where `at` is looked at: a
    /// whole-tenant binding grants everywhere; a namespace binding grants in its namespace and
    /// below, never a tenant-wide-only resource, and never when looking at the whole tenant.
    pub fn applies(&self, at: &Scope, resource: Resource) -> bool {
        match (self, at) {
            (Scope::WholeTenant, _) => true,
            (Scope::Namespace(_), Scope::WholeTenant) => false,
            (Scope::Namespace(bound), Scope::Namespace(at)) => {
                !resource.is_tenant_wide_only() && covers(bound, at)
            }
        }
    }
}

/// Whether a binding on `bound` covers namespace `at` (itself or one below it).
pub fn covers(bound: &str, at: &str) -> bool {
    at == bound
        || at
            .strip_prefix(bound)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// How the subject holds a role: bound to them, or through one of their groups.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    Direct,
    /// The group's name (its id when the answer names none).
    Group(String),
}

/// One role binding a permission comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The role's name (its id when the answer names none).
    pub role: String,
    pub via: Via,
    pub scope: Scope,
}

impl Source {
    /// "Role Developer, via group Data team, on namespace company.data".
    pub fn describe(&self) -> String {
        let via = match &self.via {
            Via::Direct => "bound directly".to_string(),
            Via::Group(group) => format!("via group {group}"),
        };
        format!("Role {}, {via}, on {}", self.role, self.scope.describe())
    }
}

/// One permission of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The bindings that grant it where the matrix looks.
    pub applies: Vec<Source>,
    /// Bindings that grant it elsewhere only (another namespace, or a namespace binding for an
    /// IAM resource): shown so "why not?" can say the role is there but bound too narrowly.
    pub elsewhere: Vec<Source>,
}

impl Cell {
    pub fn granted(&self) -> bool {
        !self.applies.is_empty()
    }
}

/// A subject's permissions looked at in one place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    /// Where the matrix looks.
    pub at: Scope,
    /// An instance owner may do everything, whatever their bindings.
    pub instance_owner: bool,
    /// Every permission with at least one source, here or elsewhere.
    pub cells: BTreeMap<(Resource, Action), Cell>,
}

impl Matrix {
    /// The cell of `(resource, action)`; an empty one when no binding mentions it.
    pub fn cell(&self, resource: Resource, action: Action) -> Cell {
        self.cells
            .get(&(resource, action))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the subject may do `action` on `resource` where the matrix looks.
    pub fn granted(&self, resource: Resource, action: Action) -> bool {
        self.instance_owner
            || self
                .cells
                .get(&(resource, action))
                .is_some_and(Cell::granted)
    }

    /// How many permissions are granted where the matrix looks (without counting an instance
    /// owner's everything).
    pub fn granted_count(&self) -> usize {
        self.cells.values().filter(|c| c.granted()).count()
    }
}

/// `access` looked at in `at`: every permission its roles mention, with the bindings that
/// grant it there and those that grant it elsewhere only, each listed once, in order.
pub fn matrix(access: &TenantAccess, at: &Scope) -> Matrix {
    let group_name = |id: &str| {
        access
            .groups
            .iter()
            .find(|g| g.id.as_deref() == Some(id))
            .and_then(|g| g.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let mut cells: BTreeMap<(Resource, Action), Cell> = BTreeMap::new();
    for role in &access.roles {
        let source = Source {
            role: role
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .or(role.id.clone())
                .unwrap_or_default(),
            via: match role.origin {
                Some(RoleOrigin::Group) => {
                    Via::Group(group_name(role.source_id.as_deref().unwrap_or_default()))
                }
                _ => Via::Direct,
            },
            scope: Scope::from_namespace(role.namespace.as_deref()),
        };
        for permission in &role.permissions {
            let here = source.scope.applies(at, permission.resource);
            for &action in &permission.actions {
                let cell = cells.entry((permission.resource, action)).or_default();
                let list = if here {
                    &mut cell.applies
                } else {
                    &mut cell.elsewhere
                };
                if !list.contains(&source) {
                    list.push(source.clone());
                }
            }
        }
    }
    for cell in cells.values_mut() {
        cell.applies.sort();
        cell.elsewhere.sort();
    }
    Matrix {
        at: at.clone(),
        instance_owner: access.super_admin,
        cells,
    }
}

/// Why a permission is not granted, and what would grant it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyNot {
    /// The tenant's roles that grant the permission, the smallest first (fewest permissions:
    /// the least a person would be given to get it), then by name.
    pub roles: Vec<Offer>,
    /// The binding that would be needed: the place looked at, or the whole tenant for an IAM
    /// resource.
    pub needed: Scope,
    /// Whether `needed` is the whole tenant because the resource is tenant-wide only, even
    /// though a namespace is looked at.
    pub tenant_wide_only: bool,
}

/// A role that would grant a permission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub id: Option<String>,
    pub name: String,
}

/// What would grant `action` on `resource` in `at`, from the tenant's `roles` (deleted ones
/// left out).
pub fn why_not(roles: &[Role], resource: Resource, action: Action, at: &Scope) -> WhyNot {
    let mut granting: Vec<(usize, &Role)> = roles
        .iter()
        .filter(|r| !r.deleted)
        .filter(|r| {
            r.permissions
                .get(&resource)
                .is_some_and(|a| a.contains(&action))
        })
        .map(|r| (r.permissions.values().map(Vec::len).sum(), r))
        .collect();
    granting.sort_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| ra.name.cmp(&rb.name)));
    let tenant_wide_only = resource.is_tenant_wide_only() && *at != Scope::WholeTenant;
    WhyNot {
        roles: granting
            .into_iter()
            .map(|(_, r)| Offer {
                id: r.id.clone(),
                name: r.name.clone(),
            })
            .collect(),
        needed: if tenant_wide_only {
            Scope::WholeTenant
        } else {
            at.clone()
        },
        tenant_wide_only,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Permissions;
    use crate::tenant_access::{AccessGroup, RoleAssignment, UserPermission};

    fn assignment(
        name: &str,
        origin: RoleOrigin,
        source: &str,
        ns: Option<&str>,
        p: &[(Resource, &[Action])],
    ) -> RoleAssignment {
        RoleAssignment {
            id: Some(name.to_lowercase()),
            name: Some(name.into()),
            namespace: ns.map(str::to_string),
            origin: Some(origin),
            source_id: Some(source.into()),
            permissions: p
                .iter()
                .map(|(resource, actions)| UserPermission {
                    resource: *resource,
                    actions: actions.to_vec(),
                })
                .collect(),
        }
    }

    /// Aisha: Developer through group Data team on `company.data`, Viewer bound to her on the
    /// whole tenant, and Group admin through Data team on `company` (which never grants IAM).
    fn aisha() -> TenantAccess {
        TenantAccess {
            display_name: Some("Aisha".into()),
            groups: vec![AccessGroup {
                id: Some("g1".into()),
                name: Some("Data team".into()),
                external: false,
            }],
            roles: vec![
                assignment(
                    "Developer",
                    RoleOrigin::Group,
                    "g1",
                    Some("company.data"),
                    &[(Resource::Flow, &[Action::View, Action::Create])],
                ),
                assignment(
                    "Viewer",
                    RoleOrigin::Binding,
                    "b1",
                    None,
                    &[(Resource::Flow, &[Action::View])],
                ),
                assignment(
                    "Group admin",
                    RoleOrigin::Group,
                    "g1",
                    Some("company"),
                    &[(Resource::Group, &[Action::Update])],
                ),
            ],
            ..Default::default()
        }
    }

    fn ns(name: &str) -> Scope {
        Scope::Namespace(name.into())
    }

    #[test]
    fn a_namespace_binding_covers_its_namespace_and_those_below_only() {
        assert!(covers("company.data", "company.data"));
        assert!(covers("company.data", "company.data.raw"));
        assert!(!covers("company.data", "company.database"));
        assert!(!covers("company.data", "company"));
    }

    #[test]
    fn in_a_namespace_a_cell_names_every_role_group_and_scope_that_grants_it() {
        let m = matrix(&aisha(), &ns("company.data.raw"));
        let view = m.cell(Resource::Flow, Action::View);
        let described: Vec<_> = view.applies.iter().map(Source::describe).collect();
        assert_eq!(
            described,
            [
                "Role Developer, via group Data team, on namespace company.data",
                "Role Viewer, bound directly, on the whole tenant",
            ]
        );
        assert!(m.granted(Resource::Flow, Action::Create));
        assert!(!m.granted(Resource::Flow, Action::Delete));
        assert_eq!(m.granted_count(), 2);
    }

    #[test]
    fn namespace_bindings_grant_nothing_elsewhere_nor_on_the_whole_tenant() {
        let other = matrix(&aisha(), &ns("company.sales"));
        assert!(other.granted(Resource::Flow, Action::View));
        let create = other.cell(Resource::Flow, Action::Create);
        assert!(!create.granted());
        assert_eq!(create.elsewhere[0].scope, ns("company.data"));
        let tenant = matrix(&aisha(), &Scope::WholeTenant);
        assert!(!tenant.granted(Resource::Flow, Action::Create));
        assert!(tenant.granted(Resource::Flow, Action::View));
    }

    #[test]
    fn a_namespace_binding_never_grants_iam_even_in_its_own_namespace() {
        let m = matrix(&aisha(), &ns("company"));
        let update = m.cell(Resource::Group, Action::Update);
        assert!(!update.granted());
        assert_eq!(update.elsewhere.len(), 1);
    }

    #[test]
    fn an_instance_owner_is_granted_everything() {
        let owner = TenantAccess {
            super_admin: true,
            ..Default::default()
        };
        assert!(matrix(&owner, &Scope::WholeTenant).granted(Resource::Secret, Action::Delete));
    }

    fn role(name: &str, permissions: Permissions, deleted: bool) -> Role {
        Role {
            id: Some(name.to_lowercase()),
            name: name.into(),
            permissions,
            deleted,
            ..Default::default()
        }
    }

    #[test]
    fn why_not_offers_the_smallest_roles_first_and_the_binding_in_the_namespace() {
        let roles = [
            role(
                "Admin",
                Permissions::from([
                    (Resource::Flow, vec![Action::View, Action::Delete]),
                    (Resource::Group, vec![Action::Update]),
                ]),
                false,
            ),
            role(
                "Flow janitor",
                Permissions::from([(Resource::Flow, vec![Action::Delete])]),
                false,
            ),
            role(
                "Gone",
                Permissions::from([(Resource::Flow, vec![Action::Delete])]),
                true,
            ),
            role(
                "Viewer",
                Permissions::from([(Resource::Flow, vec![Action::View])]),
                false,
            ),
        ];
        let why = why_not(&roles, Resource::Flow, Action::Delete, &ns("company.data"));
        let names: Vec<_> = why.roles.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Flow janitor", "Admin"]);
        assert_eq!(why.needed, ns("company.data"));
        assert!(!why.tenant_wide_only);

        let iam = why_not(&roles, Resource::Group, Action::Update, &ns("company.data"));
        assert_eq!(iam.needed, Scope::WholeTenant);
        assert!(iam.tenant_wide_only);
        assert!(
            why_not(&roles, Resource::Secret, Action::View, &Scope::WholeTenant)
                .roles
                .is_empty()
        );
    }
}
