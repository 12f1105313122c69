//! `/api/v1/{tenant}/roles`: named sets of permissions; `GET /api/v1/{tenant}/acls/permissions`,
//! the catalogue of which actions apply to which resource (see `store::catalogue`); and
//! `GET /api/v1/{tenant}/acls/templates`, Kestra's preset roles (see `store::templates`).
//!
//! Permissions are checked against that catalogue: an unknown resource or action, or an action
//! that does not apply to its resource, is a 422 naming `permissions.RESOURCE`. Role names are
//! unique in a tenant (409). At most one role per tenant is the default role, which is bound
//! to people when they are given access to the tenant; making a role the default clears the
//! previous one. Managed roles (every tenant's Admin) cannot be changed or deleted (403).
//! A role that is still bound cannot be deleted (409, as Kestra refuses): deleting it would
//! silently take rights away from everyone bound to it, so the bindings must go first.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    Action, Autocomplete, Ids, PagedResults, Permissions, Resource, Role, RoleDetail, RoleSummary,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::listing::{self, Listing};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::catalogue::{all_permissions, parse_stored, validate_permissions};
use crate::store::roles::{self, RoleFields};
use crate::store::templates;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/roles", post(roles_create))
        .route("/api/v1/{tenant}/roles/search", get(roles_search))
        .route(
            "/api/v1/{tenant}/roles/autocomplete",
            post(roles_autocomplete),
        )
        .route("/api/v1/{tenant}/roles/ids", post(roles_by_ids))
        .route(
            "/api/v1/{tenant}/roles/{id}",
            get(roles_get).put(roles_update).delete(roles_delete),
        )
        .route("/api/v1/{tenant}/acls/permissions", get(acls_permissions))
        .route("/api/v1/{tenant}/acls/templates", get(acls_templates))
}

/// `IAMRoleController.ApiRoleCreateOrUpdateRequest`, with the permissions as plain strings so
/// that each unknown name can be reported by name (the model's enums would decode it as
/// `UNKNOWN`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleBody {
    permissions: BTreeMap<String, Vec<String>>,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    is_default: Option<bool>,
}

async fn roles_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<RoleBody>,
) -> Result<Json<RoleDetail>> {
    scope.require(Resource::Role, Action::Create)?;
    let (name, permissions) = validate(&body)?;
    let actor = scope.actor();
    let role = scope
        .write(&state, move |tx, tenant| {
            let id = ids::new_id();
            roles::create(tx, &actor, tenant, &id, &fields(&body, &name, &permissions))?;
            detail(tx, tenant, &id)
        })
        .await?;
    Ok(Json(role))
}

async fn roles_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<RoleSummary>>> {
    let page = scope
        .require(Resource::Role, Action::List)?
        .read(&state, move |conn, tenant| {
            // A sort by `permissionCount`, which is counted from the stored JSON, is done in
            // memory: a tenant has a few roles.
            let listing = Listing {
                id: "id",
                from: "FROM roles WHERE tenant_id = :tenant",
                params: vec![(":tenant", &tenant)],
                search: &["name", "description"],
                sorts: &[("name", Some("name"))],
                default_sort: "name",
                read_order: "name",
            };
            if let Some(page) = listing::page(conn, &listing, &query)? {
                return Ok(PagedResults {
                    results: page
                        .ids
                        .iter()
                        .map(|id| summary(conn, id))
                        .collect::<Result<_>>()?,
                    total: page.total,
                });
            }
            query.page(summaries(conn, tenant)?, &["name", "description"], "name")
        })
        .await?;
    Ok(Json(page))
}

/// Type-ahead: roles whose name contains `q`, limited to `ids` when given; at most 50.
async fn roles_autocomplete(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Autocomplete>,
) -> Result<Json<Vec<RoleSummary>>> {
    let all = scope
        .require(Resource::Role, Action::List)?
        .read(&state, summaries)
        .await?;
    let q = body.q.unwrap_or_default().to_lowercase();
    Ok(Json(
        all.into_iter()
            .filter(|r| r.name.to_lowercase().contains(&q))
            .filter(|r| body.ids.as_ref().is_none_or(|ids| ids.contains(&r.id)))
            .take(50)
            .collect(),
    ))
}

