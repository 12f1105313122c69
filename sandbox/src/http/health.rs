//! `GET /health`: whether this sandbox can serve, for load balancers, container health checks
//! and Kubernetes probes. No sign-in, since probes carry no credentials.
//!
//! Kestra's document has no health endpoint; Kestra itself exposes Micronaut's on its management
//! port (8081), answering `{"status": "UP"}` (200) or `{"status": "DOWN"}` (503). The sandbox
//! has one port, so it serves the same shape there, and "UP" means the database answered a query
//! just now.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health_get))
}

async fn health_get(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let answered = state
        .db()
        .read(|conn| Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await;
    match answered {
        Ok(_) => (StatusCode::OK, Json(json!({"status": "UP"}))),
        Err(err) => {
            // The probe's caller gets no detail; the operator finds it in the log.
            tracing::error!("health check: the database did not answer: {err:#}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "DOWN"})),
            )
        }
    }
}
