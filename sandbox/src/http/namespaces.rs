//! `/api/v1/{tenant}/namespaces`: the namespaces of a tenant, which bindings can be limited to.
//!
//! The sandbox runs no flows, so a tenant's namespaces are the ones created through this API
//! (and by `--seed demo`), the ones named by its bindings, and every parent of those
//! (`company.team` implies `company`). `existing=true` lists only the created ones. Callers
//! without `NAMESPACE:LIST` on the whole tenant see the namespaces their namespace-limited
//! bindings allow them to list. Only created namespaces can be deleted.

use std::collections::BTreeSet;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{Action, Autocomplete, Namespace, PagedResults, Resource};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::bindings::is_valid_namespace;
use crate::store::namespaces;
use crate::store::shapes::{NamespaceConfig, stored_namespace_fields};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/namespaces", post(namespaces_create))
        .route("/api/v1/{tenant}/namespaces/search", get(namespaces_search))
        .route(
            "/api/v1/{tenant}/namespaces/autocomplete",
            post(namespaces_autocomplete),
        )
        .route(
            "/api/v1/{tenant}/namespaces/{id}",
            get(namespaces_get).delete(namespaces_delete),
        )
}

async fn namespaces_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Namespace>,
) -> Result<Json<Namespace>> {
    if !scope
        .grants
        .allows_in_namespace(&body.id, Resource::Namespace, Action::Create)
    {
        scope.require(Resource::Namespace, Action::Create)?;
    }
    if !is_valid_namespace(&body.id) {
        return Err(Error::invalid("id", "must match \"^[a-z0-9][a-z0-9._-]*\""));
    }
    let extra = NamespaceConfig::from_request(body.other)?.into_fields();
    let actor = scope.actor();
    let created = scope
        .write(&state, move |tx, tenant| {
            namespaces::create(
                tx,
                &actor,
                tenant,
                &body.id,
                body.description.as_deref(),
                extra,
            )?;
            find(tx, tenant, &body.id)
        })
        .await?;
    Ok(Json(created))
}

async fn namespaces_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<Namespace>>> {
    let existing_only = query.param("existing") == Some("true");
    let all = scope
        .read(&state, move |conn, tenant| {
            all_in(conn, tenant, existing_only)
        })
        .await?;
    let visible = all
        .into_iter()
        .filter(|ns| may_list(&scope, &ns.id))
        .collect();
    Ok(Json(query.page(visible, &["id", "description"], "id")?))
}

/// Type-ahead: the ids of the namespaces containing `q`, limited to `ids` when given; at
/// most 50.
async fn namespaces_autocomplete(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Autocomplete>,
) -> Result<Json<Vec<String>>> {
    let tenant = scope.tenant.clone();
    let existing_only = body.existing_only.unwrap_or(false);
    let all = state
        .db()
        .read(move |conn| all_in(conn, &tenant, existing_only))
        .await?;
    let q = body.q.unwrap_or_default().to_lowercase();
    Ok(Json(
        all.into_iter()
            .map(|ns| ns.id)
            .filter(|id| may_list(&scope, id) && id.contains(&q))
            .filter(|id| body.ids.as_ref().is_none_or(|ids| ids.contains(id)))
            .take(50)
            .collect(),
    ))
}

async fn namespaces_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Namespace>> {
    if !scope
        .grants
        .allows_in_namespace(&id, Resource::Namespace, Action::View)
    {
        scope.require(Resource::Namespace, Action::View)?;
    }
    let tenant = scope.tenant.clone();
    Ok(Json(
        state
            .db()
            .read(move |conn| find(conn, &tenant, &id))
            .await?,
    ))
}

async fn namespaces_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    if !scope
        .grants
        .allows_in_namespace(&id, Resource::Namespace, Action::Delete)
    {
        scope.require(Resource::Namespace, Action::Delete)?;
    }
    let actor = scope.actor();
    scope
        .write(&state, move |tx, tenant| {
            namespaces::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

fn may_list(scope: &TenantScope, namespace: &str) -> bool {
    scope
        .grants
        .allows_in_namespace(namespace, Resource::Namespace, Action::List)
}

/// Every namespace of `tenant`: created ones with their fields, then (unless `existing_only`)
/// the ones implied by bindings and parents, with only an id.
fn all_in(conn: &Connection, tenant: &str, existing_only: bool) -> Result<Vec<Namespace>> {
    let mut created: Vec<Namespace> = conn
        .prepare("SELECT id, description, extra FROM namespaces WHERE tenant_id = ?1")?
        .query_map([tenant], |r| Ok(from_row(r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if existing_only {
        return Ok(created);
    }
    let mut implied: BTreeSet<String> = conn
        .prepare("SELECT DISTINCT namespace FROM bindings WHERE tenant_id = ?1 AND namespace IS NOT NULL")?
        .query_map([tenant], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    implied.extend(created.iter().map(|ns| ns.id.clone()));
    let with_parents: BTreeSet<String> = implied
        .iter()
        .flat_map(|ns| {
            ns.match_indices('.')
                .map(|(i, _)| ns[..i].to_owned())
                .chain(std::iter::once(ns.clone()))
        })
        .collect();
    for id in with_parents {
        if !created.iter().any(|ns| ns.id == id) {
            created.push(Namespace {
                id,
                ..Namespace::default()
            });
        }
    }
    Ok(created)
}

fn find(conn: &Connection, tenant: &str, id: &str) -> Result<Namespace> {
    all_in(conn, tenant, false)?
        .into_iter()
        .find(|ns| ns.id == id)
        .ok_or_else(|| Error::not_found(format!("Namespace '{id}' not found")))
}

fn from_row(id: String, description: Option<String>, extra: String) -> Namespace {
    Namespace {
        id,
        deleted: false,
        description,
        other: stored_namespace_fields(&extra),
    }
}
