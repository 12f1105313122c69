//! Tenant access: who may use which tenant (`tenant_access`), and the rows of a tenant's lists
//! of people and service accounts.
//!
//! [`grant_access`] is the one way in: it also binds the tenant's default role. Access is given
//! directly, by a group membership, a user binding or an invitation, all of which call it.
//! [`revoke_access`] takes the person's bindings and group memberships in the tenant with it.

use std::collections::HashMap;

use kestra_model::{
    AccessGroup, Authentication, Resource, RoleAssignment, RoleOrigin, TenantAccess,
    UserPermission, UserTenantAccess,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::ids;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::catalogue::parse_stored;
use crate::store::identity::{IDENTITY_COLUMNS, Identity, identity, identity_at};
use crate::store::users::{self, user_not_found};

/// [`grant_access`] asked for through `tenant-access`, logged as `actor`'s when it gives access.
/// (Access given as a side effect of a binding, a membership or an invitation is part of that
/// change's log.)
pub fn give(tx: &Transaction, actor: &Actor, tenant: &str, user: &str) -> Result<bool> {
    let added = grant_access(tx, tenant, user)?;
    if added {
        log(tx, actor, tenant, user, AuditAction::Create, None)?;
    }
    Ok(added)
}

/// [`revoke_access`] asked for through `tenant-access`, logged as `actor`'s when it takes access
/// away.
pub fn take_away(tx: &Transaction, actor: &Actor, tenant: &str, user: &str) -> Result<bool> {
    let before = snapshot(tx, tenant, user)?;
    let removed = revoke_access(tx, tenant, user)?;
    if removed {
        log(tx, actor, tenant, user, AuditAction::Delete, before)?;
    }
    Ok(removed)
}

fn snapshot(conn: &Connection, tenant: &str, user: &str) -> Result<Option<serde_json::Value>> {
    audit::row(
        conn,
        "SELECT * FROM tenant_access WHERE tenant_id = ?1 AND user_id = ?2",
        params![tenant, user],
    )
}

fn log(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    user: &str,
    action: AuditAction,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let change = Change {
        tenant: Some(tenant),
        action,
        resource: Resource::TenantAccess,
        id: user,
        before,
        after: snapshot(tx, tenant, user)?,
    };
    audit::record(tx, actor, change)
}

/// Gives `user` access to `tenant` and binds the tenant's default role; `false` when they
/// already had access (then nothing changes).
pub fn grant_access(tx: &Transaction, tenant: &str, user: &str) -> Result<bool> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO tenant_access (tenant_id, user_id, created_at) VALUES (?1, ?2, ?3)",
        params![tenant, user, ids::now_secs()],
    )?;
    if added == 0 {
        return Ok(false);
    }
    let default_role: Option<String> = tx
        .query_row(
            "SELECT id FROM roles WHERE tenant_id = ?1 AND is_default = 1",
            [tenant],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(role) = default_role {
        tx.execute(
            "INSERT OR IGNORE INTO bindings (id, tenant_id, type, user_id, role_id, created_at)
             VALUES (?1, ?2, 'USER', ?3, ?4, ?5)",
            params![ids::new_id(), tenant, user, role, ids::now_secs()],
        )?;
    }
    Ok(true)
}

/// Takes `user`'s access to `tenant` away with their bindings and group memberships there;
/// `false` when they had no access.
pub fn revoke_access(tx: &Transaction, tenant: &str, user: &str) -> Result<bool> {
    tx.execute(
        "DELETE FROM bindings WHERE tenant_id = ?1 AND user_id = ?2",
        params![tenant, user],
    )?;
    tx.execute(
        "DELETE FROM group_members WHERE user_id = ?2
         AND group_id IN (SELECT id FROM groups WHERE tenant_id = ?1)",
        params![tenant, user],
    )?;
    let removed = tx.execute(
        "DELETE FROM tenant_access WHERE tenant_id = ?1 AND user_id = ?2",
        params![tenant, user],
    )?;
    Ok(removed > 0)
}

/// Gives `user` access to exactly `tenants` (each must exist: 404 otherwise).
pub fn set_tenants(tx: &Transaction, user: &str, tenants: &[String]) -> Result<()> {
    for tenant in tenants {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?1)",
            [tenant],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::not_found(format!("Tenant '{tenant}' not found")));
        }
    }
    let current: Vec<String> = tx
        .prepare("SELECT tenant_id FROM tenant_access WHERE user_id = ?1")?
        .query_map([user], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for tenant in current.iter().filter(|t| !tenants.contains(t)) {
        revoke_access(tx, tenant, user)?;
    }
    for tenant in tenants {
        grant_access(tx, tenant, user)?;
    }
    Ok(())
}

