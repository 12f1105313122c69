//! `/api/v1/{tenant}/bindings`: a role given to a user (or service account) or a group, for the
//! whole tenant or one namespace (and the namespaces below it).
//!
//! Bindings cannot be updated: delete and recreate. Creating a binding that already exists
//! returns the existing one. Binding a role to a user gives them access to the tenant. The
//! `bulk` call creates all of its bindings or none. Search takes `type` (`USER`/`GROUP`), `id`
//! (the user's or group's id) and `namespace` besides the usual paging and filters.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    Action, BindingDetail, BindingType, CreateBindingRequest, PagedResults, Resource,
};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::bindings::{self, create, detail, validate_namespace};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/bindings", post(bindings_create))
        .route("/api/v1/{tenant}/bindings/bulk", post(bindings_bulk_create))
        .route("/api/v1/{tenant}/bindings/search", get(bindings_search))
        .route(
            "/api/v1/{tenant}/bindings/{id}",
            get(bindings_get).delete(bindings_delete),
        )
}

async fn bindings_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<CreateBindingRequest>,
) -> Result<Json<BindingDetail>> {
    scope.require(Resource::Binding, Action::Create)?;
    validate_namespace(body.namespace_id.as_deref(), "namespaceId")?;
    let actor = scope.actor();
    let binding = scope
        .write(&state, move |tx, tenant| create(tx, &actor, tenant, &body))
        .await?;
    Ok(Json(binding))
}

async fn bindings_bulk_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Vec<CreateBindingRequest>>,
) -> Result<Json<Vec<BindingDetail>>> {
    scope.require(Resource::Binding, Action::Create)?;
    for (i, binding) in body.iter().enumerate() {
        validate_namespace(
            binding.namespace_id.as_deref(),
            &format!("[{i}].namespaceId"),
        )?;
    }
    let actor = scope.actor();
    let created = scope
        .write(&state, move |tx, tenant| {
            body.iter()
                .map(|b| create(tx, &actor, tenant, b))
                .collect::<Result<Vec<_>>>()
        })
        .await?;
    Ok(Json(created))
}

async fn bindings_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<BindingDetail>>> {
    scope.require(Resource::Binding, Action::List)?;
    let binding_type = match query.param("type") {
        None => None,
        Some("USER") => Some(BindingType::User),
        Some("GROUP") => Some(BindingType::Group),
        Some(other) => {
            return Err(Error::BadRequest(format!(
                "Invalid type '{other}': expected USER or GROUP"
            )));
        }
    };
    let external_id = query.param("id").map(str::to_owned);
    let namespace = query.param("namespace").map(str::to_owned);
    let all = scope
        .read(&state, move |conn, tenant| {
            let ids: Vec<String> = conn
                .prepare("SELECT id FROM bindings WHERE tenant_id = ?1")?
                .query_map([&tenant], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids.iter()
                .map(|id| detail(conn, tenant, id))
                .collect::<Result<Vec<_>>>()
        })
        .await?;
    let matching = all
        .into_iter()
        .filter(|b| binding_type.is_none_or(|t| b.binding_type == Some(t)))
        .filter(|b| {
            external_id.as_ref().is_none_or(|id| {
                b.user.as_ref().and_then(|u| u.id.as_ref()) == Some(id)
                    || b.group.as_ref().and_then(|g| g.id.as_ref()) == Some(id)
            })
        })
        .filter(|b| {
            namespace
                .as_ref()
                .is_none_or(|ns| b.namespace.as_ref() == Some(ns))
        })
        .collect();
    Ok(Json(query.page(
        matching,
        &["role.name", "user.username", "group.name", "namespace"],
        "role.name",
    )?))
}

async fn bindings_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<BindingDetail>> {
    Ok(Json(
        scope
            .require(Resource::Binding, Action::View)?
            .read(&state, move |conn, tenant| detail(conn, tenant, &id))
            .await?,
    ))
}

async fn bindings_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::Binding, Action::Delete)?
        .write(&state, move |tx, tenant| {
            bindings::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}
