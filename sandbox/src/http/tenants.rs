//! `/api/v1/tenants`: creating, finding, editing and deleting tenants (instance level).
//!
//! Instance owners manage every tenant. Anyone else needs the `TENANT` permission: `CREATE` in
//! some tenant to create one (and then gets the new tenant's Admin role), and `VIEW`, `LIST`,
//! `UPDATE` or `DELETE` in the tenant concerned. Every new tenant gets a managed Admin role
//! holding every permission. The sandbox interprets only `id` and `name`; the other fields of
//! the document's `Tenant` are checked against it (`shapes`) and kept as sent, in `extra` (see
//! `migrations/0001_tenants_users.sql`). Deleting a tenant deletes everything in it (access,
//! groups, roles, bindings, invitations).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use kestra_model::{Action, PagedResults, Resource, Tenant, rules};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Map, Value};

use crate::auth::Caller;
use crate::error::{Error, Result, ResultExt};
use crate::http::JsonBody;
use crate::http::shapes::{TenantConfig, stored_tenant_fields};
use crate::http::tenant_access::grant_access;
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::{self, may_in, tenants_where};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tenants", axum::routing::post(tenants_create))
        .route("/api/v1/tenants/search", get(tenants_search))
        .route(
            "/api/v1/tenants/{id}",
            get(tenants_get).put(tenants_update).delete(tenants_delete),
        )
}

async fn tenants_create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(tenant): JsonBody<Tenant>,
) -> Result<Json<Tenant>> {
    let tenant = NewTenant::from_request(tenant)?;
    let created = state
        .db()
        .write(move |tx| {
            let allowed = caller.super_admin
                || !tenants_where(tx, &caller, Resource::Tenant, Action::Create)?.is_empty();
            if !allowed {
                return Err(Error::Forbidden("Missing permission TENANT:CREATE".into()));
            }
            // Instance owners may already do everything there; anyone else would be locked out
            // of the tenant they just made.
            let admin = (!caller.super_admin).then_some(caller.user_id.as_str());
            tenant.insert(tx, admin)
        })
        .await?;
    Ok(Json(created))
}

/// A tenant checked against the document and ready to store: what `POST /api/v1/tenants` and
/// the offline `tenants create` command both create.
pub struct NewTenant {
    id: String,
    name: String,
    extra: Map<String, Value>,
}

impl NewTenant {
    /// Checks a requested tenant (422 naming each bad field).
    pub fn from_request(tenant: Tenant) -> Result<NewTenant> {
        validate(&tenant)?;
        let (extra, id, name) = split(tenant)?;
        Ok(NewTenant { id, name, extra })
    }

    /// Stores the tenant with its managed Admin role (409 if the id is taken) and, when `admin`
    /// names a user, gives them access and binds them to that role. Returns the stored tenant.
    pub fn insert(self, tx: &Transaction, admin: Option<&str>) -> Result<Tenant> {
        let NewTenant { id, name, extra } = self;
        tx.execute(
            "INSERT INTO tenants (id, name, extra, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, Value::Object(extra).to_string(), ids::now_secs()],
        )
        .on_unique("tenants.id", || {
            Error::Conflict(format!("Tenant '{id}' already exists"))
        })?;
        let admin_role = create_admin_role(tx, &id)?;
        if let Some(user) = admin {
            grant_access(tx, &id, user)?;
            tx.execute(
                "INSERT OR IGNORE INTO bindings (id, tenant_id, type, user_id, role_id, created_at)
                 VALUES (?1, ?2, 'USER', ?3, ?4, ?5)",
                params![ids::new_id(), id, user, admin_role, ids::now_secs()],
            )?;
        }
        load(tx, &id)?.ok_or_else(|| anyhow::anyhow!("tenant vanished").into())
    }
}

