//! `GET /api/v1/{tenant}/auditlogs/export` (`AUDITLOG:EXPORT`) and `GET /api/v1/auditlogs/export`
//! (instance owners): every log a filter matches, newest first, as a CSV file.
//!
//! The file is streamed: logs are read in batches of [`BATCH`], each batch one short read
//! that resumes below the last insertion order sent (never an OFFSET that grows with the
//! trail), so exporting 1,000,000 logs holds neither the whole file in memory nor a reader for
//! long. The first batch is read before the answer starts, so a bad filter or a missing
//! permission is still a proper error status. Filters are the document's query parameters:
//! `userId`, `id`, `type`, `resources` (comma-separated or repeated), `startDate`, `endDate`,
//! `namespace` (logs of that `NAMESPACE`), `flowId` and `executionId` (the sandbox has no flows
//! or executions, so they match nothing), `q` (text in the log's detail or its author's email),
//! `details` (`key,value,...` pairs compared with the log's `detail`); `filters[...]` work as
//! in the search.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use kestra_model::{Action, Resource};
use serde_json::Value;

use super::search::{Search, utc_date};
use crate::error::{Error, Result};
use crate::query::ListQuery;
use crate::rbac::{TenantScope, require_super_admin};
use crate::state::AppState;
use crate::store::grants::Caller;

/// Logs per read: a few hundred kilobytes of CSV.
const BATCH: usize = 1_000;

/// The CSV's columns, in order.
const COLUMNS: [&str; 12] = [
    "id",
    "tenantId",
    "type",
    "resourceType",
    "resourceId",
    "date",
    "userId",
    "username",
    "ipAddress",
    "impersonatedBy",
    "appliedPatch",
    "revertPatch",
];

