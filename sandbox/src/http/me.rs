//! `/api/v1/me`: the signed-in user, the tenants they may use (the console's tenant picker), and
//! edits of their own profile and password.
//!
//! An instance owner may use every tenant; anyone else the tenants they were given access to.
//! Besides Kestra's fields the answer carries the sandbox's hint `sandboxPermissions` (see
//! `kestra_model::MeWithPermissions`): what the user may do in each of those tenants.

use axum::extract::State;
use axum::routing::{get, put};
use axum::{Json, Router};
use kestra_model::{
    Me, MeProfile, MeTenant, MeWithPermissions, SandboxPermissions, UpdatePasswordRequest,
    UserDetailsRequest,
};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::state::AppState;
use crate::store::audit::Actor;
use crate::store::grants::{Caller, grants_in};
use crate::store::identity::auths;
use crate::store::passwords::{hash_off_runtime, verify_password};
use crate::store::users::{self, patch_details};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(me_get).patch(me_patch))
        .route("/api/v1/me/password", put(me_update_password))
}

/// `MeController.ApiMe` with the `auths` list the model leaves out, and the sandbox's hint.
#[derive(Serialize)]
struct ApiMe {
    #[serde(flatten)]
    me: MeWithPermissions,
    auths: Vec<Value>,
}

async fn me_get(State(state): State<AppState>, caller: Caller) -> Result<Json<ApiMe>> {
    Ok(Json(
        state.db().read(move |conn| load_me(conn, &caller)).await?,
    ))
}

async fn me_patch(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    JsonBody(body): JsonBody<UserDetailsRequest>,
) -> Result<Json<ApiMe>> {
    let me = state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &caller.user_id, |tx| {
                patch_details(tx, &caller.user_id, body)
            })?;
            load_me(tx, &caller)
        })
        .await?;
    Ok(Json(me))
}

async fn me_update_password(
    State(state): State<AppState>,
    caller: Caller,
    actor: Actor,
    JsonBody(body): JsonBody<UpdatePasswordRequest>,
) -> Result<Json<Value>> {
    if body.new_password.is_empty() {
        return Err(Error::invalid("newPassword", "must not be blank"));
    }
    let user_id = caller.user_id.clone();
    let current: Option<String> = state
        .db()
        .read(move |conn| {
            Ok(conn.query_row(
                "SELECT password_hash FROM users WHERE id = ?1",
                [&user_id],
                |r| r.get(0),
            )?)
        })
        .await?;
    let old = body.old_password;
    let matches = match current {
        Some(hash) => tokio::task::spawn_blocking(move || verify_password(&old, &hash))
            .await
            .map_err(|err| Error::Internal(err.into()))?,
        None => false,
    };
    if !matches {
        return Err(Error::invalid("oldPassword", "is not the current password"));
    }
    let hash = hash_off_runtime(body.new_password).await?;
    state
        .db()
        .write(move |tx| {
            users::audited(tx, &actor, None, &caller.user_id, |tx| {
                users::set_password(tx, &caller.user_id, &hash)
            })
        })
        .await?;
    Ok(Json(json!({})))
}

fn load_me(conn: &Connection, caller: &Caller) -> Result<ApiMe> {
    let (email, first_name, last_name, name, restricted, has_password): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
        bool,
    ) = conn.query_row(
        "SELECT email, first_name, last_name, name, restricted, password_hash IS NOT NULL
         FROM users WHERE id = ?1",
        [&caller.user_id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let sql = if caller.super_admin {
        "SELECT id, name FROM tenants WHERE ?1 IS NOT NULL ORDER BY id"
    } else {
        "SELECT t.id, t.name FROM tenants t
         JOIN tenant_access a ON a.tenant_id = t.id AND a.user_id = ?1
         ORDER BY t.id"
    };
    let tenants = conn
        .prepare(sql)?
        .query_map([&caller.user_id], |r| {
            Ok(MeTenant {
                id: r.get(0)?,
                name: Some(r.get(1)?),
                logo: None,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut permissions = SandboxPermissions::new();
    for tenant in &tenants {
        permissions.insert(
            tenant.id.clone(),
            grants_in(conn, caller, &tenant.id)?.to_permissions(),
        );
    }
    let me = Me {
        id: Some(caller.user_id.clone()),
        super_admin: caller.super_admin,
        restricted,
        profile: Some(MeProfile {
            username: email.clone().or(name),
            email,
            first_name,
            last_name,
        }),
        tenants,
    };
    let auths = auths(has_password)
        .into_iter()
        .map(|a| json!({"name": a.name, "type": a.auth_type}))
        .collect();
    Ok(ApiMe {
        me: MeWithPermissions {
            me,
            sandbox_permissions: Some(permissions),
        },
        auths,
    })
}
