//! Namespaces created through the API or the seed. A tenant's other namespaces (the ones its
//! bindings name, and their parents) are never stored: `http::namespaces` lists them from the
//! bindings.

use kestra_model::Resource;
use rusqlite::{Connection, Transaction, params};
use serde_json::{Map, Value};

use crate::error::{Error, Result, ResultExt};
use crate::ids;
use crate::store::audit::{self, Actor, AuditAction, Change};

/// Creates namespace `id` in `tenant` with its checked configuration `extra` (409 when it was
/// created before), logged as `actor`'s.
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    description: Option<&str>,
    extra: Map<String, Value>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO namespaces (tenant_id, id, description, extra, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![tenant, id, description, Value::Object(extra).to_string(), ids::now_secs()],
    )
    .on_unique("namespaces.tenant_id", || {
        Error::Conflict(format!("Namespace '{id}' already exists"))
    })?;
    log(tx, actor, tenant, id, AuditAction::Create, None)
}

/// Deletes created namespace `id` of `tenant`, logged as `actor`'s; 404 for one that was never
/// created.
pub fn delete(tx: &Transaction, actor: &Actor, tenant: &str, id: &str) -> Result<()> {
    let before = snapshot(tx, tenant, id)?;
    match tx.execute(
        "DELETE FROM namespaces WHERE tenant_id = ?1 AND id = ?2",
        params![tenant, id],
    )? {
        0 => Err(Error::not_found(format!("Namespace '{id}' not found"))),
        _ => log(tx, actor, tenant, id, AuditAction::Delete, before),
    }
}

fn snapshot(conn: &Connection, tenant: &str, id: &str) -> Result<Option<Value>> {
    audit::row(
        conn,
        "SELECT * FROM namespaces WHERE tenant_id = ?1 AND id = ?2",
        params![tenant, id],
    )
}

fn log(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    action: AuditAction,
    before: Option<Value>,
) -> Result<()> {
    let change = Change {
        tenant: Some(tenant),
        action,
        resource: Resource::Namespace,
        id,
        before,
        after: snapshot(tx, tenant, id)?,
    };
    audit::record(tx, actor, change)
}
