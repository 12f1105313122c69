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
    PatchUserPasswordRequest, TenantSummary, User, UserAuth, UserDetailsRequest, UserGroupRef,
    UserSummary,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::auth::{Caller, hash_password};
use crate::error::{Error, Result, ResultExt};
use crate::http::JsonBody;
use crate::http::people::{self, People};
use crate::http::tenant_access::{grant_access, revoke_access};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::require_super_admin;
use crate::state::AppState;

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
    JsonBody(body): JsonBody<CreateOrUpdateUserRequest>,
) -> Result<(StatusCode, Json<User>)> {
    require_super_admin(&caller, "create users")?;
    let email = validate_email(&body.email)?;
    let hash = hash_optional(body.password.clone()).await?;
    let user = state
        .db()
        .write(move |tx| {
            let id = insert_standard(
                tx,
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
            set_groups(tx, &id, body.groups.as_deref().unwrap_or_default())?;
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateOrUpdateUserRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "update users")?;
    let email = validate_email(&body.email)?;
    let hash = hash_optional(body.password.clone()).await?;
    let user = state
        .db()
        .write(move |tx| {
            require_standard(tx, &id)?;
            tx.execute(
                "UPDATE users SET email = ?2, first_name = ?3, last_name = ?4,
                     password_hash = coalesce(?5, password_hash),
                     restricted = coalesce(?6, restricted)
                 WHERE id = ?1",
                params![
                    id,
                    email,
                    blank_to_none(body.first_name),
                    blank_to_none(body.last_name),
                    hash,
                    body.restricted
                ],
            )
            .on_unique("users.email", || {
                Error::Conflict(format!("A user with email '{email}' already exists"))
            })?;
            if let Some(super_admin) = body.super_admin {
                set_super_admin(tx, &id, super_admin)?;
            }
            if let Some(tenants) = &body.tenants {
                set_tenants(tx, &id, tenants)?;
            }
            if let Some(groups) = &body.groups {
                set_groups(tx, &id, groups)?;
            }
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

async fn users_patch(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UserDetailsRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "update users")?;
    let user = state
        .db()
        .write(move |tx| patch_details(tx, &id, body))
        .await?;
    Ok(Json(user))
}

async fn users_delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "delete users")?;
    state
        .db()
        .write(move |tx| {
            require_standard(tx, &id)?;
            set_super_admin(tx, &id, false).map_err(|err| match err {
                Error::Conflict(_) => {
                    Error::Conflict("The last instance owner cannot be deleted".into())
                }
                other => other,
            })?;
            tx.execute("DELETE FROM users WHERE id = ?1", [&id])?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

async fn users_patch_password(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchUserPasswordRequest>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "change other users' passwords")?;
    if body.password.is_empty() {
        return Err(Error::invalid("password", "must not be blank"));
    }
    let hash = hash_optional(Some(body.password)).await?;
    let user = state
        .db()
        .write(move |tx| {
            require_standard(tx, &id)?;
            tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                params![id, hash],
            )?;
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

/// Removes one sign-in method of a user and returns the user. The sandbox knows one method,
/// the password (`basic-auth`, see [`auths`]): removing it clears the password, so the user
/// cannot sign in with one until it is set again; their API tokens still work. 404 for an
/// unknown user or a method the user does not have; 409 when the user is the last instance
/// owner who can sign in with a password, for the same reason the last one cannot be deleted.
async fn users_delete_auth(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, auth)): Path<(String, String)>,
) -> Result<Json<User>> {
    require_super_admin(&caller, "remove users' sign-in methods")?;
    let user = state
        .db()
        .write(move |tx| {
            require_standard(tx, &id)?;
            let has_password: bool = tx.query_row(
                "SELECT password_hash IS NOT NULL FROM users WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )?;
            if !has_password || auth != BASIC_AUTH_ID {
                return Err(Error::not_found(format!(
                    "Authentication method '{auth}' not found"
                )));
            }
            tx.execute("UPDATE users SET password_hash = NULL WHERE id = ?1", [&id])?;
            let owners_who_sign_in: i64 = tx.query_row(
                "SELECT count(*) FROM users
                 WHERE super_admin = 1 AND type = 'STANDARD' AND password_hash IS NOT NULL",
                [],
                |r| r.get(0),
            )?;
            let was_owner: bool =
                tx.query_row("SELECT super_admin FROM users WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })?;
            if was_owner && owners_who_sign_in == 0 {
                return Err(Error::Conflict(
                    "The last instance owner who signs in with a password cannot lose it".into(),
                ));
            }
            load(tx, &id)?.ok_or_else(user_not_found)
        })
        .await?;
    Ok(Json(user))
}

async fn users_patch_super_admin(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchSuperAdminRequest>,
) -> Result<StatusCode> {
    patch_super_admin(&state, &caller, id, body.super_admin, require_standard).await
}

/// `PATCH .../superadmin` of a user or a service account (`require_kind` is 404 unless `id`
/// is the right kind of account): instance owners only, and never the last one's flag.
pub async fn patch_super_admin(
    state: &AppState,
    caller: &Caller,
    id: String,
    super_admin: bool,
    require_kind: fn(&Connection, &str) -> Result<()>,
) -> Result<StatusCode> {
    require_super_admin(caller, "make or unmake instance owners")?;
    state
        .db()
        .write(move |tx| {
            require_kind(tx, &id)?;
            set_super_admin(tx, &id, super_admin)?;
            Ok(StatusCode::OK)
        })
        .await
}

async fn users_patch_restricted(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PatchRestrictedRequest>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "restrict users")?;
    state
        .db()
        .write(move |tx| {
            require_standard(tx, &id)?;
            tx.execute(
                "UPDATE users SET restricted = ?2 WHERE id = ?1",
                params![id, body.restricted],
            )?;
            Ok(StatusCode::OK)
        })
        .await
}

/// Applies the fields of a `PATCH /users/{id}` or `PATCH /me` body that are present.
pub fn patch_details(tx: &Transaction, id: &str, body: UserDetailsRequest) -> Result<User> {
    require_standard(tx, id)?;
    let email = body.email.as_deref().map(validate_email).transpose()?;
    tx.execute(
        "UPDATE users SET email = coalesce(?2, email),
             first_name = CASE WHEN ?3 IS NULL THEN first_name ELSE nullif(?3, '') END,
             last_name = CASE WHEN ?4 IS NULL THEN last_name ELSE nullif(?4, '') END
         WHERE id = ?1",
        params![
            id,
            email,
            body.first_name.map(|s| s.trim().to_owned()),
            body.last_name.map(|s| s.trim().to_owned())
        ],
    )
    .on_unique("users.email", || {
        Error::Conflict("A user with this email already exists".into())
    })?;
    load(tx, id)?.ok_or_else(user_not_found)
}

/// A person to add, already checked: `email` by [`validate_email`], the password hashed.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub password_hash: Option<String>,
    pub super_admin: bool,
    pub restricted: bool,
}

/// Adds a standard user (409 if the email is taken) and returns their id.
pub fn insert_standard(tx: &Transaction, user: &NewUser) -> Result<String> {
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO users (id, type, email, first_name, last_name, password_hash, super_admin, restricted, created_at)
         VALUES (?1, 'STANDARD', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            user.email,
            user.first_name,
            user.last_name,
            user.password_hash,
            user.super_admin,
            user.restricted,
            ids::now_secs()
        ],
    )
    .on_unique("users.email", || {
        Error::Conflict(format!("A user with email '{}' already exists", user.email))
    })?;
    Ok(id)
}

pub fn user_not_found() -> Error {
    Error::not_found("User not found")
}

/// 404 unless `id` is a standard user (not a service account).
fn require_standard(conn: &Connection, id: &str) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND type = 'STANDARD')",
        [id],
        |r| r.get(0),
    )?;
    if found { Ok(()) } else { Err(user_not_found()) }
}

