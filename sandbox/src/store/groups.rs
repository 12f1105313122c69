//! Groups and their members. Joining a group of a tenant gives access to that tenant, so a
//! member can use what the roles bound to the group allow. Group names are unique in a tenant.

use kestra_model::Resource;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result, ResultExt};
use crate::ids;
use crate::store::access::grant_access;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::identity::identity;

/// Creates group `id` of `tenant` with these members (409 when the name is taken), logged as
/// `actor`'s (one log: the group with its members).
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    name: &str,
    description: Option<&str>,
    members: &[String],
) -> Result<()> {
    tx.execute(
        "INSERT INTO groups (id, tenant_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, tenant, name, description, ids::now_secs()],
    )
    .on_unique("groups.tenant_id", || name_taken(name))?;
    for member in members {
        add_member(tx, tenant, id, member)?;
    }
    log(tx, actor, tenant, id, AuditAction::Create, None)
}

/// Renames group `id` of `tenant` (404 when unknown, 409 when the name is taken), logged as
/// `actor`'s.
pub fn update(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    name: &str,
    description: Option<&str>,
) -> Result<()> {
    require_group(tx, tenant, id)?;
    let before = snapshot(tx, id)?;
    tx.execute(
        "UPDATE groups SET name = ?2, description = ?3 WHERE id = ?1",
        params![id, name, description],
    )
    .on_unique("groups.tenant_id", || name_taken(name))?;
    log(tx, actor, tenant, id, AuditAction::Update, before)
}

/// Deletes group `id` of `tenant` with its memberships and bindings (404 when unknown), logged
/// as `actor`'s.
pub fn delete(tx: &Transaction, actor: &Actor, tenant: &str, id: &str) -> Result<()> {
    require_group(tx, tenant, id)?;
    let before = snapshot(tx, id)?;
    tx.execute("DELETE FROM groups WHERE id = ?1", [id])?;
    log(tx, actor, tenant, id, AuditAction::Delete, before)
}

/// Group `id` as the audit trail shows it: its row, and `members` from each member's id to
/// their membership (`OWNER`, `MEMBER`), so a patch names the person added or removed.
fn snapshot(conn: &Connection, id: &str) -> Result<Option<serde_json::Value>> {
    let Some(mut group) = audit::snapshot(conn, "groups", id)? else {
        return Ok(None);
    };
    let members: serde_json::Map<String, serde_json::Value> = conn
        .prepare("SELECT user_id, membership FROM group_members WHERE group_id = ?1")?
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?.into()))
        })?
        .collect::<Result<_, _>>()?;
    group["members"] = serde_json::Value::Object(members);
    Ok(Some(group))
}

/// Logs `action` on group `id`, from `before` to the group as it is now.
fn log(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    action: AuditAction,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let change = Change {
        tenant: Some(tenant),
        action,
        resource: Resource::Group,
        id,
        before,
        after: snapshot(tx, id)?,
    };
    audit::record(tx, actor, change)
}

/// 404 unless `id` is a group of `tenant`.
pub fn require_group(conn: &Connection, tenant: &str, id: &str) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND tenant_id = ?2)",
        params![id, tenant],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(Error::not_found(format!("Group '{id}' not found")))
    }
}

fn name_taken(name: &str) -> Error {
    Error::Conflict(format!(
        "A group named '{name}' already exists in this tenant"
    ))
}

/// Adds `user` to `group` (of `tenant`) and gives them access to the tenant; `false` when
/// they were already a member. 404 for an unknown user.
pub fn add_member(tx: &Transaction, tenant: &str, group: &str, user: &str) -> Result<bool> {
    identity(tx, user)?.ok_or_else(|| Error::not_found(format!("User '{user}' not found")))?;
    grant_access(tx, tenant, user)?;
    let added = tx.execute(
        "INSERT OR IGNORE INTO group_members (group_id, user_id, created_at) VALUES (?1, ?2, ?3)",
        params![group, user, ids::now_secs()],
    )?;
    Ok(added > 0)
}

/// Adds `user` to group `id` of `tenant`: 404 for an unknown group or user, 409 for a member.
/// Logged as an update of the group by `actor`.
pub fn join(tx: &Transaction, actor: &Actor, tenant: &str, id: &str, user: &str) -> Result<()> {
    require_group(tx, tenant, id)?;
    let before = snapshot(tx, id)?;
    if !add_member(tx, tenant, id, user)? {
        return Err(Error::Conflict(
            "The user is already a member of this group".into(),
        ));
    }
    log(tx, actor, tenant, id, AuditAction::Update, before)
}

