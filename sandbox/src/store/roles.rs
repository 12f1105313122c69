//! Roles: named sets of permissions in one tenant. Every tenant has a managed Admin role, made
//! with the tenant, which holds the permissions of `catalogue::admin_permissions`.

use rusqlite::{Transaction, params};

use crate::error::Result;
use crate::ids;
use crate::store::catalogue;

/// Creates the managed Admin role of a new tenant; returns its id.
pub fn create_admin_role(tx: &Transaction, tenant: &str) -> Result<String> {
    let id = ids::new_id();
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
    Ok(id)
}
