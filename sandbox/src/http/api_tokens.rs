//! API tokens of the signed-in user (`/api/v1/me/api-tokens`), of any user (instance owners,
//! `/api/v1/users/{id}/api-tokens`) and of service accounts (`/api/v1/service-accounts/{id}/...`
//! for instance owners, `/api/v1/{tenant}/service-accounts/{id}/...` for tenant admins).
//!
//! What a token is, and signing in with one, is `store::tokens`'s. `maxAge` (ISO-8601 duration)
//! sets the expiry; an expired token is refused and shows `expired: true` until deleted.
//! Deleting a token revokes it at once. Status codes follow Kestra's document, which differ by
//! path: create is 200 except for `/users/{id}` (201), delete is 204 for `/users/{id}` and
//! 200 elsewhere.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use kestra_model::{
    Action, ApiToken, ApiTokenList, CreateApiTokenRequest, CreateApiTokenResponse, Resource, rules,
};
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::error::{Error, Result, field_error};
use crate::http::JsonBody;
use crate::ids;
use crate::rbac::{TenantScope, require_super_admin};
use crate::state::AppState;
use crate::store::access::user_ids_with_access;
use crate::store::audit::Actor;
use crate::store::grants::Caller;
use crate::store::tokens;
use crate::store::users;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/me/api-tokens",
            get(me_tokens_list).post(me_tokens_create),
        )
        .route("/api/v1/me/api-tokens/{token_id}", delete(me_tokens_delete))
        .route(
            "/api/v1/users/{id}/api-tokens",
            get(user_tokens_list).post(user_tokens_create),
        )
        .route(
            "/api/v1/users/{id}/api-tokens/{token_id}",
            delete(user_tokens_delete),
        )
        .route(
            "/api/v1/service-accounts/{id}/api-tokens",
            get(service_account_tokens_list).post(service_account_tokens_create),
        )
        .route(
            "/api/v1/service-accounts/{id}/api-tokens/{token_id}",
            delete(service_account_tokens_delete),
        )
        .route(
            "/api/v1/{tenant}/service-accounts/{id}/api-tokens",
            get(tenant_service_account_tokens_list).post(tenant_service_account_tokens_create),
        )
        .route(
            "/api/v1/{tenant}/service-accounts/{id}/api-tokens/{token_id}",
            delete(tenant_service_account_tokens_delete),
        )
}

async fn me_tokens_list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ApiTokenList>> {
    list(&state, caller.user_id, None).await
}

async fn me_tokens_create(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<CreateApiTokenRequest>,
) -> Result<Json<CreateApiTokenResponse>> {
    create(&state, actor, caller.user_id, None, body)
        .await
        .map(Json)
}

async fn me_tokens_delete(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    Path(token_id): Path<String>,
) -> Result<Json<Value>> {
    revoke(&state, actor, caller.user_id, None, token_id).await?;
    Ok(Json(json!({})))
}

async fn user_tokens_list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ApiTokenList>> {
    require_super_admin(&caller, "manage other users' API tokens")?;
    list(&state, id, Some(Kind::Standard)).await
}

