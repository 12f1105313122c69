//! `GET /api/v1/me`: the signed-in user, and the tenants they may use (the console's tenant
//! picker). An instance owner may use every tenant; anyone else the tenants they were given
//! access to.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use kestra_model::{Me, MeProfile, MeTenant};
use serde::Serialize;
use serde_json::Value;

use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/me", get(me_get))
}

/// `MeController.ApiMe`, with the `auths` list the model leaves out.
#[derive(Serialize)]
struct ApiMe {
    #[serde(flatten)]
    me: Me,
    auths: Vec<Value>,
}

async fn me_get(State(state): State<AppState>, caller: Caller) -> Result<Json<ApiMe>> {
    let me = load_me(&state, caller).await?;
    Ok(Json(ApiMe {
        me,
        auths: Vec::new(),
    }))
}

async fn load_me(state: &AppState, caller: Caller) -> Result<Me> {
    state
        .db()
        .read(move |conn| {
            let (email, first_name, last_name, name, restricted): (
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
                bool,
            ) = conn.query_row(
                "SELECT email, first_name, last_name, name, restricted FROM users WHERE id = ?1",
                [&caller.user_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
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
            Ok(Me {
                id: Some(caller.user_id),
                super_admin: caller.super_admin,
                restricted,
                profile: Some(MeProfile {
                    username: email.clone().or(name),
                    email,
                    first_name,
                    last_name,
                }),
                tenants,
            })
        })
        .await
}
