//! Tenants: creating one with its managed Admin role, and reading them back.
//!
//! The sandbox interprets only a tenant's `id` and `name`; the other fields of the document's
//! `Tenant` are checked against it (`shapes`) and kept as sent, in `extra` (see
//! `migrations/0001_tenants_users.sql`). Deleting a tenant deletes everything in it, by the
//! schema's cascades.

use kestra_model::{Resource, Tenant, rules};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Map, Value};

use crate::error::{Error, Result, ResultExt, field_error};
use crate::ids;
use crate::store::access::grant_access;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::roles::create_admin_role;
use crate::store::shapes::{TenantConfig, stored_tenant_fields};

/// A tenant checked against the document and ready to store: what `POST /api/v1/tenants` and
/// the offline `tenants create` command create, and what `PUT /api/v1/tenants/{id}` stores.
pub struct CheckedTenant {
    id: String,
    name: String,
    extra: Map<String, Value>,
}

impl CheckedTenant {
    /// Checks a requested tenant (422 naming each bad field).
    pub fn from_request(tenant: Tenant) -> Result<CheckedTenant> {
        validate(&tenant)?;
        let (extra, id, name) = split(tenant)?;
        Ok(CheckedTenant { id, name, extra })
    }

    /// Stores the tenant with its managed Admin role (409 if the id is taken) and, when `admin`
    /// names a user, gives them access and binds them to that role. Returns the stored tenant.
    /// Logged as `actor`'s, as one change (the tenant), in the new tenant's log.
    pub fn insert(self, tx: &Transaction, actor: &Actor, admin: Option<&str>) -> Result<Tenant> {
        let CheckedTenant { id, name, extra } = self;
        tx.execute(
            "INSERT INTO tenants (id, name, extra, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, Value::Object(extra).to_string(), ids::now_secs()],
        )
        .on_unique("tenants.id", || {
            Error::Conflict(format!("Tenant '{id}' already exists"))
        })?;
        let admin_role = ids::new_id();
        create_admin_role(tx, &id, &admin_role)?;
        if let Some(user) = admin {
            grant_access(tx, &id, user)?;
            tx.execute(
                "INSERT OR IGNORE INTO bindings (id, tenant_id, type, user_id, role_id, created_at)
                 VALUES (?1, ?2, 'USER', ?3, ?4, ?5)",
                params![ids::new_id(), id, user, admin_role, ids::now_secs()],
            )?;
        }
        let tenant = load(tx, &id)?.ok_or_else(|| anyhow::anyhow!("tenant vanished"))?;
        log(tx, actor, &id, AuditAction::Create, None, Some(&tenant))?;
        Ok(tenant)
    }

    /// Replaces the name and the other fields of the existing tenant of this id (404 when
    /// there is none). Returns the stored tenant. Logged as `actor`'s.
    pub fn update(self, tx: &Transaction, actor: &Actor) -> Result<Tenant> {
        let CheckedTenant { id, name, extra } = self;
        let before = load(tx, &id)?;
        let changed = tx.execute(
            "UPDATE tenants SET name = ?2, extra = ?3 WHERE id = ?1",
            params![id, name, Value::Object(extra).to_string()],
        )?;
        if changed == 0 {
            return Err(not_found());
        }
        let tenant = load(tx, &id)?.ok_or_else(|| anyhow::anyhow!("tenant vanished"))?;
        log(
            tx,
            actor,
            &id,
            AuditAction::Update,
            before.as_ref(),
            Some(&tenant),
        )?;
        Ok(tenant)
    }
}

/// Creates `tenant` with its Admin role, unless it exists: the tenant that tenant-less paths
/// address when multi-tenancy is off or the default tenant is on.
pub fn create_implicit(tx: &Transaction, tenant: &str) -> Result<()> {
    create_if_missing(tx, tenant, "Default", &ids::new_id())?;
    Ok(())
}

/// Creates tenant `id` named `name`, with no other field, and its Admin role under
/// `admin_role`; `false` (and nothing changes) when a tenant has that id.
pub fn create_if_missing(tx: &Transaction, id: &str, name: &str, admin_role: &str) -> Result<bool> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO tenants (id, name, extra, created_at) VALUES (?1, ?2, '{}', ?3)",
        params![id, name, ids::now_secs()],
    )?;
    if added > 0 {
        create_admin_role(tx, id, admin_role)?;
    }
    Ok(added > 0)
}

/// Deletes tenant `id` and, by the schema's cascades, everything in it; 404 when unknown.
/// Logged as `actor`'s in the tenant's log, which outlives it.
pub fn delete(tx: &Transaction, actor: &Actor, id: &str) -> Result<()> {
    let before = load(tx, id)?;
    match tx.execute("DELETE FROM tenants WHERE id = ?1", [id])? {
        0 => Err(not_found()),
        _ => log(tx, actor, id, AuditAction::Delete, before.as_ref(), None),
    }
}

/// Logs `action` on tenant `id`, in its own log.
fn log(
    tx: &Transaction,
    actor: &Actor,
    id: &str,
    action: AuditAction,
    before: Option<&Tenant>,
    after: Option<&Tenant>,
) -> Result<()> {
    let json = |t: Option<&Tenant>| t.and_then(|t| serde_json::to_value(t).ok());
    let change = Change {
        tenant: Some(id),
        action,
        resource: Resource::Tenant,
        id,
        before: json(before),
        after: json(after),
    };
    audit::record(tx, actor, change)
}

fn not_found() -> Error {
    Error::not_found("Tenant not found")
}

fn validate(tenant: &Tenant) -> Result<()> {
    let mut errors = Vec::new();
    if let Err(message) = rules::tenant_id(&tenant.id) {
        errors.push(field_error("id", message));
    }
    if tenant.name.trim().is_empty() {
        errors.push(field_error("name", "must not be blank"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// The stored form: `id`, `name`, and every other field but `deleted` as `extra`, once they fit
/// the document (a 422 otherwise).
fn split(tenant: Tenant) -> Result<(Map<String, Value>, String, String)> {
    let mut fields = match serde_json::to_value(&tenant) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    for owned in ["id", "name", "deleted"] {
        fields.remove(owned);
    }
    let extra = TenantConfig::from_request(fields)?.into_fields();
    Ok((extra, tenant.id, tenant.name.trim().to_owned()))
}

/// A stored row as the document's `Tenant`; the stored fields were checked on the way in (and
/// again by `stored_tenant_fields`), so they decode.
fn from_row(id: String, name: String, extra: String) -> Tenant {
    let mut fields = stored_tenant_fields(&extra);
    fields.insert("id".into(), Value::String(id.clone()));
    fields.insert("name".into(), Value::String(name.clone()));
    serde_json::from_value(Value::Object(fields)).unwrap_or(Tenant {
        id,
        name,
        ..Default::default()
    })
}

/// Tenant `id`, or `None`.
pub fn load(conn: &Connection, id: &str) -> Result<Option<Tenant>> {
    Ok(conn
        .query_row(
            "SELECT id, name, extra FROM tenants WHERE id = ?1",
            [id],
            |r| Ok(from_row(r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Every tenant, by id.
pub fn load_all(conn: &Connection) -> Result<Vec<Tenant>> {
    let mut stmt = conn.prepare("SELECT id, name, extra FROM tenants ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(from_row(r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
