//! `/api/v1/{tenant}/groups`: groups of people (and service accounts) in one tenant, and their
//! members. A role bound to a group applies to every member.
//!
//! Group names are unique in a tenant (409). Adding a member gives them access to the tenant
//! if they lacked it. Managing members needs `GROUP:UPDATE` or `GROUP:MANAGE_MEMBERS`; the
//! rest needs the `GROUP` action of the same name (`LIST` for searches and look-ups).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use kestra_model::{
    Action, Autocomplete, CreateGroupRequest, GroupDetail, GroupMember, GroupMembership,
    GroupSummary, Ids, Membership, PagedResults, Resource, UpdateGroupRequest,
    UpdateUserGroupsRequest,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::http::JsonBody;
use crate::http::listing::{self, Listing};
use crate::http::people::{self, People};
use crate::ids;
use crate::query::ListQuery;
use crate::rbac::TenantScope;
use crate::state::AppState;
use crate::store::groups::{self, require_group};
use crate::store::identity::identity;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/groups", post(groups_create))
        .route("/api/v1/{tenant}/groups/search", get(groups_search))
        .route(
            "/api/v1/{tenant}/groups/autocomplete",
            post(groups_autocomplete),
        )
        .route("/api/v1/{tenant}/groups/ids", post(groups_by_ids))
        .route(
            "/api/v1/{tenant}/groups/{id}",
            get(groups_get).put(groups_update).delete(groups_delete),
        )
        .route("/api/v1/{tenant}/groups/{id}/members", get(groups_members))
        .route(
            "/api/v1/{tenant}/groups/{id}/members/{user_id}",
            put(groups_members_add).delete(groups_members_remove),
        )
        .route(
            "/api/v1/{tenant}/groups/{id}/members/membership/{user_id}",
            put(groups_members_set_membership),
        )
        .route(
            "/api/v1/{tenant}/users/{id}/groups",
            put(groups_set_for_user),
        )
}

async fn groups_create(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<CreateGroupRequest>,
) -> Result<Json<GroupDetail>> {
    scope.require(Resource::Group, Action::Create)?;
    let name = validate_name(&body.name)?;
    let actor = scope.actor();
    let group = scope
        .write(&state, move |tx, tenant| {
            let members = body.members_id.as_deref().unwrap_or_default();
            let id = ids::new_id();
            groups::create(
                tx,
                &actor,
                tenant,
                &id,
                &name,
                body.description.as_deref(),
                members,
            )?;
            detail(tx, tenant, &id)
        })
        .await?;
    Ok(Json(group))
}

async fn groups_search(
    State(state): State<AppState>,
    scope: TenantScope,
    query: ListQuery,
) -> Result<Json<PagedResults<GroupSummary>>> {
    let page = scope
        .require(Resource::Group, Action::List)?
        .read(&state, move |conn, tenant| {
            let listing = Listing {
                id: "id",
                from: "FROM groups WHERE tenant_id = :tenant",
                params: vec![(":tenant", &tenant)],
                search: &["name", "description"],
                sorts: &[("name", Some("name"))],
                default_sort: "name",
                read_order: "name",
            };
            if let Some(page) = listing::page(conn, &listing, &query)? {
                return Ok(PagedResults {
                    results: page
                        .ids
                        .iter()
                        .map(|id| summary(conn, id))
                        .collect::<Result<_>>()?,
                    total: page.total,
                });
            }
            query.page(summaries(conn, tenant)?, &["name", "description"], "name")
        })
        .await?;
    Ok(Json(page))
}

/// Type-ahead: groups whose name contains `q`, limited to `ids` when given; at most 50.
async fn groups_autocomplete(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Autocomplete>,
) -> Result<Json<Vec<GroupSummary>>> {
    let all = scope
        .require(Resource::Group, Action::List)?
        .read(&state, summaries)
        .await?;
    let q = body.q.unwrap_or_default().to_lowercase();
    let found = all
        .into_iter()
        .filter(|g| g.name.to_lowercase().contains(&q))
        .filter(|g| body.ids.as_ref().is_none_or(|ids| ids.contains(&g.id)))
        .take(50)
        .collect();
    Ok(Json(found))
}

async fn groups_by_ids(
    State(state): State<AppState>,
    scope: TenantScope,
    JsonBody(body): JsonBody<Ids>,
) -> Result<Json<Vec<GroupSummary>>> {
    let all = scope
        .require(Resource::Group, Action::List)?
        .read(&state, summaries)
        .await?;
    Ok(Json(
        all.into_iter()
            .filter(|g| body.ids.contains(&g.id))
            .collect(),
    ))
}