/// Sets the instance-owner flag of a user or service account; 409 when that would leave the
/// instance without a standard-user instance owner.
pub fn set_super_admin(tx: &Transaction, id: &str, super_admin: bool) -> Result<()> {
    tx.execute(
        "UPDATE users SET super_admin = ?2 WHERE id = ?1",
        params![id, super_admin],
    )?;
    let owners: i64 = tx.query_row(
        "SELECT count(*) FROM users WHERE super_admin = 1 AND type = 'STANDARD'",
        [],
        |r| r.get(0),
    )?;
    if owners == 0 {
        return Err(Error::Conflict(
            "The instance must keep at least one instance owner".into(),
        ));
    }
    Ok(())
}

/// Gives `user` access to exactly `tenants` (each must exist: 404 otherwise).
pub fn set_tenants(tx: &Transaction, user: &str, tenants: &[String]) -> Result<()> {
    for tenant in tenants {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?1)",
            [tenant],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::not_found(format!("Tenant '{tenant}' not found")));
        }
    }
    let current: Vec<String> = tx
        .prepare("SELECT tenant_id FROM tenant_access WHERE user_id = ?1")?
        .query_map([user], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for tenant in current.iter().filter(|t| !tenants.contains(t)) {
        revoke_access(tx, tenant, user)?;
    }
    for tenant in tenants {
        grant_access(tx, tenant, user)?;
    }
    Ok(())
}

