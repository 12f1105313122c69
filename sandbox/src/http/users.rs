//! `/api/v1/users`: every person of the instance (instance owners only, as in Kestra 2.x, where
//! tenant admins see people through `/{tenant}/tenant-access`).
//!
//! A user's `username` is their email. `tenants` and `groups` in a create or `PUT` body give
//! access to those tenants and membership of those groups (a `PUT` replaces both sets when they
//! are present). The last instance owner can be neither deleted nor demoted, so the instance
//! always has someone who can manage it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use kestra_model::{
    CreateOrUpdateUserRequest, PagedResults, PatchRestrictedRequest, PatchSuperAdminRequest,
    PatchUserPasswordRequest, User, UserDetailsRequest, UserSummary,
};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::people::{self, People};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::require_super_admin;
use crate::state::AppState;
use crate::store::access::set_tenants;
use crate::store::audit::Actor;
use crate::store::grants::Caller;
use crate::store::groups::set_groups;
use crate::store::identity::load;
use crate::store::passwords::{hash_off_runtime, hash_optional};
use crate::store::users::{
    self, NewUser, PersonUpdate, insert_person, patch_details, require_standard, set_super_admin,
    user_not_found, validate_email,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/users", get(users_list).post(users_create))
        .route(
            "/api/v1/users/{id}",
            get(users_get)
                .put(users_update)
                .patch(users_patch)
                .delete(users_delete),
        )
        .route("/api/v1/users/{id}/password", patch(users_patch_password))
        .route(
            "/api/v1/users/{id}/superadmin",
            patch(users_patch_super_admin),
        )
        .route(
            "/api/v1/users/{id}/restricted",
            patch(users_patch_restricted),
        )
        .route(
            "/api/v1/users/{id}/auths/{auth}",
            axum::routing::delete(users_delete_auth),
        )
}

async fn users_list(
    State(state): State<AppState>,
    caller: Caller,
    query: ListQuery,
) -> Result<Json<PagedResults<UserSummary>>> {
    require_super_admin(&caller, "list users")?;
    let page = state
        .db()
        .read(move |conn| {
            let summaries = |ids: &[String]| {
                ids.iter()
                    .filter_map(|id| load(conn, id).transpose())
                    .map(|user| user.map(summary))
                    .collect::<Result<Vec<_>>>()
            };
            if let Some(page) = people::page(conn, People::Standard, &query)? {
                return Ok(PagedResults {
                    results: summaries(&page.ids)?,
                    total: page.total,
                });
            }
            let all = summaries(&people::ids_of_type(conn, "STANDARD")?)?;
            query.page(all, &["username", "displayName"], "username")
        })
        .await?;
    Ok(Json(page))
}

async fn users_create(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    JsonBody(body): JsonBody<CreateOrUpdateUserRequest>,
) -> Result<(StatusCode, Json<User>)> {
    require_super_admin(&caller, "create users")?;
    let email = validate_email(&body.email)?;
    let hash = hash_optional(body.password.clone()).await?;
    let user = state
        .db()
        .write(move |tx| {
            let id = ids::new_id();
            users::audited(tx, &actor, None, &id, |tx| {
                insert_person(
                    tx,
                    &id,
                    &NewUser {
                        email: &email,
                        first_name: blank_to_none(body.first_name),
                        last_name: blank_to_none(body.last_name),
                        password_hash: hash,
                        super_admin: body.super_admin.unwrap_or(false),
                        restricted: body.restricted.unwrap_or(false),
                    },
                )?;
                set_tenants(tx, &id, body.tenants.as_deref().unwrap_or_default())?;
                set_groups(tx, &id, body.groups.as_deref().unwrap_or_default())
            })?;
            load(tx, &id)?.ok_or_else(|| anyhow::anyhow!("user vanished").into())
        })
        .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

async fn users_get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "read users")?;
    let user = state.db().read(move |conn| load(conn, &id)).await?;
    user.map(Json).ok_or_else(user_not_found)
}

async fn users_update(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateOrUpdateUserRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "update users")?;
    let email = validate_email(&body.email)?;
    let hash = hash_optional(body.password.clone()).await?;
    let user = state
        .db()
        .write(move |tx| {
            let details = PersonUpdate {
                email: &email,
                first_name: blank_to_none(body.first_name),
                last_name: blank_to_none(body.last_name),
                password_hash: hash,
                restricted: body.restricted,
            };
            users::audited(tx, &actor, None, &id, |tx| {
                users::update_person(tx, &id, &details)?;
                if let Some(super_admin) = body.super_admin {
                    set_super_admin(tx, &id, super_admin)?;
                }
                if let Some(tenants) = &body.tenants {
                    set_tenants(tx, &id, tenants)?;
                }
                if let Some(groups) = &body.groups {
                    set_groups(tx, &id, groups)?;
                }
                Ok(())
            })?;
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

async fn users_patch(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UserDetailsRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "update users")?;
    let user = state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &id.clone(), |tx| {
                patch_details(tx, &id, body)
            })
        })
        .await?;
    Ok(Json(user))
}

async fn users_delete(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "delete users")?;
    state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &id, |tx| users::delete_person(tx, &id))?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

async fn users_patch_password(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchUserPasswordRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "change other users' passwords")?;
    if body.password.is_empty() {
        return Err(Error::invalid("password", "must not be blank"));
    }
    let hash = hash_off_runtime(body.password).await?;
    let user = state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &id, |tx| {
                users::set_password(tx, &id, &hash)
            })?;
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

/// Removes one sign-in method of a user (`store::users::remove_auth`) and returns the user.
async fn users_delete_auth(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path((id, auth)): Path<(String, String)>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "remove users' sign-in methods")?;
    let user = state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &id, |tx| {
                users::remove_auth(tx, &id, &auth)
            })?;
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

async fn users_patch_super_admin(
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
        require_standard,
    )
    .await
}

/// `PATCH .../superadmin` of a user or a service account (`require_kind` is 404 unless `id`
/// is the right kind of account): instance owners only, and never the last one's flag.
pub async fn patch_super_admin(
    state: &AppState,
    caller: &Caller,
    actor: Actor,
    id: String,
    super_admin: bool,
    require_kind: fn(&Connection, &str) -> Result<()>,
) -> Result<StatusCode> {
    require_super_admin(caller, "make or unmake instance owners")?;
    state
        .db()
        .write(move |tx| {
            require_kind(tx, &id)?;
            users::audited(tx, &actor, None, &id, |tx| {
                set_super_admin(tx, &id, super_admin)
            })?;
            Ok(StatusCode::OK)
        })
        .await
}

async fn users_patch_restricted(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchRestrictedRequest>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "restrict users")?;
    state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &id, |tx| {
                users::set_restricted(tx, &id, body.restricted)
            })?;
            Ok(StatusCode::OK)
        })
        .await
}

fn summary(user: User) -> UserSummary {
    UserSummary {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        tenants: user.tenants,
        auths: user.auths,
        super_admin: user.super_admin,
    }
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}
