//! Who is calling and what they may do: the roles bound to a user, directly or through their
//! groups, read into [`Grants`] for one tenant.
//!
//! Instance owners may do anything. Anyone else may use a tenant only when they were given
//! access to it, and may do there exactly what their bindings grant. A binding limited to a
//! namespace grants its permissions only for that namespace and the ones below it, so it never
//! allows managing the tenant's IAM (users, groups, roles, bindings...), which is tenant-wide.
//! Resolving credentials to a [`Caller`] is `auth`'s business, and refusing a request `rbac`'s.

use std::collections::{BTreeMap, BTreeSet};

use kestra_model::{Action, Permissions, Resource};
use rusqlite::{Connection, params};

use crate::error::Result;
use crate::store::access::has_access;
use crate::store::catalogue::{all_permissions, parse_stored};

/// The signed-in user (or service account) of a request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    /// Instance owner: may do anything anywhere.
    pub super_admin: bool,
}

/// What one user may do in one tenant.
#[derive(Clone, Debug, Default)]
pub struct Grants {
    pub super_admin: bool,
    /// From bindings for the whole tenant.
    pub tenant_wide: BTreeMap<Resource, BTreeSet<Action>>,
    /// From bindings limited to a namespace: (namespace, resource, actions).
    pub by_namespace: Vec<(String, Resource, BTreeSet<Action>)>,
}

impl Grants {
    pub fn allows(&self, resource: Resource, action: Action) -> bool {
        self.super_admin
            || self
                .tenant_wide
                .get(&resource)
                .is_some_and(|a| a.contains(&action))
    }

    /// Whether `action` on `resource` is allowed in `namespace` (tenant-wide grants count too).
    pub fn allows_in_namespace(&self, namespace: &str, resource: Resource, action: Action) -> bool {
        self.allows(resource, action)
            || self.by_namespace.iter().any(|(ns, r, actions)| {
                *r == resource
                    && actions.contains(&action)
                    && (namespace == ns || namespace.starts_with(&format!("{ns}.")))
            })
    }

    /// The tenant-wide permissions as the wire map (for the `sandboxPermissions` hint).
    pub fn to_permissions(&self) -> Permissions {
        if self.super_admin {
            return all_permissions();
        }
        self.tenant_wide
            .iter()
            .map(|(r, a)| (*r, a.iter().copied().collect()))
            .collect()
    }
}

/// Whether `caller` may do `action` on `resource` tenant-wide in `tenant` (instance owners
/// always may).
pub fn may_in(
    conn: &Connection,
    caller: &Caller,
    tenant: &str,
    resource: Resource,
    action: Action,
) -> Result<bool> {
    if caller.super_admin {
        return Ok(true);
    }
    Ok(has_access(conn, tenant, &caller.user_id)?
        && grants_in(conn, caller, tenant)?.allows(resource, action))
}

/// The tenants where `caller` may do `action` on `resource` tenant-wide.
pub fn tenants_where(
    conn: &Connection,
    caller: &Caller,
    resource: Resource,
    action: Action,
) -> Result<Vec<String>> {
    let tenants: Vec<String> = conn
        .prepare("SELECT tenant_id FROM tenant_access WHERE user_id = ?1 ORDER BY tenant_id")?
        .query_map([&caller.user_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for tenant in tenants {
        if caller.super_admin || grants_in(conn, caller, &tenant)?.allows(resource, action) {
            out.push(tenant);
        }
    }
    Ok(out)
}

/// What `caller` may do in `tenant`, from the roles bound to them and to their groups there.
pub fn grants_in(conn: &Connection, caller: &Caller, tenant: &str) -> Result<Grants> {
    let mut grants = Grants {
        super_admin: caller.super_admin,
        ..Grants::default()
    };
    if caller.super_admin {
        return Ok(grants);
    }
    let mut stmt = conn.prepare(
        "SELECT r.permissions, b.namespace FROM bindings b JOIN roles r ON r.id = b.role_id
         WHERE b.tenant_id = ?1 AND (b.user_id = ?2 OR b.group_id IN (
             SELECT m.group_id FROM group_members m CROSS JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?2 AND g.tenant_id = ?1))",
    )?;
    let rows = stmt.query_map(params![tenant, caller.user_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (permissions, namespace) = row?;
        for (resource, actions) in parse_stored(&permissions) {
            match &namespace {
                None => grants
                    .tenant_wide
                    .entry(resource)
                    .or_default()
                    .extend(actions),
                Some(ns) => grants.by_namespace.push((ns.clone(), resource, actions)),
            }
        }
    }
    Ok(grants)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespace_grant_covers_the_namespaces_below_it_only() {
        let grants = Grants {
            by_namespace: vec![("company.team".into(), Resource::Flow, [Action::View].into())],
            ..Grants::default()
        };
        assert!(grants.allows_in_namespace("company.team", Resource::Flow, Action::View));
        assert!(grants.allows_in_namespace("company.team.sub", Resource::Flow, Action::View));
        assert!(!grants.allows_in_namespace("company.teams", Resource::Flow, Action::View));
        assert!(!grants.allows_in_namespace("company", Resource::Flow, Action::View));
        assert!(!grants.allows(Resource::Flow, Action::View));
    }
}
