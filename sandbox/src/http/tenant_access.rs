//! `/api/v1/{tenant}/tenant-access`: who may use a tenant. Having access lets a person pick the
//! tenant and see it in `/api/v1/me`; what they may do there comes from bindings.
//!
//! Access is also given implicitly by adding someone to a group of the tenant, binding a role
//! to them, or an accepted invitation. Giving access binds the tenant's default role, if it
//! has one. Taking access away also removes the person's bindings and group memberships in the
//! tenant. The list shows people (standard users); service accounts have their own view at
//! `/{tenant}/service-accounts`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    AccessGroup, Action, Authentication, Autocomplete, CreateTenantAccessRequest, PagedResults,
    Resource, RoleAssignment, RoleOrigin, TenantAccess, UserPermission, UserTenantAccess,
};
use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::users::{display_name, user_not_found};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::{TenantScope, has_access, parse_stored};
use crate::state::AppState;

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
    let rows = scope
        .require(Resource::TenantAccess, Action::List)?
        .read(&state, move |conn, tenant| {
            rows_with_access(conn, tenant, "STANDARD")
        })
        .await?;
    Ok(Json(query.page(
        rows,
        &["username", "displayName"],
        "username",
    )?))
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
            grant_access(tx, tenant, &user_id)?;
            Ok(StatusCode::CREATED)
        })
        .await
}