/// Makes `user` a member of exactly `groups` (ids, in any tenant; each must exist: 404
/// otherwise), giving access to each group's tenant.
pub fn set_groups(tx: &Transaction, user: &str, groups: &[String]) -> Result<()> {
    let mut tenants = Vec::new();
    for group in groups {
        let tenant: Option<String> = tx
            .query_row("SELECT tenant_id FROM groups WHERE id = ?1", [group], |r| {
                r.get(0)
            })
            .optional()?;
        tenants.push(tenant.ok_or_else(|| Error::not_found(format!("Group '{group}' not found")))?);
    }
    tx.execute("DELETE FROM group_members WHERE user_id = ?1", [user])?;
    for (group, tenant) in groups.iter().zip(&tenants) {
        grant_access(tx, tenant, user)?;
        tx.execute(
            "INSERT OR IGNORE INTO group_members (group_id, user_id, created_at) VALUES (?1, ?2, ?3)",
            params![group, user, ids::now_secs()],
        )?;
    }
    Ok(())
}

/// One standard user in full, or `None`.
/// The tenants a user or service account has access to, by id.
pub fn tenants_of(conn: &Connection, id: &str) -> Result<Vec<TenantSummary>> {
    Ok(conn
        .prepare(
            "SELECT t.id, t.name FROM tenant_access a JOIN tenants t ON t.id = a.tenant_id
             WHERE a.user_id = ?1 ORDER BY t.id",
        )?
        .query_map([id], |r| {
            Ok(TenantSummary {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?)
}

pub fn load(conn: &Connection, id: &str) -> Result<Option<User>> {
    let row = conn
        .query_row(
            "SELECT email, first_name, last_name, password_hash IS NOT NULL, super_admin, restricted
             FROM users WHERE id = ?1 AND type = 'STANDARD'",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((email, first_name, last_name, has_password, super_admin, restricted)) = row else {
        return Ok(None);
    };
    let tenants = tenants_of(conn, id)?;
    let groups = conn
        .prepare(
            "SELECT g.id, g.tenant_id FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?1 ORDER BY g.tenant_id, g.name",
        )?
        .query_map([id], |r| {
            Ok(UserGroupRef {
                id: Some(r.get(0)?),
                tenant_id: Some(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(User {
        id: Some(id.to_owned()),
        username: Some(email.clone()),
        display_name: Some(display_name(
            first_name.as_deref(),
            last_name.as_deref(),
            &email,
        )),
        first_name,
        last_name,
        email: Some(email),
        tenants,
        auths: auths(has_password),
        groups,
        super_admin,
        restricted,
    }))
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

/// The id of the one sign-in method the sandbox knows, the password.
const BASIC_AUTH_ID: &str = "basic-auth";

/// A user's sign-in methods: the sandbox only knows passwords.
pub fn auths(has_password: bool) -> Vec<UserAuth> {
    if has_password {
        vec![UserAuth {
            id: Some(BASIC_AUTH_ID.into()),
            name: Some("Basic authentication".into()),
            auth_type: Some("BASIC".into()),
        }]
    } else {
        Vec::new()
    }
}

/// "First Last", or whichever of the two exists, or the email.
pub fn display_name(first: Option<&str>, last: Option<&str>, fallback: &str) -> String {
    let full = [first, last]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        fallback.to_owned()
    } else {
        full
    }
}

/// Kestra's email pattern (`kestra_model::rules::email`); returns the email trimmed.
pub fn validate_email(email: &str) -> Result<String> {
    kestra_model::rules::email(email).map_err(|message| Error::invalid("email", message))
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The argon2 hash of a non-empty password, computed off the runtime; `None` for no password.
pub async fn hash_optional(password: Option<String>) -> Result<Option<String>> {
    match password.filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(password) => Ok(Some(
            tokio::task::spawn_blocking(move || hash_password(&password))
                .await
                .map_err(|err| Error::Internal(err.into()))??,
        )),
    }
}
