//! Service accounts: users of type `SERVICE_ACCOUNT` that sign in with API tokens only.
//!
//! Instance owners manage them all at `/api/v1/service-accounts`; tenant admins (the
//! `SERVICE_ACCOUNT` permission) manage the ones with access to their tenant at
//! `/api/v1/{tenant}/service-accounts`, where creating one gives it access to the tenant.
//! Names follow `^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$` and are unique in the instance.
//! Only instance owners may make a service account an instance owner. Deleting one from a
//! tenant takes its access to that tenant away, and deletes the account once it has no tenant
//! left (unless it is an instance owner).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use kestra_model::{
    Action, CreateServiceAccountRequest, PagedResults, PatchServiceAccountRequest,
    PatchSuperAdminRequest, Resource, ServiceAccountDetail, ServiceAccountGroup,
    ServiceAccountRequest, ServiceAccountResponse, UserTenantAccess,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::listing::{self, Listing};
use crate::http::people;
use crate::http::users::patch_super_admin;
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::{TenantScope, require_super_admin};
use crate::state::AppState;
use crate::store::access::{self, grant_access, has_access, rows_with_access, set_tenants};
use crate::store::audit::Actor;
use crate::store::grants::Caller;
use crate::store::groups;
use crate::store::identity::tenants_of;
use crate::store::users::{self, insert_service_account, set_super_admin};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/service-accounts",
            get(service_accounts_list).post(service_accounts_create),
        )
        .route(
            "/api/v1/service-accounts/{id}",
            get(service_accounts_get)
                .patch(service_accounts_patch)
                .delete(service_accounts_delete),
        )
        .route(
            "/api/v1/service-accounts/{id}/superadmin",
            patch(service_accounts_patch_super_admin),
        )
        .route(
            "/api/v1/{tenant}/service-accounts",
            get(tenant_service_accounts_list).post(tenant_service_accounts_create),
        )
        .route(
            "/api/v1/{tenant}/service-accounts/{id}",
            get(tenant_service_accounts_get)
                .put(tenant_service_accounts_update)
                .delete(tenant_service_accounts_delete),
        )
}

async fn service_accounts_list(
    State(state): State<AppState>,
    caller: Caller,
    query: ListQuery,
) -> Result<Json<PagedResults<ServiceAccountDetail>>> {
    require_super_admin(&caller, "list every service account")?;
    let all = state
        .db()
        .read(|conn| {
            people::ids_of_type(conn, "SERVICE_ACCOUNT")?
                .iter()
                .map(|id| detail(conn, id))
                .collect::<Result<Vec<_>>>()
        })
        .await?;
    Ok(Json(query.page(all, &["name", "description"], "name")?))
}

async fn service_accounts_create(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    JsonBody(body): JsonBody<CreateServiceAccountRequest>,
) -> Result<Json<ServiceAccountDetail>> {
    require_super_admin(&caller, "create service accounts here")?;
    validate_name(&body.name)?;
    let account = state
        .db()
        .write(move |tx| {
            let id = ids::new_id();
            users::audited(tx, &actor, None, &id, |tx| {
                insert_service_account(
                    tx,
                    &id,
                    &body.name,
                    body.description.as_deref(),
                    body.super_admin.unwrap_or(false),
                )?;
                set_tenants(tx, &id, body.tenants.as_deref().unwrap_or_default())
            })?;
            detail(tx, &id)
        })
        .await?;
    Ok(Json(account))
}

async fn service_accounts_get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ServiceAccountDetail>> {
    require_super_admin(&caller, "read every service account")?;
    Ok(Json(state.db().read(move |conn| detail(conn, &id)).await?))
}

async fn service_accounts_patch(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchServiceAccountRequest>,
) -> Result<Json<ServiceAccountDetail>> {
    require_super_admin(&caller, "edit every service account")?;
    validate_name(&body.name)?;
    let account = state
        .db()
        .write(move |tx| {
            users::require_service_account(tx, &id)?;
            users::audited(tx, &actor, None, &id, |tx| {
                users::rename_service_account(tx, &id, &body.name, body.description.as_deref())
            })?;
            detail(tx, &id)
        })
        .await?;
    Ok(Json(account))
}