async fn groups_get(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<GroupDetail>> {
    Ok(Json(
        scope
            .require(Resource::Group, Action::View)?
            .read(&state, move |conn, tenant| detail(conn, tenant, &id))
            .await?,
    ))
}

async fn groups_update(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    JsonBody(body): JsonBody<UpdateGroupRequest>,
) -> Result<Json<GroupDetail>> {
    scope.require(Resource::Group, Action::Update)?;
    let name = validate_name(&body.name)?;
    let actor = scope.actor();
    let group = scope
        .write(&state, move |tx, tenant| {
            groups::update(tx, &actor, tenant, &id, &name, body.description.as_deref())?;
            detail(tx, tenant, &id)
        })
        .await?;
    Ok(Json(group))
}

async fn groups_delete(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let actor = scope.actor();
    scope
        .require(Resource::Group, Action::Delete)?
        .write(&state, move |tx, tenant| {
            groups::delete(tx, &actor, tenant, &id)?;
            Ok(StatusCode::OK)
        })
        .await
}

async fn groups_members(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id)): Path<(String, String)>,
    query: ListQuery,
) -> Result<Json<PagedResults<GroupMember>>> {
    let page = scope
        .require(Resource::Group, Action::View)?
        .read(&state, move |conn, tenant| {
            require_group(conn, tenant, &id)?;
            let members = |ids: &[String]| {
                ids.iter()
                    .map(|user| member(conn, tenant, user))
                    .collect::<Result<Vec<_>>>()
            };
            if let Some(page) = people::page(conn, People::MembersOf(&id), &query)? {
                return Ok(PagedResults {
                    results: members(&page.ids)?,
                    total: page.total,
                });
            }
            let ids: Vec<String> = conn
                .prepare("SELECT user_id FROM group_members WHERE group_id = ?1")?
                .query_map([&id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            query.page(members(&ids)?, &["username", "displayName"], "username")
        })
        .await?;
    Ok(Json(page))
}

async fn groups_members_add(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id, user_id)): Path<(String, String, String)>,
) -> Result<Json<GroupMember>> {
    let actor = scope.actor();
    let member = require_manage_members(&scope)?
        .write(&state, move |tx, tenant| {
            groups::join(tx, &actor, tenant, &id, &user_id)?;
            member(tx, tenant, &user_id)
        })
        .await?;
    Ok(Json(member))
}

async fn groups_members_remove(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id, user_id)): Path<(String, String, String)>,
) -> Result<Json<GroupMember>> {
    let actor = scope.actor();
    let member = require_manage_members(&scope)?
        .write(&state, move |tx, tenant| {
            groups::leave(tx, &actor, tenant, &id, &user_id)?;
            member(tx, tenant, &user_id)
        })
        .await?;
    Ok(Json(member))
}

/// `?membership=OWNER|MEMBER` (default `MEMBER`) for an existing member.
async fn groups_members_set_membership(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, id, user_id)): Path<(String, String, String)>,
    query: ListQuery,
) -> Result<Json<GroupMember>> {
    require_manage_members(&scope)?;
    let membership = match query.param("membership").unwrap_or("MEMBER") {
        "OWNER" => "OWNER",
        "MEMBER" => "MEMBER",
        other => {
            return Err(Error::BadRequest(format!(
                "Invalid membership '{other}': expected OWNER or MEMBER"
            )));
        }
    };
    let actor = scope.actor();
    let member = scope
        .write(&state, move |tx, tenant| {
            groups::set_membership(tx, &actor, tenant, &id, &user_id, membership)?;
            member(tx, tenant, &user_id)
        })
        .await?;
    Ok(Json(member))
}

/// Replaces the user's groups in this tenant with `groupIds` (all must be groups of the
/// tenant: 404 otherwise).
async fn groups_set_for_user(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(String, String)>,
    JsonBody(body): JsonBody<UpdateUserGroupsRequest>,
) -> Result<StatusCode> {
    require_manage_members(&scope)?;
    let actor = scope.actor();
    scope
        .write(&state, move |tx, tenant| {
            let group_ids: Vec<&str> = body.group_ids.iter().map(String::as_str).collect();
            groups::set_in_tenant(tx, &actor, tenant, &user_id, &group_ids)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

fn require_manage_members(scope: &TenantScope) -> Result<&TenantScope> {
    scope
        .require(Resource::Group, Action::ManageMembers)
        .or_else(|_| scope.require(Resource::Group, Action::Update))
}

fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        Err(Error::invalid("name", "must not be blank"))
    } else {
        Ok(name.to_owned())
    }
}

fn summaries(conn: &Connection, tenant: &str) -> Result<Vec<GroupSummary>> {
    Ok(conn
        .prepare("SELECT id, name, description FROM groups WHERE tenant_id = ?1 ORDER BY name")?
        .query_map([tenant], |r| {
            Ok(GroupSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                security_integration_name: None,
            })
        })?
        .collect::<Result<_, _>>()?)
}

fn summary(conn: &Connection, id: &str) -> Result<GroupSummary> {
    Ok(conn.query_row(
        "SELECT id, name, description FROM groups WHERE id = ?1",
        [id],
        |r| {
            Ok(GroupSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                security_integration_name: None,
            })
        },
    )?)
}

fn detail(conn: &Connection, tenant: &str, id: &str) -> Result<GroupDetail> {
    conn.query_row(
        "SELECT id, name, description FROM groups WHERE id = ?1 AND tenant_id = ?2",
        params![id, tenant],
        |r| {
            Ok(GroupDetail {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
                description: r.get(2)?,
                other: Default::default(),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Group '{id}' not found")))
}

/// A member with every group they belong to in `tenant`.
fn member(conn: &Connection, tenant: &str, user: &str) -> Result<GroupMember> {
    let who = identity(conn, user)?.ok_or_else(|| Error::not_found("User not found"))?;
    let groups = conn
        .prepare(
            "SELECT g.id, g.name, m.membership FROM group_members m CROSS JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?1 AND g.tenant_id = ?2 ORDER BY g.name",
        )?
        .query_map(params![user, tenant], |r| {
            let membership: String = r.get(2)?;
            Ok(GroupMembership {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
                external: false,
                membership: Some(if membership == "OWNER" { Membership::Owner } else { Membership::Member }),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(GroupMember {
        id: Some(user.to_owned()),
        username: Some(who.username),
        display_name: Some(who.display_name),
        groups,
    })
}
