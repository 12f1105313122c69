//! The audit trail `store::audit` writes, read back as the document's Audit Logs operations:
//!
//! - `GET /api/v1/{tenant}/auditlogs/search` (`AUDITLOG:LIST`) and `GET /api/v1/auditlogs/search`
//!   (instance owners): pages of logs, newest first ([`search`]).
//! - `GET /api/v1/{tenant}/auditlogs/{id}/diff` (`AUDITLOG:VIEW`) and
//!   `GET /api/v1/auditlogs/{id}/diff` (instance owners): the resource before and after a change
//!   (or since `previousId`), as pretty JSON text, `""` where it did not exist.
//! - `GET /api/v1/{tenant}/auditlogs/history/{detailId}` (`AUDITLOG:LIST`): every log of one
//!   resource in the tenant, newest first, as `AuditLogOption`s.
//! - `POST /api/v1/{tenant}/auditlogs/find` (`AUDITLOG:VIEW`): the newest log matching a
//!   resource type, an action and detail fields; 404 when none does.
//! - `GET /api/v1/{tenant}/auditlogs/export` (`AUDITLOG:EXPORT`) and `GET /api/v1/auditlogs/export`
//!   (instance owners): every matching log as a CSV file, streamed ([`export`]).
//!
//! A tenant's operations read only that tenant's logs.

mod export;
mod search;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{Action, PagedResults, Resource};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::query::ListQuery;
use crate::rbac::{TenantScope, require_super_admin};
use crate::state::AppState;
use crate::store::audit_versions;
use crate::store::grants::Caller;
use search::Search;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/auditlogs/search", get(search_in_tenant))
        .route("/api/v1/auditlogs/search", get(search_everywhere))
        .route("/api/v1/{tenant}/auditlogs/{id}/diff", get(diff_in_tenant))
        .route("/api/v1/auditlogs/{id}/diff", get(diff_anywhere))
        .route(
            "/api/v1/{tenant}/auditlogs/history/{detail_id}",
            get(history),
        )
        .route("/api/v1/{tenant}/auditlogs/find", post(find))
        .route("/api/v1/{tenant}/auditlogs/export", get(export::in_tenant))
        .route("/api/v1/auditlogs/export", get(export::everywhere))
}

async fn search_in_tenant(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<Value>>> {
    let search = Search::parse(&query)?;
    let page = scope
        .require(Resource::Auditlog, Action::List)?
        .read(&state, move |conn, tenant| search.run(conn, Some(tenant)))
        .await?;
    Ok(Json(page))
}

async fn search_everywhere(
    State(state): State<AppState>,
    caller: Caller,
    query: ListQuery,
) -> Result<Json<PagedResults<Value>>> {
    require_super_admin(&caller, "search the audit logs of every tenant")?;
    let search = Search::parse(&query)?;
    let page = state.db().read(move |conn| search.run(conn, None)).await?;
    Ok(Json(page))
}

/// `AuditLogController.AuditLogDiff`.
#[derive(Serialize)]
struct AuditLogDiff {
    before: String,
    after: String,
}

async fn diff_in_tenant(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    query: ListQuery,
) -> Result<Json<AuditLogDiff>> {
    let previous = previous_id(&query);
    let diff = scope
        .require(Resource::Auditlog, Action::View)?
        .read(&state, move |conn, tenant| {
            audit_versions::around(conn, Some(tenant), &id, previous.as_deref())
        })
        .await?;
    Ok(Json(as_text(diff)))
}

async fn diff_anywhere(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    query: ListQuery,
) -> Result<Json<AuditLogDiff>> {
    let previous = previous_id(&query);
    require_super_admin(&caller, "read the audit logs of every tenant")?;
    let diff = state
        .db()
        .read(move |conn| audit_versions::around(conn, None, &id, previous.as_deref()))
        .await?;
    Ok(Json(as_text(diff)))
}

/// The diff's `previousId`, when given.
fn previous_id(query: &ListQuery) -> Option<String> {
    query
        .param("previousId")
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
}

/// Each version as pretty JSON, `""` where the resource did not exist.
fn as_text(versions: audit_versions::Versions) -> AuditLogDiff {
    let text = |value: Value| match value {
        Value::Null => String::new(),
        value => serde_json::to_string_pretty(&value).unwrap_or_default(),
    };
    AuditLogDiff {
        before: text(versions.before),
        after: text(versions.after),
    }
}

/// `AuditLogController.AuditLogOption`: one log of a resource's history.
#[derive(Serialize)]
struct AuditLogOption {
    id: String,
    date: String,
    /// Who made the change: their email (a service account's name), or `system`.
    username: String,
}

async fn history(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, detail_id)): Path<(String, String)>,
) -> Result<Json<Vec<AuditLogOption>>> {
    let options = scope
        .require(Resource::Auditlog, Action::List)?
        .read(&state, move |conn, tenant| {
            let mut stmt = conn.prepare(
                "SELECT a.id, a.date, coalesce(u.email, u.name, a.user_id)
                 FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id
                 WHERE a.tenant_id = ?1 AND a.resource_id = ?2
                 ORDER BY a.seq DESC",
            )?;
            let options = stmt
                .query_map(params![tenant, detail_id], |r| {
                    Ok(AuditLogOption {
                        id: r.get(0)?,
                        date: r.get(1)?,
                        username: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(options)
        })
        .await?;
    Ok(Json(options))
}

/// `AuditLogController.FindRequest`.
#[derive(Deserialize)]
struct FindRequest {
    resource: Option<Resource>,
    #[serde(rename = "type")]
    action: Option<String>,
    #[serde(default)]
    detail: Map<String, Value>,
}

async fn find(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(request): JsonBody<FindRequest>,
) -> Result<Json<Value>> {
    let search = find_search(request)?;
    let found = scope
        .require(Resource::Auditlog, Action::View)?
        .read(&state, move |conn, tenant| search.first(conn, Some(tenant)))
        .await?;
    found
        .map(Json)
        .ok_or_else(|| Error::not_found("No audit log matches"))
}

/// The search a find request makes: `detail.id` is the changed resource's id, any other
/// detail field is compared with the log's `detail` as text.
fn find_search(request: FindRequest) -> Result<Search> {
    let mut search = Search::newest_first();
    if let Some(resource) = request.resource {
        search.condition("a.resource_type = ?", [resource.to_string()]);
    }
    if let Some(action) = request.action {
        let action = export::action(&action)
            .ok_or_else(|| Error::invalid("type", "must be an AuditableAction"))?;
        search.condition("a.type = ?", [action]);
    }
    for (key, value) in request.detail {
        let value = match value {
            Value::String(text) => text,
            Value::Null => continue,
            other => other.to_string(),
        };
        if key == "id" {
            search.condition("a.resource_id = ?", [value]);
        } else {
            search.condition(
                "json_extract(a.detail, ?) = ?",
                [
                    export::detail_path(&key).ok_or_else(|| {
                        Error::invalid(format!("detail.{key}"), "must be a field name")
                    })?,
                    value,
                ],
            );
        }
    }
    Ok(search)
}
