//! Invitations: asking someone, by email, to join a tenant with some roles and groups.
//!
//! `POST /api/v1/{tenant}/invitations` answers 201 with the new invitation when nobody has
//! that email yet, 204 when the person exists (they get access, roles and groups at once, no
//! invitation is kept), 409 when they already have access or a pending invitation exists, and
//! 403 when someone who is not an instance owner invites an instance owner. An invitation
//! expires after seven days. The invited person accepts it either by signing up with it
//! (`POST /api/v1/invitation/create/{id}`, no credentials: the id is the secret) or, once
//! signed in with that email, with `POST /api/v1/invitation/accept/{id}`; their pending
//! invitations are at `GET /api/v1/me/invitations`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    Action, InvitationCreateRequest, InvitationDetail, InvitationStatus, PagedResults, Resource,
};
use rusqlite::ToSql;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::listing::{self, Listing};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::{TenantScope, require_super_admin};
use crate::state::AppState;
use crate::store::bindings::validate_namespace;
use crate::store::grants::Caller;
use crate::store::invitations::{self, Invited, Offer, READ_ORDER, all_in, detail, stored};
use crate::store::passwords::hash_off_runtime;
use crate::store::users::validate_email;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/invitations", post(invitations_create))
        .route(
            "/api/v1/{tenant}/invitations/search",
            get(invitations_search),
        )
        .route(
            "/api/v1/{tenant}/invitations/email/{email}",
            get(invitations_by_email),
        )
        .route(
            "/api/v1/{tenant}/invitations/{id}",
            get(invitations_get).delete(invitations_delete),
        )
        .route("/api/v1/me/invitations", get(invitations_mine))
        .route("/api/v1/invitation/accept/{id}", post(invitations_accept))
        .route("/api/v1/invitation/create/{id}", post(invitations_sign_up))
}

async fn invitations_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<InvitationCreateRequest>,
) -> Result<Response> {
    scope.require(Resource::Invitation, Action::Create)?;
    let email = validate_email(&body.email)?;
    let super_admin = body.super_admin.unwrap_or(false);
    if super_admin {
        require_super_admin(&scope.caller, "invite an instance owner")?;
    }
    let roles = body.roles.clone().unwrap_or_default();
    for (i, role) in roles.iter().enumerate() {
        for ns in role.namespaces.iter().flatten() {
            validate_namespace(Some(ns), &format!("roles[{i}].namespaces"))?;
        }
    }
    let groups = body.groups.clone().unwrap_or_default();
    let actor = scope.actor();
    scope
        .write(&state, move |tx, tenant| {
            let offer = Offer {
                email: &email,
                super_admin,
                roles: &roles,
                groups: &groups,
            };
            match invitations::invite(tx, &actor, tenant, &offer)? {
                Invited::Applied => Ok(StatusCode::NO_CONTENT.into_response()),
                Invited::Pending(id) => {
                    let created = detail(tx, Some(tenant), &id)?;
                    Ok((StatusCode::CREATED, Json(created)).into_response())
                }
            }
        })
        .await
}

async fn invitations_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<InvitationDetail>>> {
    scope.require(Resource::Invitation, Action::List)?;
    let status = match query.param("status") {
        None => None,
        Some("PENDING") => Some(InvitationStatus::Pending),
        Some("ACCEPTED") => Some(InvitationStatus::Accepted),
        Some("EXPIRED") => Some(InvitationStatus::Expired),
        Some(other) => {
            return Err(Error::BadRequest(format!(
                "Invalid status '{other}': expected PENDING, ACCEPTED or EXPIRED"
            )));
        }
    };
    let email = query.param("email").map(str::to_lowercase);
    let page = scope
        .read(&state, move |conn, tenant| {
            let status_text = status.map(|s| match s {
                InvitationStatus::Pending => "PENDING",
                InvitationStatus::Accepted => "ACCEPTED",
                InvitationStatus::Expired => "EXPIRED",
            });
            let now = ids::now_secs();
            let mut from = String::from("FROM invitations WHERE tenant_id = :tenant");
            let mut params: Vec<(&str, &dyn ToSql)> = vec![(":tenant", &tenant)];
            if let Some(status) = &status_text {
                // The status an invitation is shown with (`store::invitations::stored`).
                from.push_str(
                    " AND CASE WHEN status = 'ACCEPTED' THEN 'ACCEPTED'
                     WHEN expires_at <= :now THEN 'EXPIRED' ELSE 'PENDING' END = :status",
                );
                params.push((":status", status));
                params.push((":now", &now));
            }
            if let Some(email) = &email {
                from.push_str(" AND instr(fold(email), :email) > 0");
                params.push((":email", email));
            }
            let listing = Listing {
                id: "id",
                from: &from,
                params,
                search: &["email"],
                // `sentAt` is RFC 3339 in UTC, whose text order is the order of the seconds.
                sorts: &[("email", Some("email")), ("sentAt", Some("sent_at"))],
                default_sort: "email",
                read_order: READ_ORDER,
            };
            if let Some(page) = listing::page(conn, &listing, &query)? {
                return Ok(PagedResults {
                    results: page
                        .ids
                        .iter()
                        .map(|id| detail(conn, Some(tenant), id))
                        .collect::<Result<_>>()?,
                    total: page.total,
                });
            }
            let matching = all_in(conn, tenant)?
                .into_iter()
                .filter(|i| status.is_none_or(|s| i.status == Some(s)))
                .filter(|i| {
                    email.as_ref().is_none_or(|e| {
                        i.email
                            .as_deref()
                            .is_some_and(|ie| ie.to_lowercase().contains(e))
                    })
                })
                .collect();
            query.page(matching, &["email"], "email")
        })
        .await?;
    Ok(Json(page))
}

