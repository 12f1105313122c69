//! `/api/v1/tenants`: creating, finding, editing and deleting tenants (instance level).
//!
//! Instance owners manage every tenant. Anyone else needs the `TENANT` permission: `CREATE` in
//! some tenant to create one (and then gets the new tenant's Admin role), and `VIEW`, `LIST`,
//! `UPDATE` or `DELETE` in the tenant concerned. Every new tenant gets a managed Admin role
//! holding every permission. The sandbox interprets only `id` and `name`; the other fields of
//! the document's `Tenant` are checked against it (`store::shapes`) and kept as sent, in
//! `extra` (see `migrations/0001_tenants_users.sql`). Deleting a tenant deletes everything in
//! it (access, groups, roles, bindings, invitations).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use kestra_model::{Action, PagedResults, Resource, Tenant};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::query::ListQuery;
use crate::state::AppState;
use crate::store::audit::Actor;
use crate::store::grants::{Caller, may_in, tenants_where};
use crate::store::tenants::{self, CheckedTenant, load, load_all};

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
    actor: Actor,
    JsonBody(tenant): JsonBody<Tenant>,
) -> Result<Json<Tenant>> {
    let tenant = CheckedTenant::from_request(tenant)?;
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
            tenant.insert(tx, &actor, admin)
        })
        .await?;
    Ok(Json(created))
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
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(tenant): JsonBody<Tenant>,
) -> Result<Json<Tenant>> {
    if tenant.id != id {
        return Err(Error::invalid(
            "id",
            "must be the id in the path; a tenant id cannot change",
        ));
    }
    let tenant = CheckedTenant::from_request(tenant)?;
    let updated = state
        .db()
        .write(move |tx| {
            require(tx, &caller, &id, Action::Update)?;
            tenant.update(tx, &actor)
        })
        .await?;
    Ok(Json(updated))
}

async fn tenants_delete(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    state
        .db()
        .write(move |tx| {
            require(tx, &caller, &id, Action::Delete)?;
            tenants::delete(tx, &actor, &id)?;
            Ok(StatusCode::NO_CONTENT)
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