async fn roles_by_ids(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Ids>,
) -> Result<Json<Vec<Role>>> {
    let roles = scope
        .require(Resource::Role, Action::List)?
        .read(&state, move |conn, tenant| {
            let mut out = Vec::new();
            for id in &body.ids {
                if let Ok(d) = detail(conn, tenant, id) {
                    out.push(Role {
                        id: d.id,
                        name: d.name.unwrap_or_default(),
                        description: d.description,
                        permissions: d.permissions,
                        is_default: d.is_default,
                        is_managed: d.is_managed,
                        deleted: false,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(roles))
}

async fn roles_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RoleDetail>> {
    Ok(Json(
        scope
            .require(Resource::Role, Action::View)?
            .read(&state, move |conn, tenant| detail(conn, tenant, &id))
            .await?,
    ))
}

async fn roles_update(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    JsonBody(body): JsonBody<RoleBody>,
) -> Result<Json<RoleDetail>> {
    scope.require(Resource::Role, Action::Update)?;
    let (name, permissions) = validate(&body)?;
    let actor = scope.actor();
    let role = scope
        .write(&state, move |tx, tenant| {
            roles::update(tx, &actor, tenant, &id, &fields(&body, &name, &permissions))?;
            detail(tx, tenant, &id)
        })
        .await?;
    Ok(Json(role))
}

async fn roles_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::Role, Action::Delete)?
        .write(&state, move |tx, tenant| {
            roles::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// Every resource with the actions that apply to it. Anyone with access to the tenant may read
/// it: it describes the server, not the tenant.
async fn acls_permissions(scope: TenantScope) -> Json<Permissions> {
    let _ = scope;
    Json(all_permissions())
}

/// The store's view of a checked body.
fn fields<'a>(body: &'a RoleBody, name: &'a str, permissions: &'a Permissions) -> RoleFields<'a> {
    RoleFields {
        name,
        description: body.description.as_deref(),
        permissions,
        is_default: body.is_default,
    }
}

/// Kestra's preset roles; anyone who may use the tenant may read them, as the catalogue.
async fn acls_templates(scope: TenantScope) -> Json<BTreeMap<&'static str, Permissions>> {
    let _ = scope;
    Json(templates::templates())
}

fn validate(body: &RoleBody) -> Result<(String, Permissions)> {
    let name = body.name.trim().to_owned();
    let permissions = validate_permissions(&body.permissions);
    match (name.is_empty(), permissions) {
        (false, Ok(p)) => Ok((name, p)),
        (true, Ok(_)) => Err(Error::invalid("name", "must not be blank")),
        (false, Err(e)) => Err(e),
        (true, Err(Error::Invalid(mut errors))) => {
            errors.insert(
                0,
                kestra_model::FieldError {
                    message: "must not be blank".into(),
                    path: Some("name".into()),
                },
            );
            Err(Error::Invalid(errors))
        }
        (true, Err(e)) => Err(e),
    }
}

fn summaries(conn: &Connection, tenant: &str) -> Result<Vec<RoleSummary>> {
    Ok(conn
        .prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM roles WHERE tenant_id = ?1 ORDER BY name"
        ))?
        .query_map([tenant], summary_at)?
        .collect::<Result<_, _>>()?)
}

fn summary(conn: &Connection, id: &str) -> Result<RoleSummary> {
    Ok(conn.query_row(
        &format!("SELECT {SUMMARY_COLUMNS} FROM roles WHERE id = ?1"),
        [id],
        summary_at,
    )?)
}

const SUMMARY_COLUMNS: &str = "id, name, description, is_default, is_managed, permissions";

fn summary_at(r: &rusqlite::Row<'_>) -> rusqlite::Result<RoleSummary> {
    let permissions: String = r.get(5)?;
    Ok(RoleSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        is_default: r.get(3)?,
        is_managed: r.get(4)?,
        permission_count: Some(
            parse_stored(&permissions)
                .values()
                .map(|a| a.len() as u32)
                .sum(),
        ),
    })
}

/// One role of `tenant`; 404 otherwise.
fn detail(conn: &Connection, tenant: &str, id: &str) -> Result<RoleDetail> {
    conn.query_row(
        "SELECT id, name, description, permissions, is_default, is_managed
         FROM roles WHERE id = ?1 AND tenant_id = ?2",
        params![id, tenant],
        |r| {
            let permissions: String = r.get(3)?;
            Ok(RoleDetail {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
                description: r.get(2)?,
                permissions: parse_stored(&permissions)
                    .into_iter()
                    .map(|(resource, actions)| (resource, actions.into_iter().collect()))
                    .collect(),
                is_default: r.get(4)?,
                is_managed: r.get(5)?,
                other: Default::default(),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Role '{id}' not found")))
}