pub(super) async fn in_tenant(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Response> {
    scope.require(Resource::Auditlog, Action::Export)?;
    let search = export_search(&query)?;
    let file = format!("audit-logs-{}.csv", file_safe(&scope.tenant));
    stream_csv(state, search, Some(scope.tenant.clone()), file).await
}

pub(super) async fn everywhere(
    State(state): State<AppState>,
    caller: Caller,
    query: ListQuery,
) -> Result<Response> {
    require_super_admin(&caller, "export the audit logs of every tenant")?;
    let search = export_search(&query)?;
    stream_csv(state, search, None, "audit-logs.csv".into()).await
}

/// The answer: the header line and the first batch now, the rest as the client reads.
async fn stream_csv(
    state: AppState,
    search: Search,
    tenant: Option<String>,
    file: String,
) -> Result<Response> {
    let search = std::sync::Arc::new(search);
    let first = read_batch(&state, &search, &tenant, None).await?;
    let mut head = csv_line(COLUMNS.iter().map(|c| c.to_string()))?;
    head.extend(first.csv);
    let after_first = (first.full).then_some(first.last).flatten();
    let rest = stream::unfold(after_first, move |before| {
        let (state, search, tenant) = (state.clone(), search.clone(), tenant.clone());
        async move {
            let before = before?;
            match read_batch(&state, &search, &tenant, Some(before)).await {
                Ok(batch) => {
                    let next = (batch.full).then_some(batch.last).flatten();
                    Some((Ok::<_, Error>(Bytes::from(batch.csv)), next))
                }
                // Headers are gone: cutting the stream is the only way to say it failed.
                Err(err) => Some((Err(err), None)),
            }
        }
    });
    let body = stream::iter([Ok::<_, Error>(Bytes::from(head))]);
    let body = Body::from_stream(futures_util::StreamExt::chain(body, rest));
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// One batch as CSV lines, the insertion order of its last log, and whether it was full (so
/// more may follow).
struct Batch {
    csv: Vec<u8>,
    last: Option<i64>,
    full: bool,
}

async fn read_batch(
    state: &AppState,
    search: &std::sync::Arc<Search>,
    tenant: &Option<String>,
    before: Option<i64>,
) -> Result<Batch> {
    let (search, tenant) = (search.clone(), tenant.clone());
    let rows = state
        .db()
        .read(move |conn| search.batch(conn, tenant.as_deref(), before, BATCH))
        .await?;
    let mut csv = Vec::new();
    for (_, item) in &rows {
        csv.extend(csv_line(record(item))?);
    }
    Ok(Batch {
        csv,
        last: rows.last().map(|(seq, _)| *seq),
        full: rows.len() == BATCH,
    })
}

/// One `ApiAuditLogItem` as the CSV's columns.
fn record(item: &Value) -> Vec<String> {
    let log = &item["auditLog"];
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    vec![
        text(&log["id"]),
        text(&log["tenantId"]),
        text(&log["type"]),
        text(&log["detail"]["resourceType"]),
        text(&log["detail"]["id"]),
        text(&log["date"]),
        text(&log["userId"]),
        text(&item["user"]["username"]),
        text(&log["ipAddress"]),
        text(&log["impersonatedBy"]),
        text(&log["appliedPatch"]),
        text(&log["revertPatch"]),
    ]
}

fn csv_line(fields: impl IntoIterator<Item = String>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(fields)
        .map_err(|err| Error::Internal(err.into()))?;
    writer
        .into_inner()
        .map_err(|err| Error::Internal(anyhow::anyhow!("{err}")))
}

/// The search an export's query parameters ask for; 400 for a parameter it does not know.
fn export_search(query: &ListQuery) -> Result<Search> {
    let mut search = Search::parse(query)?;
    if let Some(q) = &query.q {
        search.condition_on_author(
            "(instr(a.detail, ?) > 0 OR instr(coalesce(u.email, a.user_id), ?) > 0)",
            [q.clone(), q.clone()],
        );
    }
    for (key, value) in &query.params {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "userId" => search.condition("a.user_id = ?", [value.to_owned()]),
            "id" => search.condition("a.resource_id = ?", [value.to_owned()]),
            "type" => {
                let action = action(value).ok_or_else(|| {
                    Error::BadRequest(format!(
                        "Invalid 'type': '{value}' is not an auditable action"
                    ))
                })?;
                search.condition("a.type = ?", [action]);
            }
            "resources" => {
                let resources = value
                    .split(',')
                    .map(|r| resource(r.trim()))
                    .collect::<Result<Vec<_>>>()?;
                let marks = vec!["?"; resources.len()].join(", ");
                search.condition(&format!("a.resource_type IN ({marks})"), resources);
            }
            "startDate" => search.condition(
                "a.seq >= coalesce((SELECT seq FROM audit_logs WHERE date >= ?
                 ORDER BY date, seq LIMIT 1), 1 << 62)",
                [utc_date(value)?],
            ),
            "endDate" => search.condition(
                "a.seq <= coalesce((SELECT seq FROM audit_logs WHERE date <= ?
                 ORDER BY date DESC, seq DESC LIMIT 1), -1)",
                [utc_date(value)?],
            ),
            "namespace" => search.condition(
                "a.resource_type = 'NAMESPACE' AND a.resource_id = ?",
                [value.to_owned()],
            ),
            "flowId" | "executionId" => search.condition("0", []),
            "details" => {
                let parts: Vec<&str> = value.split(',').collect();
                if !parts.len().is_multiple_of(2) {
                    return Err(Error::BadRequest(
                        "Invalid 'details': expected key,value pairs".into(),
                    ));
                }
                for pair in parts.chunks(2) {
                    search.condition(
                        "json_extract(a.detail, ?) = ?",
                        [
                            detail_path(pair[0]).ok_or_else(|| {
                                Error::BadRequest(format!(
                                    "Invalid 'details': '{}' is not a field name",
                                    pair[0]
                                ))
                            })?,
                            pair[1].to_owned(),
                        ],
                    );
                }
            }
            other => {
                return Err(Error::BadRequest(format!(
                    "Unsupported audit log export parameter '{other}'"
                )));
            }
        }
    }
    Ok(search)
}

/// `value` if it is an `AuditableAction`.
pub(super) fn action(value: &str) -> Option<String> {
    const ACTIONS: [&str; 10] = [
        "READ",
        "CREATE",
        "UPDATE",
        "DELETE",
        "LOGIN",
        "LOGOUT",
        "IMPERSONATE",
        "LOGIN_FAILURE",
        "ACCOUNT_LOCKED",
        "UNKNOWN",
    ];
    ACTIONS.contains(&value).then(|| value.to_owned())
}

/// `value` if it names a `Resource`; a 400 otherwise.
fn resource(value: &str) -> Result<String> {
    serde_json::from_value::<Resource>(Value::String(value.to_owned()))
        .map(|r| r.to_string())
        .map_err(|_| Error::BadRequest(format!("Invalid 'resources': '{value}' is not a resource")))
}

/// The JSON path of a top-level field `key` of a log's `detail`, if `key` is a plain name (it
/// becomes part of a JSON path).
pub(super) fn detail_path(key: &str) -> Option<String> {
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| format!("$.{key}"))
}

/// `tenant` as it can appear in a file name.
fn file_safe(tenant: &str) -> String {
    tenant
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