async fn tenants_search(
    State(state): State<AppState>,
    caller: Caller,
    query: ListQuery,
) -> Result<Json<PagedResults<Tenant>>> {
    let all = state
        .db()
        .read(move |conn| {
            let all = load_all(conn)?;
            if caller.super_admin {
                return Ok(all);
            }
            let visible = tenants_where(conn, &caller, Resource::Tenant, Action::List)?;
            if visible.is_empty() {
                return Err(Error::Forbidden("Missing permission TENANT:LIST".into()));
            }
            Ok(all
                .into_iter()
                .filter(|t| visible.contains(&t.id))
                .collect())
        })
        .await?;
    Ok(Json(query.page(all, &["id", "name"], "id")?))
}

async fn tenants_get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Tenant>> {
    let tenant = state
        .db()
        .read(move |conn| {
            require(conn, &caller, &id, Action::View)?;
            load(conn, &id)
        })
        .await?;
    tenant
        .map(Json)
        .ok_or_else(|| Error::not_found("Tenant not found"))
}

async fn tenants_update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(tenant): JsonBody<Tenant>,
) -> Result<Json<Tenant>> {
    if tenant.id != id {
        return Err(Error::invalid(
            "id",
            "must be the id in the path; a tenant id cannot change",
        ));
    }
    validate(&tenant)?;
    let (extra, id, name) = split(tenant)?;
    let updated = state
        .db()
        .write(move |tx| {
            require(tx, &caller, &id, Action::Update)?;
            let changed = tx.execute(
                "UPDATE tenants SET name = ?2, extra = ?3 WHERE id = ?1",
                params![id, name, Value::Object(extra).to_string()],
            )?;
            if changed == 0 {
                return Err(Error::not_found("Tenant not found"));
            }
            load(tx, &id)?.ok_or_else(|| anyhow::anyhow!("tenant vanished").into())
        })
        .await?;
    Ok(Json(updated))
}

async fn tenants_delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    state
        .db()
        .write(move |tx| {
            require(tx, &caller, &id, Action::Delete)?;
            match tx.execute("DELETE FROM tenants WHERE id = ?1", [&id])? {
                0 => Err(Error::not_found("Tenant not found")),
                _ => Ok(StatusCode::NO_CONTENT),
            }
        })
        .await
}

/// 403 unless `caller` may do `action` on tenant `id` (instance owners always may).
fn require(conn: &Connection, caller: &Caller, id: &str, action: Action) -> Result<()> {
    if may_in(conn, caller, id, Resource::Tenant, action)? {
        Ok(())
    } else {
        Err(Error::Forbidden(format!(
            "Missing permission TENANT:{action} in tenant '{id}'"
        )))
    }
}

/// Creates the managed Admin role of a new tenant; returns its id.
pub fn create_admin_role(conn: &Connection, tenant: &str) -> Result<String> {
    let id = ids::new_id();
    conn.execute(
        "INSERT INTO roles (id, tenant_id, name, description, permissions, is_managed, created_at)
         VALUES (?1, ?2, 'Admin', 'Everything in the tenant', ?3, 1, ?4)",
        params![
            id,
            tenant,
            serde_json::to_string(&rbac::admin_permissions()).map_err(anyhow::Error::from)?,
            ids::now_secs()
        ],
    )?;
    Ok(id)
}

fn validate(tenant: &Tenant) -> Result<()> {
    let mut errors = Vec::new();
    if let Err(message) = rules::tenant_id(&tenant.id) {
        errors.push(field("id", &message));
    }
    if tenant.name.trim().is_empty() {
        errors.push(field("name", "must not be blank"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn field(path: &str, message: &str) -> kestra_model::FieldError {
    kestra_model::FieldError {
        message: message.to_owned(),
        path: Some(path.to_owned()),
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

pub fn load(conn: &Connection, id: &str) -> Result<Option<Tenant>> {
    Ok(conn
        .query_row(
            "SELECT id, name, extra FROM tenants WHERE id = ?1",
            [id],
            |r| Ok(from_row(r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

fn load_all(conn: &Connection) -> Result<Vec<Tenant>> {
    let mut stmt = conn.prepare("SELECT id, name, extra FROM tenants ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(from_row(r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
