//! `GET /api/v1/configs` and `GET /api/v1/configs/login`: what kind of server this is. The
//! console reads it before anyone signs in, so neither needs credentials.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use kestra_model::{Configuration, Edition, SandboxDemo, TenantConfigurationInfo};
use serde_json::{Value, json};

use crate::error::Result;
use crate::ids;
use crate::state::AppState;

/// The Kestra version the sandbox imitates; the suffix says what it really is.
pub const VERSION: &str = "2.0.0-SANDBOX";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/configs", get(configs_get))
        .route("/api/v1/configs/login", get(configs_login))
}

async fn configs_get(State(state): State<AppState>) -> Result<Json<Configuration>> {
    let initialized = basic_auth_initialized(&state).await?;
    Ok(Json(Configuration {
        uuid: Some(state.inner.uuid.clone()),
        version: Some(VERSION.to_owned()),
        edition: Some(Edition::Ee),
        is_basic_auth_initialized: Some(initialized),
        tenants: Some(TenantConfigurationInfo {
            storage_by_tenant: Some(false),
            secret_by_tenant: Some(false),
            enabled: Some(state.inner.multi_tenancy),
            default_tenant: Some(state.inner.default_tenant),
        }),
        sandbox_demo: state
            .inner
            .demo_schedule
            .as_ref()
            .map(|schedule| SandboxDemo {
                reset_interval_seconds: schedule.interval_secs(),
                next_reset_at: ids::rfc3339(schedule.next_reset_secs()),
            }),
    }))
}

async fn configs_login(State(state): State<AppState>) -> Result<Json<Value>> {
    let initialized = basic_auth_initialized(&state).await?;
    Ok(Json(json!({ "isBasicAuthInitialized": initialized })))
}

/// Whether any user can sign in with a password (Kestra: whether the first user was created).
async fn basic_auth_initialized(state: &AppState) -> Result<bool> {
    state
        .db()
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL)",
                [],
                |r| r.get(0),
            )?)
        })
        .await
}