async fn tenant_access_create_by_email(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<CreateTenantAccessRequest>,
) -> Result<StatusCode> {
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
            if !grant_access(tx, tenant, &user_id)? {
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
    scope
        .require(Resource::TenantAccess, Action::Delete)?
        .write(&state, move |tx, tenant| {
            if !revoke_access(tx, tenant, &user_id)? {
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

/// Gives `user` access to `tenant` and binds the tenant's default role; `false` when they
/// already had access (then nothing changes).
pub fn grant_access(conn: &Connection, tenant: &str, user: &str) -> Result<bool> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO tenant_access (tenant_id, user_id, created_at) VALUES (?1, ?2, ?3)",
        params![tenant, user, ids::now_secs()],
    )?;
    if added == 0 {
        return Ok(false);
    }
    let default_role: Option<String> = conn
        .query_row(
            "SELECT id FROM roles WHERE tenant_id = ?1 AND is_default = 1",
            [tenant],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(role) = default_role {
        conn.execute(
            "INSERT OR IGNORE INTO bindings (id, tenant_id, type, user_id, role_id, created_at)
             VALUES (?1, ?2, 'USER', ?3, ?4, ?5)",
            params![ids::new_id(), tenant, user, role, ids::now_secs()],
        )?;
    }
    Ok(true)
}

/// Takes `user`'s access to `tenant` away with their bindings and group memberships there;
/// `false` when they had no access.
pub fn revoke_access(conn: &Connection, tenant: &str, user: &str) -> Result<bool> {
    conn.execute(
        "DELETE FROM bindings WHERE tenant_id = ?1 AND user_id = ?2",
        params![tenant, user],
    )?;
    conn.execute(
        "DELETE FROM group_members WHERE user_id = ?2
         AND group_id IN (SELECT id FROM groups WHERE tenant_id = ?1)",
        params![tenant, user],
    )?;
    let removed = conn.execute(
        "DELETE FROM tenant_access WHERE tenant_id = ?1 AND user_id = ?2",
        params![tenant, user],
    )?;
    Ok(removed > 0)
}

/// Ids of the users of `kind` (`STANDARD` or `SERVICE_ACCOUNT`) with access to `tenant`.
pub fn user_ids_with_access(conn: &Connection, tenant: &str, kind: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT u.id FROM tenant_access a JOIN users u ON u.id = a.user_id
             WHERE a.tenant_id = ?1 AND u.type = ?2 ORDER BY coalesce(u.email, u.name)",
        )?
        .query_map(params![tenant, kind], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The rows of everyone of `kind` with access to `tenant`: a tenant's people or its service
/// accounts. Two queries for the whole tenant rather than two per person, so a tenant of
/// 10,000 people lists in milliseconds.
pub fn rows_with_access(
    conn: &Connection,
    tenant: &str,
    kind: &str,
) -> Result<Vec<UserTenantAccess>> {
    let mut groups: HashMap<String, Vec<AccessGroup>> = HashMap::new();
    let mut memberships = conn.prepare(
        "SELECT m.user_id, g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
         WHERE g.tenant_id = ?1 ORDER BY g.name",
    )?;
    let found = memberships.query_map([tenant], |r| {
        Ok((r.get::<_, String>(0)?, access_group(r.get(1)?, r.get(2)?)))
    })?;
    for membership in found {
        let (user, group) = membership?;
        groups.entry(user).or_default().push(group);
    }
    conn.prepare(&format!(
        "SELECT u.id, {IDENTITY_COLUMNS} FROM tenant_access a JOIN users u ON u.id = a.user_id
             WHERE a.tenant_id = ?1 AND u.type = ?2 ORDER BY coalesce(u.email, u.name)"
    ))?
    .query_map(params![tenant, kind], |r| {
        let user: String = r.get(0)?;
        Ok((user, identity_at(r, 1)?))
    })?
    .map(|found| {
        let (user, identity) = found?;
        let groups = groups.remove(&user).unwrap_or_default();
        Ok(access_row(user, identity, groups))
    })
    .collect::<Result<_>>()
}

/// A user's or service account's row in a tenant's lists.
pub fn row(conn: &Connection, tenant: &str, user: &str) -> Result<UserTenantAccess> {
    let identity = identity(conn, user)?.ok_or_else(user_not_found)?;
    Ok(access_row(
        user.to_owned(),
        identity,
        groups_in(conn, tenant, user)?,
    ))
}

fn access_row(user: String, identity: Identity, groups: Vec<AccessGroup>) -> UserTenantAccess {
    UserTenantAccess {
        id: Some(user),
        username: Some(identity.username),
        display_name: Some(identity.display_name),
        description: identity.description,
        groups,
        auths: if identity.has_password {
            vec![Authentication {
                name: Some("Basic authentication".into()),
                auth_type: Some("BASIC".into()),
            }]
        } else {
            Vec::new()
        },
    }
}

/// How a user or service account is shown.
pub struct Identity {
    /// The email of a person, the name of a service account.
    pub username: String,
    pub display_name: String,
    pub description: Option<String>,
    pub has_password: bool,
}

/// The columns of `users` (as `u`) that make an [`Identity`], read by [`identity_at`].
const IDENTITY_COLUMNS: &str =
    "u.email, u.name, u.first_name, u.last_name, u.description, u.password_hash IS NOT NULL";

pub fn identity(conn: &Connection, user: &str) -> Result<Option<Identity>> {
    Ok(conn
        .query_row(
            &format!("SELECT {IDENTITY_COLUMNS} FROM users u WHERE u.id = ?1"),
            [user],
            |r| identity_at(r, 0),
        )
        .optional()?)
}

/// The [`Identity`] in the `IDENTITY_COLUMNS` of a row, starting at column `at`.
fn identity_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Identity> {
    let email: Option<String> = r.get(at)?;
    let name: Option<String> = r.get(at + 1)?;
    let first: Option<String> = r.get(at + 2)?;
    let last: Option<String> = r.get(at + 3)?;
    let username = email.or(name).unwrap_or_default();
    let display = display_name(first.as_deref(), last.as_deref(), &username);
    Ok(Identity {
        username,
        display_name: display,
        description: r.get(at + 4)?,
        has_password: r.get(at + 5)?,
    })
}

fn access_group(id: String, name: String) -> AccessGroup {
    AccessGroup {
        id: Some(id),
        name: Some(name),
        external: false,
    }
}

pub fn groups_in(conn: &Connection, tenant: &str, user: &str) -> Result<Vec<AccessGroup>> {
    Ok(conn
        .prepare(
            "SELECT g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?2 AND g.tenant_id = ?1 ORDER BY g.name",
        )?
        .query_map(params![tenant, user], |r| {
            Ok(access_group(r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?)
}

/// One user's access to a tenant with the roles they hold there; 404 without access.
fn detail(conn: &Connection, tenant: &str, user: &str) -> Result<TenantAccess> {
    let Identity {
        username,
        display_name: display,
        ..
    } = identity(conn, user)?.ok_or_else(user_not_found)?;
    if !has_access(conn, tenant, user)? {
        return Err(Error::not_found("This user has no access to this tenant"));
    }
    let super_admin: bool =
        conn.query_row("SELECT super_admin FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })?;
    let mut stmt = conn.prepare(
        "SELECT r.id, r.name, r.permissions, b.namespace, b.id, b.group_id FROM bindings b
         JOIN roles r ON r.id = b.role_id
         WHERE b.tenant_id = ?1 AND (b.user_id = ?2 OR b.group_id IN (
             SELECT m.group_id FROM group_members m WHERE m.user_id = ?2))
         ORDER BY r.name, b.namespace",
    )?;
    let roles = stmt
        .query_map(params![tenant, user], |r| {
            let permissions: String = r.get(2)?;
            let group: Option<String> = r.get(5)?;
            Ok(RoleAssignment {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
                namespace: r.get(3)?,
                origin: Some(if group.is_some() {
                    RoleOrigin::Group
                } else {
                    RoleOrigin::Binding
                }),
                source_id: Some(group.map_or_else(|| r.get(4), Ok)?),
                permissions: parse_stored(&permissions)
                    .into_iter()
                    .map(|(resource, actions)| UserPermission {
                        resource,
                        actions: actions.into_iter().collect(),
                    })
                    .collect(),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(TenantAccess {
        tenant_id: Some(tenant.to_owned()),
        user_id: Some(user.to_owned()),
        username: Some(username),
        display_name: Some(display),
        groups: groups_in(conn, tenant, user)?,
        roles,
        super_admin,
    })
}
