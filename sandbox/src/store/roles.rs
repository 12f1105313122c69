//! Roles: named sets of permissions in one tenant. Every tenant has a managed Admin role, made
//! with the tenant, which holds the permissions of `catalogue::admin_permissions` and cannot
//! be changed or deleted. Role names are unique in a tenant. At most one role per tenant is the
//! default role, bound to people when they are given access to the tenant.

use kestra_model::{Permissions, Resource};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result, ResultExt};
use crate::ids;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::catalogue;

/// Creates the managed Admin role of a new tenant under `id`.
pub fn create_admin_role(tx: &Transaction, tenant: &str, id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO roles (id, tenant_id, name, description, permissions, is_managed, created_at)
         VALUES (?1, ?2, 'Admin', 'Everything in the tenant', ?3, 1, ?4)",
        params![
            id,
            tenant,
            serde_json::to_string(&catalogue::admin_permissions()).map_err(anyhow::Error::from)?,
            ids::now_secs()
        ],
    )?;
    Ok(())
}

/// A role as a client sets it, once checked against the catalogue.
pub struct RoleFields<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub permissions: &'a Permissions,
    /// `Some(true)` makes it the tenant's only default role, `Some(false)` clears the flag.
    pub is_default: Option<bool>,
}

/// Creates role `id` in `tenant` (409 when the name is taken), logged as `actor`'s.
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    role: &RoleFields,
) -> Result<()> {
    tx.execute(
        "INSERT INTO roles (id, tenant_id, name, description, permissions, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            tenant,
            role.name,
            role.description,
            to_json(role.permissions)?,
            ids::now_secs()
        ],
    )
    .on_unique("roles.tenant_id, roles.name", || name_taken(role.name))?;
    if role.is_default == Some(true) {
        make_default(tx, tenant, id)?;
    }
    log(tx, actor, tenant, id, AuditAction::Create, None)
}

/// Replaces role `id` of `tenant`: 404 when unknown, 403 for a managed role, 409 when the name
/// is taken. Logged as `actor`'s.
pub fn update(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    role: &RoleFields,
) -> Result<()> {
    let before = audit::snapshot(tx, "roles", id)?;
    if find(tx, tenant, id)?.managed {
        return Err(Error::Forbidden("A managed role cannot be changed".into()));
    }
    tx.execute(
        "UPDATE roles SET name = ?2, description = ?3, permissions = ?4 WHERE id = ?1",
        params![id, role.name, role.description, to_json(role.permissions)?],
    )
    .on_unique("roles.tenant_id, roles.name", || name_taken(role.name))?;
    match role.is_default {
        Some(true) => make_default(tx, tenant, id)?,
        Some(false) => {
            tx.execute("UPDATE roles SET is_default = 0 WHERE id = ?1", [id])?;
        }
        None => {}
    }
    log(tx, actor, tenant, id, AuditAction::Update, before)
}

/// Deletes role `id` of `tenant`: 404 when unknown, 403 for a managed role, and 409 while it is
/// bound (as Kestra refuses): deleting it would silently take rights away from everyone bound
/// to it, so the bindings must go first. Logged as `actor`'s.
pub fn delete(tx: &Transaction, actor: &Actor, tenant: &str, id: &str) -> Result<()> {
    let role = find(tx, tenant, id)?;
    let before = audit::snapshot(tx, "roles", id)?;
    if role.managed {
        return Err(Error::Forbidden("A managed role cannot be deleted".into()));
    }
    let bindings: i64 = tx.query_row(
        "SELECT COUNT(*) FROM bindings WHERE role_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if bindings > 0 {
        return Err(Error::Conflict(format!(
            "Role '{}' is still bound ({bindings} binding{}); delete its bindings first",
            role.name,
            if bindings == 1 { "" } else { "s" }
        )));
    }
    tx.execute("DELETE FROM roles WHERE id = ?1", [id])?;
    log(tx, actor, tenant, id, AuditAction::Delete, before)
}

/// Logs `action` on role `id`, from `before` to the role as it is now.
fn log(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    action: AuditAction,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let after = audit::snapshot(tx, "roles", id)?;
    let change = Change {
        tenant: Some(tenant),
        action,
        resource: Resource::Role,
        id,
        before,
        after,
    };
    audit::record(tx, actor, change)
}

struct Found {
    name: String,
    managed: bool,
}

/// Role `id` of `tenant`; 404 otherwise.
fn find(conn: &Connection, tenant: &str, id: &str) -> Result<Found> {
    conn.query_row(
        "SELECT name, is_managed FROM roles WHERE id = ?1 AND tenant_id = ?2",
        params![id, tenant],
        |r| {
            Ok(Found {
                name: r.get(0)?,
                managed: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Role '{id}' not found")))
}

fn to_json(permissions: &Permissions) -> Result<String> {
    Ok(serde_json::to_string(permissions).map_err(anyhow::Error::from)?)
}

fn name_taken(name: &str) -> Error {
    Error::Conflict(format!(
        "A role named '{name}' already exists in this tenant"
    ))
}

/// Makes `id` the tenant's only default role.
fn make_default(tx: &Transaction, tenant: &str, id: &str) -> Result<()> {
    tx.execute(
        "UPDATE roles SET is_default = 0 WHERE tenant_id = ?1 AND is_default = 1",
        [tenant],
    )?;
    tx.execute("UPDATE roles SET is_default = 1 WHERE id = ?1", [id])?;
    Ok(())
}
