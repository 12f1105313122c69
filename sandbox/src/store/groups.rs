//! Groups and their members. Joining a group of a tenant gives access to that tenant, so a
//! member can use what the roles bound to the group allow.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::ids;
use crate::store::access::grant_access;
use crate::store::users::identity;

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
