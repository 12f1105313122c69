//! `/api/v1/{tenant}/bindings`: a role given to a user (or service account) or a group, for the
//! whole tenant or one namespace (and the namespaces below it).
//!
//! Bindings cannot be updated: delete and recreate. Creating a binding that already exists
//! returns the existing one. Binding a role to a user gives them access to the tenant. The
//! `bulk` call creates all of its bindings or none. Search takes `type` (`USER`/`GROUP`), `id`
//! (the user's or group's id) and `namespace` besides the usual paging and filters; sorted by
//! role name (the default), a page is found in SQL without building every binding.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kestra_model::{
    Action, BindingDetail, BindingType, CreateBindingRequest, PagedResults, Resource,
};

use rusqlite::{Connection, ToSql};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::bindings::{self, create, detail, validate_namespace};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/bindings", post(bindings_create))
        .route("/api/v1/{tenant}/bindings/bulk", post(bindings_bulk_create))
        .route("/api/v1/{tenant}/bindings/search", get(bindings_search))
        .route(
            "/api/v1/{tenant}/bindings/{id}",
            get(bindings_get).delete(bindings_delete),
        )
}

async fn bindings_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<CreateBindingRequest>,
) -> Result<Json<BindingDetail>> {
    scope.require(Resource::Binding, Action::Create)?;
    validate_namespace(body.namespace_id.as_deref(), "namespaceId")?;
    let actor = scope.actor();
    let binding = scope
        .write(&state, move |tx, tenant| create(tx, &actor, tenant, &body))
        .await?;
    Ok(Json(binding))
}

async fn bindings_bulk_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Vec<CreateBindingRequest>>,
) -> Result<Json<Vec<BindingDetail>>> {
    scope.require(Resource::Binding, Action::Create)?;
    for (i, binding) in body.iter().enumerate() {
        validate_namespace(
            binding.namespace_id.as_deref(),
            &format!("[{i}].namespaceId"),
        )?;
    }
    let actor = scope.actor();
    let created = scope
        .write(&state, move |tx, tenant| {
            body.iter()
                .map(|b| create(tx, &actor, tenant, b))
                .collect::<Result<Vec<_>>>()
        })
        .await?;
    Ok(Json(created))
}

async fn bindings_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<BindingDetail>>> {
    scope.require(Resource::Binding, Action::List)?;
    let binding_type = match query.param("type") {
        None => None,
        Some("USER") => Some(BindingType::User),
        Some("GROUP") => Some(BindingType::Group),
        Some(other) => {
            return Err(Error::BadRequest(format!(
                "Invalid type '{other}': expected USER or GROUP"
            )));
        }
    };
    let external_id = query.param("id").map(str::to_owned);
    let namespace = query.param("namespace").map(str::to_owned);
    let page = scope
        .read(&state, move |conn, tenant| {
            let wanted = Wanted {
                binding_type,
                subject: external_id.as_deref(),
                namespace: namespace.as_deref(),
            };
            if let Some(page) = page_by_role(conn, tenant, &query, &wanted)? {
                return Ok(page);
            }
            let ids: Vec<String> = conn
                .prepare(&format!(
                    "SELECT id FROM bindings WHERE tenant_id = ?1 ORDER BY {READ_ORDER}"
                ))?
                .query_map([&tenant], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let all = ids
                .iter()
                .map(|id| detail(conn, tenant, id))
                .collect::<Result<Vec<_>>>()?;
            let matching = all.into_iter().filter(|b| wanted.keeps(b)).collect();
            query.page(
                matching,
                &["role.name", "user.username", "group.name", "namespace"],
                "role.name",
            )
        })
        .await?;
    Ok(Json(page))
}

/// The order bindings are read in, which breaks ties of the sort: the order of the
/// `bindings_unique` index, which a tenant's bindings were always read in.
const READ_ORDER: &str = "type, coalesce(user_id, group_id), role_id, coalesce(namespace, '')";

/// A search's own parameters: `type`, `id` (the user's or group's) and `namespace` (exact).
struct Wanted<'a> {
    binding_type: Option<BindingType>,
    subject: Option<&'a str>,
    namespace: Option<&'a str>,
}

impl Wanted<'_> {
    fn keeps(&self, b: &BindingDetail) -> bool {
        self.binding_type.is_none_or(|t| b.binding_type == Some(t))
            && self.subject.is_none_or(|id| {
                b.user.as_ref().and_then(|u| u.id.as_deref()) == Some(id)
                    || b.group.as_ref().and_then(|g| g.id.as_deref()) == Some(id)
            })
            && self
                .namespace
                .is_none_or(|ns| b.namespace.as_deref() == Some(ns))
    }
}