async fn invitations_by_email(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, email)): Path<(String, String)>,
) -> Result<Json<Vec<InvitationDetail>>> {
    let all = scope
        .require(Resource::Invitation, Action::List)?
        .read(&state, all_in)
        .await?;
    Ok(Json(
        all.into_iter()
            .filter(|i| {
                i.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .collect(),
    ))
}

async fn invitations_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<InvitationDetail>> {
    Ok(Json(
        scope
            .require(Resource::Invitation, Action::View)?
            .read(&state, move |conn, tenant| detail(conn, Some(tenant), &id))
            .await?,
    ))
}

async fn invitations_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::Invitation, Action::Delete)?
        .write(&state, move |tx, tenant| {
            invitations::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// Kestra's `Invitation`: what `GET /api/v1/me/invitations` lists.
async fn invitations_mine(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Value>>> {
    let list = state
        .db()
        .read(move |conn| {
            let email: Option<String> =
                conn.query_row("SELECT email FROM users WHERE id = ?1", [&caller.user_id], |r| r.get(0))?;
            let Some(email) = email else { return Ok(Vec::new()) };
            let ids: Vec<String> = conn
                .prepare("SELECT id FROM invitations WHERE email = ?1 AND status = 'PENDING' ORDER BY sent_at")?
                .query_map([&email], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            for id in ids {
                let d = detail(conn, None, &id)?;
                if d.status != Some(InvitationStatus::Pending) {
                    continue;
                }
                let stored = stored(conn, &id)?;
                out.push(json!({
                    "id": d.id,
                    "email": d.email,
                    "tenantId": d.tenant_id,
                    "status": d.status,
                    "sentAt": d.sent_at,
                    "expiredAt": d.expired_at,
                    "isExpired": false,
                    "deleted": false,
                    "userType": "STANDARD",
                    "superAdmin": d.super_admin,
                    "groupIds": stored.groups,
                    "bindings": stored.roles.iter().flat_map(|role| {
                        let namespaces: Vec<Option<String>> = match role.namespaces.as_deref() {
                            None | Some([]) => vec![None],
                            Some(list) => list.iter().cloned().map(Some).collect(),
                        };
                        namespaces.into_iter().map(|ns| json!({
                            "type": "USER", "externalId": caller.user_id, "roleId": role.id,
                            "namespaceId": ns, "deleted": false,
                        }))
                    }).collect::<Vec<_>>(),
                }));
            }
            Ok(out)
        })
        .await?;
    Ok(Json(list))
}

/// Accepting as the signed-in user, whose email must be the invited one (403 otherwise).
async fn invitations_accept(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    state
        .db()
        .write(move |tx| {
            invitations::accept_as_invited(tx, &id, &caller.user_id)?;
            Ok(Json(json!({})))
        })
        .await
}

/// `AuthController.InvitationUserRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignUp {
    first_name: String,
    last_name: String,
    password: String,
}

/// Signing up with an invitation: creates the invited user with this password and accepts.
async fn invitations_sign_up(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SignUp>,
) -> Result<Json<Value>> {
    if body.password.is_empty() {
        return Err(Error::invalid("password", "must not be blank"));
    }
    let hash = hash_off_runtime(body.password).await?;
    state
        .db()
        .write(move |tx| {
            invitations::sign_up(tx, &id, &body.first_name, &body.last_name, hash)?;
            Ok(Json(json!({})))
        })
        .await
}