async fn service_accounts_delete(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "delete service accounts here")?;
    state
        .db()
        .write(move |tx| {
            users::require_service_account(tx, &id)?;
            users::audited(tx, &actor, None, &id, |tx| users::delete(tx, &id))?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

async fn service_accounts_patch_super_admin(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchSuperAdminRequest>,
) -> Result<StatusCode> {
    patch_super_admin(
        &state,
        &caller,
        actor,
        id,
        body.super_admin,
        users::require_service_account,
    )
    .await
}

async fn tenant_service_accounts_list(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<UserTenantAccess>>> {
    let page = scope
        .require(Resource::ServiceAccount, Action::List)?
        .read(&state, move |conn, tenant| {
            let listing = Listing {
                id: "u.id",
                // From the instance's few service accounts to their access, never the other
                // way round over a tenant's 100,000 people.
                from: "FROM users u CROSS JOIN tenant_access a
                       ON a.tenant_id = :tenant AND a.user_id = u.id
                       WHERE u.type = 'SERVICE_ACCOUNT'",
                params: vec![(":tenant", &tenant)],
                search: &["coalesce(u.email, u.name)", "u.description"],
                // The console sorts by `name`, which these rows do not have (their `username`
                // is the name): as in memory, that sorts nothing.
                sorts: &[
                    ("username", Some("coalesce(u.email, u.name)")),
                    ("name", None),
                ],
                default_sort: "username",
                read_order: "coalesce(u.email, u.name)",
            };
            if let Some(page) = listing::page(conn, &listing, &query)? {
                return Ok(PagedResults {
                    results: page
                        .ids
                        .iter()
                        .map(|id| access::row(conn, tenant, id))
                        .collect::<Result<_>>()?,
                    total: page.total,
                });
            }
            query.page(
                rows_with_access(conn, tenant, "SERVICE_ACCOUNT")?,
                &["username", "description"],
                "username",
            )
        })
        .await?;
    Ok(Json(page))
}

async fn tenant_service_accounts_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<ServiceAccountRequest>,
) -> Result<Json<ServiceAccountResponse>> {
    scope.require(Resource::ServiceAccount, Action::Create)?;
    validate_name(&body.name)?;
    let super_admin = body.super_admin.unwrap_or(false);
    if super_admin {
        require_super_admin(&scope.caller, "create an instance-owner service account")?;
    }
    let actor = scope.actor();
    let account = scope
        .write(&state, move |tx, tenant| {
            let id = ids::new_id();
            users::audited(tx, &actor, Some(tenant), &id, |tx| {
                insert_service_account(
                    tx,
                    &id,
                    &body.name,
                    body.description.as_deref(),
                    super_admin,
                )?;
                grant_access(tx, tenant, &id)?;
                groups::set_in_tenant(
                    tx,
                    &actor,
                    tenant,
                    &id,
                    &group_ids(body.groups.as_deref().unwrap_or_default()),
                )
            })?;
            response(tx, tenant, &id)
        })
        .await?;
    Ok(Json(account))
}

async fn tenant_service_accounts_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ServiceAccountResponse>> {
    Ok(Json(
        scope
            .require(Resource::ServiceAccount, Action::View)?
            .read(&state, move |conn, tenant| response(conn, tenant, &id))
            .await?,
    ))
}

async fn tenant_service_accounts_update(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    JsonBody(body): JsonBody<ServiceAccountRequest>,
) -> Result<Json<ServiceAccountResponse>> {
    scope.require(Resource::ServiceAccount, Action::Update)?;
    validate_name(&body.name)?;
    let caller = scope.caller.clone();
    let actor = scope.actor();
    let account = scope
        .write(&state, move |tx, tenant| {
            let current = response(tx, tenant, &id)?;
            users::audited(tx, &actor, Some(tenant), &id, |tx| {
                users::rename_service_account(tx, &id, &body.name, body.description.as_deref())?;
                if let Some(super_admin) = body.super_admin.filter(|s| *s != current.super_admin) {
                    require_super_admin(&caller, "make or unmake instance owners")?;
                    set_super_admin(tx, &id, super_admin)?;
                }
                if let Some(groups) = body.groups.as_deref() {
                    groups::set_in_tenant(tx, &actor, tenant, &id, &group_ids(groups))?;
                }
                Ok(())
            })?;
            response(tx, tenant, &id)
        })
        .await?;
    Ok(Json(account))
}

async fn tenant_service_accounts_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Value>> {
    let actor = scope.actor();
    scope
        .require(Resource::ServiceAccount, Action::Delete)?
        .write(&state, move |tx, tenant| {
            response(tx, tenant, &id)?;
            users::audited(tx, &actor, Some(tenant), &id, |tx| {
                access::remove_service_account(tx, tenant, &id)
            })?;
            Ok(Json(json!({})))
        })
        .await
}

fn validate_name(name: &str) -> Result<()> {
    kestra_model::rules::account_name(name).map_err(|message| Error::invalid("name", message))
}

/// The ids in a body's `groups` (entries without one are left out).
fn group_ids(groups: &[ServiceAccountGroup]) -> Vec<&str> {
    groups.iter().filter_map(|g| g.id.as_deref()).collect()
}

fn basics(conn: &Connection, id: &str) -> Result<(String, Option<String>, bool)> {
    conn.query_row(
        "SELECT name, description, super_admin FROM users WHERE id = ?1 AND type = 'SERVICE_ACCOUNT'",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(users::service_account_not_found)
}

/// The instance view of one account.
fn detail(conn: &Connection, id: &str) -> Result<ServiceAccountDetail> {
    let (name, description, super_admin) = basics(conn, id)?;
    let tenants = tenants_of(conn, id)?;
    Ok(ServiceAccountDetail {
        id: Some(id.to_owned()),
        name,
        description,
        tenants,
        super_admin,
        display_name: None,
    })
}

/// The tenant view of one account; 404 unless it has access to `tenant`.
fn response(conn: &Connection, tenant: &str, id: &str) -> Result<ServiceAccountResponse> {
    let (name, description, super_admin) = basics(conn, id)?;
    if !has_access(conn, tenant, id)? {
        return Err(users::service_account_not_found());
    }
    let groups = conn
        .prepare(
            "SELECT g.id FROM group_members m CROSS JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?1 AND g.tenant_id = ?2 ORDER BY g.name",
        )?
        .query_map(params![id, tenant], |r| {
            Ok(ServiceAccountGroup {
                id: Some(r.get(0)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(ServiceAccountResponse {
        id: Some(id.to_owned()),
        name,
        description,
        groups,
        super_admin,
        other: Default::default(),
    })
}