/// Takes service account `id`'s access to `tenant` away, and deletes the account once it has
/// no tenant left, unless it is an instance owner (who may use every tenant anyway).
pub fn remove_service_account(tx: &Transaction, tenant: &str, id: &str) -> Result<()> {
    revoke_access(tx, tenant, id)?;
    let tenants_left: i64 = tx.query_row(
        "SELECT count(*) FROM tenant_access WHERE user_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let owner: bool = tx.query_row("SELECT super_admin FROM users WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    if tenants_left == 0 && !owner {
        users::delete(tx, id)?;
    }
    Ok(())
}

/// Ids of the users of `kind` (`STANDARD` or `SERVICE_ACCOUNT`) with access to `tenant`.
pub fn user_ids_with_access(conn: &Connection, tenant: &str, kind: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT u.id FROM tenant_access a JOIN users u ON u.id = a.user_id
             WHERE a.tenant_id = ?1 AND u.type = ?2 ORDER BY coalesce(u.email, u.name)",
        )?
        .query_map(params![tenant, kind], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The rows of everyone of `kind` with access to `tenant`: a tenant's people or its service
/// accounts. Two queries for the whole tenant rather than two per person, so a tenant of
/// 10,000 people lists in milliseconds.
pub fn rows_with_access(
    conn: &Connection,
    tenant: &str,
    kind: &str,
) -> Result<Vec<UserTenantAccess>> {
    let mut groups: HashMap<String, Vec<AccessGroup>> = HashMap::new();
    let mut memberships = conn.prepare(
        "SELECT m.user_id, g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
         WHERE g.tenant_id = ?1 ORDER BY g.name",
    )?;
    let found = memberships.query_map([tenant], |r| {
        Ok((r.get::<_, String>(0)?, access_group(r.get(1)?, r.get(2)?)))
    })?;
    for membership in found {
        let (user, group) = membership?;
        groups.entry(user).or_default().push(group);
    }
    conn.prepare(&format!(
        "SELECT u.id, {IDENTITY_COLUMNS} FROM tenant_access a JOIN users u ON u.id = a.user_id
             WHERE a.tenant_id = ?1 AND u.type = ?2 ORDER BY coalesce(u.email, u.name)"
    ))?
    .query_map(params![tenant, kind], |r| {
        let user: String = r.get(0)?;
        Ok((user, identity_at(r, 1)?))
    })?
    .map(|found| {
        let (user, identity) = found?;
        let groups = groups.remove(&user).unwrap_or_default();
        Ok(access_row(user, identity, groups))
    })
    .collect::<Result<_>>()
}

/// A user's or service account's row in a tenant's lists.
pub fn row(conn: &Connection, tenant: &str, user: &str) -> Result<UserTenantAccess> {
    let identity = identity(conn, user)?.ok_or_else(user_not_found)?;
    Ok(access_row(
        user.to_owned(),
        identity,
        groups_in(conn, tenant, user)?,
    ))
}

fn access_row(user: String, identity: Identity, groups: Vec<AccessGroup>) -> UserTenantAccess {
    UserTenantAccess {
        id: Some(user),
        username: Some(identity.username),
        display_name: Some(identity.display_name),
        description: identity.description,
        groups,
        auths: if identity.has_password {
            vec![Authentication {
                name: Some("Basic authentication".into()),
                auth_type: Some("BASIC".into()),
            }]
        } else {
            Vec::new()
        },
    }
}

fn access_group(id: String, name: String) -> AccessGroup {
    AccessGroup {
        id: Some(id),
        name: Some(name),
        external: false,
    }
}

/// The groups of `tenant` that `user` is in. (`CROSS JOIN` keeps SQLite on the user's few
/// memberships: left to choose, it walked every group of a tenant of 1,000 groups, about a
/// millisecond per row of a list; a cached statement, as a list's page asks once per row.)
pub fn groups_in(conn: &Connection, tenant: &str, user: &str) -> Result<Vec<AccessGroup>> {
    Ok(conn
        .prepare_cached(
            "SELECT g.id, g.name FROM group_members m CROSS JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?2 AND g.tenant_id = ?1 ORDER BY g.name",
        )?
        .query_map(params![tenant, user], |r| {
            Ok(access_group(r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?)
}

/// One user's access to a tenant with the roles they hold there; 404 without access.
pub fn detail(conn: &Connection, tenant: &str, user: &str) -> Result<TenantAccess> {
    let Identity {
        username,
        display_name: display,
        ..
    } = identity(conn, user)?.ok_or_else(user_not_found)?;
    if !has_access(conn, tenant, user)? {
        return Err(Error::not_found("This user has no access to this tenant"));
    }
    let super_admin: bool =
        conn.query_row("SELECT super_admin FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })?;
    let mut stmt = conn.prepare(
        "SELECT r.id, r.name, r.permissions, b.namespace, b.id, b.group_id FROM bindings b
         JOIN roles r ON r.id = b.role_id
         WHERE b.tenant_id = ?1 AND (b.user_id = ?2 OR b.group_id IN (
             SELECT m.group_id FROM group_members m WHERE m.user_id = ?2))
         ORDER BY r.name, b.namespace",
    )?;
    let roles = stmt
        .query_map(params![tenant, user], |r| {
            let permissions: String = r.get(2)?;
            let group: Option<String> = r.get(5)?;
            Ok(RoleAssignment {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
                namespace: r.get(3)?,
                origin: Some(if group.is_some() {
                    RoleOrigin::Group
                } else {
                    RoleOrigin::Binding
                }),
                source_id: Some(group.map_or_else(|| r.get(4), Ok)?),
                permissions: parse_stored(&permissions)
                    .into_iter()
                    .map(|(resource, actions)| UserPermission {
                        resource,
                        actions: actions.into_iter().collect(),
                    })
                    .collect(),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(TenantAccess {
        tenant_id: Some(tenant.to_owned()),
        user_id: Some(user.to_owned()),
        username: Some(username),
        display_name: Some(display),
        groups: groups_in(conn, tenant, user)?,
        roles,
        super_admin,
    })
}

/// Whether `user_id` has access to `tenant` (instance owners may use every tenant anyway).
pub fn has_access(conn: &Connection, tenant: &str, user_id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM tenant_access WHERE tenant_id = ?1 AND user_id = ?2)",
        params![tenant, user_id],
        |r| r.get(0),
    )?)
}
