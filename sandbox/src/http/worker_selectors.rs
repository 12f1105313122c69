//! `GET /api/v1/{tenant}/worker-selectors/tags`: the tags a worker selector can name.
//!
//! Kestra lists the tags of the instance's worker queues, which are instance infrastructure
//! that every tenant routes to. The sandbox runs no workers, so its worker queues are the ones
//! the instance's selectors already name: the distinct tags of every tenant's and namespace's
//! `defaultWorkerSelector`. Only tag names are listed, never which tenant uses them. Anyone
//! who may use the tenant may ask, as for Kestra's other `Misc` endpoints.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use kestra_model::tenant::WorkerSelectorTags;

use crate::error::Result;
use crate::rbac::TenantScope;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/{tenant}/worker-selectors/tags",
        get(worker_selector_tags),
    )
}

async fn worker_selector_tags(
    State(state): State<AppState>,
    scope: TenantScope,
) -> Result<Json<WorkerSelectorTags>> {
    let tags = scope
        .read(&state, |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT tag.value FROM tenants, json_each(tenants.extra, '$.defaultWorkerSelector.tags') AS tag
                 UNION
                 SELECT tag.value FROM namespaces, json_each(namespaces.extra, '$.defaultWorkerSelector.tags') AS tag
                 ORDER BY 1",
            )?;
            let tags = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(tags.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(Json(WorkerSelectorTags { tags }))
}