/// Takes `user` out of group `id` of `tenant` (404 for an unknown group or user, 409 for
/// someone who is not a member). Logged as an update of the group by `actor`.
pub fn leave(tx: &Transaction, actor: &Actor, tenant: &str, id: &str, user: &str) -> Result<()> {
    require_group(tx, tenant, id)?;
    let before = snapshot(tx, id)?;
    let removed = tx.execute(
        "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2",
        params![id, user],
    )?;
    if removed == 0 {
        return Err(not_a_member(tx, user));
    }
    log(tx, actor, tenant, id, AuditAction::Update, before)
}

/// Sets the `membership` (`OWNER` or `MEMBER`) of a member of group `id` of `tenant`, logged
/// as an update of the group by `actor`.
pub fn set_membership(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    user: &str,
    membership: &str,
) -> Result<()> {
    require_group(tx, tenant, id)?;
    let before = snapshot(tx, id)?;
    let changed = tx.execute(
        "UPDATE group_members SET membership = ?3 WHERE group_id = ?1 AND user_id = ?2",
        params![id, user, membership],
    )?;
    if changed == 0 {
        return Err(not_a_member(tx, user));
    }
    log(tx, actor, tenant, id, AuditAction::Update, before)
}

/// Why a change to `user`'s membership found no row: an unknown user is a 404, an existing
/// user who is not in the group a 409 (Kestra's document: "User is not a member of the group").
fn not_a_member(conn: &Connection, user: &str) -> Error {
    match identity(conn, user) {
        Ok(Some(_)) => Error::Conflict("User is not a member of the group".into()),
        Ok(None) => Error::not_found(format!("User '{user}' not found")),
        Err(err) => err,
    }
}

/// Makes `user` (a person or a service account) a member of exactly `groups` among the groups
/// of `tenant`: 404 for an unknown user or a group that is not in the tenant. Each group whose
/// members change is logged as updated by `actor`.
pub fn set_in_tenant(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    user: &str,
    groups: &[&str],
) -> Result<()> {
    identity(tx, user)?.ok_or_else(|| Error::not_found("User not found"))?;
    for group in groups {
        require_group(tx, tenant, group)?;
    }
    let mut touched: Vec<String> = tx
        .prepare(
            "SELECT m.group_id FROM group_members m CROSS JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?1 AND g.tenant_id = ?2",
        )?
        .query_map(params![user, tenant], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    touched.extend(groups.iter().map(|g| (*g).to_owned()));
    touched.sort();
    touched.dedup();
    let before = touched
        .iter()
        .map(|g| snapshot(tx, g))
        .collect::<Result<Vec<_>>>()?;
    tx.execute(
        "DELETE FROM group_members WHERE user_id = ?1
         AND group_id IN (SELECT id FROM groups WHERE tenant_id = ?2)",
        params![user, tenant],
    )?;
    for group in groups {
        add_member(tx, tenant, group, user)?;
    }
    for (group, before) in touched.iter().zip(before) {
        if before != snapshot(tx, group)? {
            log(tx, actor, tenant, group, AuditAction::Update, before)?;
        }
    }
    Ok(())
}

/// Makes `user` a member of exactly `groups` (ids, in any tenant; each must exist: 404
/// otherwise), giving access to each group's tenant.
pub fn set_groups(tx: &Transaction, user: &str, groups: &[String]) -> Result<()> {
    let mut tenants = Vec::new();
    for group in groups {
        let tenant: Option<String> = tx
            .query_row("SELECT tenant_id FROM groups WHERE id = ?1", [group], |r| {
                r.get(0)
            })
            .optional()?;
        tenants.push(tenant.ok_or_else(|| Error::not_found(format!("Group '{group}' not found")))?);
    }
    tx.execute("DELETE FROM group_members WHERE user_id = ?1", [user])?;
    for (group, tenant) in groups.iter().zip(&tenants) {
        grant_access(tx, tenant, user)?;
        tx.execute(
            "INSERT OR IGNORE INTO group_members (group_id, user_id, created_at) VALUES (?1, ?2, ?3)",
            params![group, user, ids::now_secs()],
        )?;
    }
    Ok(())
}