/// The page a search sorted by role name (the default) asks for, found in SQL: the tenant's
/// roles are sorted by name in Rust (the in-memory path's comparison), then each role's
/// bindings are counted and the page is read from the ones it covers, in [`READ_ORDER`], over
/// the `bindings_role_order` index (`migrations/0007_list_indexes.sql`). Only the page's
/// bindings are built. `None` for `q`, filters or another sort: the caller pages in memory.
fn page_by_role(
    conn: &Connection,
    tenant: &str,
    query: &ListQuery,
    wanted: &Wanted,
) -> Result<Option<PagedResults<BindingDetail>>> {
    let ascending = match query.sort.as_slice() {
        [] => true,
        [(field, ascending)] if field == "role.name" => *ascending,
        _ => return Ok(None),
    };
    if query.q.is_some() || !query.filters.is_empty() {
        return Ok(None);
    }
    // Roles whose names are equal but for case sort together, their bindings interleaved in
    // the read order as a stable sort leaves them.
    let mut roles: Vec<(String, String)> = conn
        .prepare("SELECT name, id FROM roles WHERE tenant_id = ?1")?
        .query_map([tenant], |r| {
            Ok((r.get::<_, String>(0)?.to_lowercase(), r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    roles.sort();
    let mut ties: Vec<(String, Vec<String>)> = Vec::new();
    for (name, id) in roles {
        match ties.last_mut() {
            Some((last, ids)) if *last == name => ids.push(id),
            _ => ties.push((name, vec![id])),
        }
    }
    if !ascending {
        ties.reverse();
    }

    let mut conditions = String::from("tenant_id = :tenant");
    let binding_type = wanted.binding_type.map(|t| match t {
        BindingType::User => "USER",
        BindingType::Group => "GROUP",
    });
    if binding_type.is_some() {
        conditions.push_str(" AND type = :type");
    }
    // Written as the index's expressions: a binding has either a user or a group, and the
    // namespace asked for is never empty.
    if wanted.subject.is_some() {
        conditions.push_str(" AND coalesce(user_id, group_id) = :subject");
    }
    if wanted.namespace.is_some() {
        conditions.push_str(" AND coalesce(namespace, '') = :namespace");
    }
    let mut skip = (query.page - 1).saturating_mul(query.size) as u64;
    let mut room = query.size as u64;
    let mut total = 0u64;
    let mut ids: Vec<String> = Vec::new();
    for (_, roles) in &ties {
        let in_roles = (0..roles.len())
            .map(|i| format!(":role{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let names: Vec<String> = (0..roles.len()).map(|i| format!(":role{i}")).collect();
        let mut params: Vec<(&str, &dyn ToSql)> = vec![(":tenant", &tenant)];
        for (name, role) in names.iter().zip(roles) {
            params.push((name.as_str(), role));
        }
        if let Some(t) = &binding_type {
            params.push((":type", t));
        }
        if let Some(subject) = &wanted.subject {
            params.push((":subject", subject));
        }
        if let Some(namespace) = &wanted.namespace {
            params.push((":namespace", namespace));
        }
        let from = format!("FROM bindings WHERE role_id IN ({in_roles}) AND {conditions}");
        let n: i64 =
            conn.query_row(&format!("SELECT COUNT(*) {from}"), params.as_slice(), |r| {
                r.get(0)
            })?;
        let n = n.max(0) as u64;
        total += n;
        if skip >= n {
            skip -= n;
            continue;
        }
        if room > 0 {
            let limit = room as i64;
            let offset = skip as i64;
            params.push((":limit", &limit));
            params.push((":offset", &offset));
            let found: Vec<String> = conn
                .prepare(&format!(
                    "SELECT id {from} ORDER BY {READ_ORDER} LIMIT :limit OFFSET :offset"
                ))?
                .query_map(params.as_slice(), |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            room -= found.len() as u64;
            ids.extend(found);
        }
        skip = 0;
    }
    let results = ids
        .iter()
        .map(|id| detail(conn, tenant, id))
        .collect::<Result<_>>()?;
    Ok(Some(PagedResults { results, total }))
}

async fn bindings_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<BindingDetail>> {
    Ok(Json(
        scope
            .require(Resource::Binding, Action::View)?
            .read(&state, move |conn, tenant| detail(conn, tenant, &id))
            .await?,
    ))
}

async fn bindings_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::Binding, Action::Delete)?
        .write(&state, move |tx, tenant| {
            bindings::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}