async fn user_tokens_create(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateApiTokenRequest>,
) -> Result<(StatusCode, Json<CreateApiTokenResponse>)> {
    require_super_admin(&caller, "manage other users' API tokens")?;
    let created = create(&state, actor, id, Some(Kind::Standard), body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn user_tokens_delete(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    Path((id, token_id)): Path<(String, String)>,
) -> Result<StatusCode> {
    require_super_admin(&caller, "manage other users' API tokens")?;
    revoke(&state, actor, id, Some(Kind::Standard), token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn service_account_tokens_list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ApiTokenList>> {
    require_super_admin(&caller, "manage service accounts")?;
    list(&state, id, Some(Kind::ServiceAccount)).await
}

async fn service_account_tokens_create(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CreateApiTokenRequest>,
) -> Result<Json<CreateApiTokenResponse>> {
    require_super_admin(&caller, "manage service accounts")?;
    create(&state, actor, id, Some(Kind::ServiceAccount), body)
        .await
        .map(Json)
}

async fn service_account_tokens_delete(
    actor: Actor,
    State(state): State<AppState>,
    caller: Caller,
    Path((id, token_id)): Path<(String, String)>,
) -> Result<Json<Value>> {
    require_super_admin(&caller, "manage service accounts")?;
    revoke(&state, actor, id, Some(Kind::ServiceAccount), token_id).await?;
    Ok(Json(json!({})))
}

async fn tenant_service_account_tokens_list(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ApiTokenList>> {
    scope.require(Resource::ServiceAccount, Action::View)?;
    require_in_tenant(&state, &scope.tenant, &id).await?;
    list(&state, id, Some(Kind::ServiceAccount)).await
}

async fn tenant_service_account_tokens_create(
    actor: Actor,
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    JsonBody(body): JsonBody<CreateApiTokenRequest>,
) -> Result<Json<CreateApiTokenResponse>> {
    scope.require(Resource::ServiceAccount, Action::Update)?;
    require_in_tenant(&state, &scope.tenant, &id).await?;
    create(&state, actor, id, Some(Kind::ServiceAccount), body)
        .await
        .map(Json)
}

async fn tenant_service_account_tokens_delete(
    actor: Actor,
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id, token_id)): Path<(String, String, String)>,
) -> Result<Json<Value>> {
    scope.require(Resource::ServiceAccount, Action::Update)?;
    require_in_tenant(&state, &scope.tenant, &id).await?;
    revoke(&state, actor, id, Some(Kind::ServiceAccount), token_id).await?;
    Ok(Json(json!({})))
}

/// Whose tokens a path manages: a person or a service account (checked, 404 otherwise).
#[derive(Clone, Copy)]
enum Kind {
    Standard,
    ServiceAccount,
}

fn require_owner(conn: &Connection, user: &str, kind: Option<Kind>) -> Result<()> {
    match kind {
        None => Ok(()),
        Some(Kind::Standard) => users::require_standard(conn, user),
        Some(Kind::ServiceAccount) => users::require_service_account(conn, user),
    }
}

/// 404 unless service account `id` has access to `tenant`.
async fn require_in_tenant(state: &AppState, tenant: &str, id: &str) -> Result<()> {
    let (tenant, id) = (tenant.to_owned(), id.to_owned());
    state
        .db()
        .read(move |conn| {
            if user_ids_with_access(conn, &tenant, "SERVICE_ACCOUNT")?.contains(&id) {
                Ok(())
            } else {
                Err(users::service_account_not_found())
            }
        })
        .await
}

async fn list(state: &AppState, user: String, kind: Option<Kind>) -> Result<Json<ApiTokenList>> {
    let tokens = state
        .db()
        .read(move |conn| {
            require_owner(conn, &user, kind)?;
            let now = ids::now_secs();
            let mut stmt = conn.prepare(
                "SELECT id, name, description, prefix, issued_at, expires_at, last_used_at, extended
                 FROM api_tokens WHERE user_id = ?1 ORDER BY issued_at DESC, name",
            )?;
            let rows = stmt.query_map([&user], |r| {
                let expires_at: Option<i64> = r.get(5)?;
                Ok(ApiToken {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    prefix: r.get(3)?,
                    iat: ids::rfc3339(r.get(4)?),
                    exp: expires_at.map(ids::rfc3339),
                    last_used: r.get::<_, Option<i64>>(6)?.map(ids::rfc3339),
                    extended: r.get(7)?,
                    expired: expires_at.is_some_and(|exp| exp <= now),
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(Json(ApiTokenList {
        total: tokens.len() as u64,
        results: tokens,
    }))
}

async fn create(
    state: &AppState,
    actor: Actor,
    user: String,
    kind: Option<Kind>,
    body: CreateApiTokenRequest,
) -> Result<CreateApiTokenResponse> {
    let mut errors = Vec::new();
    if let Err(message) = rules::account_name(&body.name) {
        errors.push(field_error("name", message));
    }
    let max_age = match body.max_age.as_deref().filter(|m| !m.is_empty()) {
        None => None,
        Some(text) => match rules::duration_secs(text) {
            Ok(secs) => Some(secs),
            Err(message) => {
                errors.push(field_error("maxAge", message));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let name = body.name.clone();
    let (id, full_token) = state
        .db()
        .write(move |tx| {
            require_owner(tx, &user, kind)?;
            let expires_at = max_age.map(|secs| ids::now_secs().saturating_add(secs));
            tokens::insert(
                tx,
                &actor,
                &user,
                &body.name,
                body.description.as_deref(),
                expires_at,
                body.extended.unwrap_or(false),
            )
        })
        .await?;
    Ok(CreateApiTokenResponse {
        id,
        name,
        full_token,
    })
}

async fn revoke(
    state: &AppState,
    actor: Actor,
    user: String,
    kind: Option<Kind>,
    token_id: String,
) -> Result<()> {
    state
        .db()
        .write(move |tx| {
            require_owner(tx, &user, kind)?;
            tokens::revoke(tx, &actor, &user, &token_id)
        })
        .await
}
