//! `/api/v1/{tenant}/tenant-access`: who may use a tenant. Having access lets a person pick the
//! tenant and see it in `/api/v1/me`; what they may do there comes from bindings.
//!
//! Access is also given implicitly by adding someone to a group of the tenant, binding a role
//! to them, or an accepted invitation. Giving access binds the tenant's default role, if it
//! has one. Taking access away also removes the person's bindings and group memberships in the
//! tenant. The list shows people (standard users); service accounts have their own view at
//! `/{tenant}/service-accounts`. A page of it is found in SQL (`people.rs`), never by reading
//! the whole tenant, unless it filters on other fields.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    Action, Autocomplete, CreateTenantAccessRequest, PagedResults, Resource, TenantAccess,
    UserTenantAccess,
};
use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::people::{self, People};
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::access::{detail, give, row, rows_with_access, take_away, user_ids_with_access};
use crate::store::users::user_not_found;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/{tenant}/tenant-access",
            get(tenant_access_list).post(tenant_access_create_by_email),
        )
        .route(
            "/api/v1/{tenant}/tenant-access/autocomplete",
            post(tenant_access_autocomplete),
        )
        .route(
            "/api/v1/{tenant}/tenant-access/{user_id}",
            get(tenant_access_get)
                .put(tenant_access_create)
                .delete(tenant_access_delete),
        )
}

async fn tenant_access_list(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<UserTenantAccess>>> {
    let page = scope
        .require(Resource::TenantAccess, Action::List)?
        .read(&state, move |conn, tenant| {
            let found = match people::page(conn, People::WithAccessTo(tenant), &query)? {
                Some(page) => Some(page),
                None => people::page_by_names(conn, tenant, &query)?,
            };
            if let Some(page) = found {
                return Ok(PagedResults {
                    results: page
                        .ids
                        .iter()
                        .map(|user| row(conn, tenant, user))
                        .collect::<Result<_>>()?,
                    total: page.total,
                });
            }
            query.page(
                rows_with_access(conn, tenant, "STANDARD")?,
                &["username", "displayName"],
                "username",
            )
        })
        .await?;
    Ok(Json(page))
}

async fn tenant_access_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<Json<TenantAccess>> {
    let access = scope
        .require(Resource::TenantAccess, Action::View)?
        .read(&state, move |conn, tenant| detail(conn, tenant, &user_id))
        .await?;
    Ok(Json(access))
}

async fn tenant_access_create(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::TenantAccess, Action::Create)?
        .write(&state, move |tx, tenant| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1)",
                [&user_id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(user_not_found());
            }
            give(tx, &actor, tenant, &user_id)?;
            Ok(StatusCode::CREATED)
        })
        .await
}

async fn tenant_access_create_by_email(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<CreateTenantAccessRequest>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::TenantAccess, Action::Create)?
        .write(&state, move |tx, tenant| {
            let user_id: Option<String> = tx
                .query_row(
                    "SELECT id FROM users WHERE email = ?1 AND type = 'STANDARD'",
                    [body.email.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            let user_id = user_id.ok_or_else(|| {
                Error::not_found(format!("No user with email '{}'", body.email.trim()))
            })?;
            if !give(tx, &actor, tenant, &user_id)? {
                return Err(Error::Conflict(format!(
                    "'{}' already has access to '{tenant}'",
                    body.email.trim()
                )));
            }
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

async fn tenant_access_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::TenantAccess, Action::Delete)?
        .write(&state, move |tx, tenant| {
            if !take_away(tx, &actor, tenant, &user_id)? {
                return Err(Error::not_found("This user has no access to this tenant"));
            }
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// Type-ahead for people: those with access to the tenant (`existingOnly`), or every person
/// of the instance (to give one access); filtered by `q` (email or name), `username` (exact) and
/// `ids`; at most 50 answers.
async fn tenant_access_autocomplete(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Autocomplete>,
) -> Result<Json<Vec<UserTenantAccess>>> {
    let rows = scope
        .require(Resource::TenantAccess, Action::List)?
        .read(&state, move |conn, tenant| {
            let ids: Vec<String> = if body.existing_only.unwrap_or(false) {
                user_ids_with_access(conn, tenant, "STANDARD")?
            } else {
                conn.prepare("SELECT id FROM users WHERE type = 'STANDARD' ORDER BY email")?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?
            };
            let q = body
                .q
                .as_deref()
                .map(str::to_lowercase)
                .filter(|q| !q.is_empty());
            let mut out = Vec::new();
            for id in ids {
                if body
                    .ids
                    .as_ref()
                    .is_some_and(|wanted| !wanted.contains(&id))
                {
                    continue;
                }
                let row = row(conn, tenant, &id)?;
                let username = row.username.clone().unwrap_or_default();
                let name = row.display_name.clone().unwrap_or_default();
                if body
                    .username
                    .as_ref()
                    .is_some_and(|u| !u.eq_ignore_ascii_case(&username))
                {
                    continue;
                }
                if q.as_ref().is_some_and(|q| {
                    !username.to_lowercase().contains(q) && !name.to_lowercase().contains(q)
                }) {
                    continue;
                }
                out.push(row);
                if out.len() == 50 {
                    break;
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(rows))
}
