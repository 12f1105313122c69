//! `/api/v1/{tenant}/groups`: groups of users in a tenant, and their members.

use kestra_model::{
    Autocomplete, CreateGroupRequest, GroupDetail, GroupMember, GroupSummary, Ids, Membership,
    PagedResults, UpdateGroupRequest,
};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/{tenant}/groups/search`.
pub async fn search(
    tenant: &str,
    query: &ListQuery,
) -> Result<PagedResults<GroupSummary>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["groups", "search"],
        &query.pairs(),
    ))
    .await
}

/// `GET /api/v1/{tenant}/groups/{id}`; `Ok(None)` when there is no such group.
pub async fn get(tenant: &str, id: &str) -> Result<Option<GroupDetail>, ApiError> {
    client::get_optional(&client::tenant(tenant, &["groups", id])).await
}

/// `POST /api/v1/{tenant}/groups`.
pub async fn create(tenant: &str, request: &CreateGroupRequest) -> Result<GroupDetail, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["groups"]),
        Some(request),
    )
    .await
}

/// `PUT /api/v1/{tenant}/groups/{id}`.
pub async fn update(
    tenant: &str,
    id: &str,
    request: &UpdateGroupRequest,
) -> Result<GroupDetail, ApiError> {
    client::send(
        Method::PUT,
        &client::tenant(tenant, &["groups", id]),
        Some(request),
    )
    .await
}

/// `DELETE /api/v1/{tenant}/groups/{id}`.
pub async fn delete(tenant: &str, id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["groups", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `GET /api/v1/{tenant}/groups/{id}/members`.
pub async fn members(
    tenant: &str,
    id: &str,
    query: &ListQuery,
) -> Result<PagedResults<GroupMember>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["groups", id, "members"],
        &query.pairs(),
    ))
    .await
}

/// `PUT /api/v1/{tenant}/groups/{id}/members/{userId}`; also lets the user use the tenant.
pub async fn add_member(tenant: &str, id: &str, user_id: &str) -> Result<GroupMember, ApiError> {
    client::send(
        Method::PUT,
        &client::tenant(tenant, &["groups", id, "members", user_id]),
        NO_BODY,
    )
    .await
}

/// `DELETE /api/v1/{tenant}/groups/{id}/members/{userId}`.
pub async fn remove_member(tenant: &str, id: &str, user_id: &str) -> Result<(), ApiError> {
    let url = client::tenant(tenant, &["groups", id, "members", user_id]);
    client::send_empty(Method::DELETE, &url, NO_BODY)
        .await
        .map(drop)
}

/// `PUT /api/v1/{tenant}/groups/{id}/members/membership/{userId}?membership=OWNER|MEMBER`.
pub async fn set_membership(
    tenant: &str,
    id: &str,
    user_id: &str,
    membership: Membership,
) -> Result<GroupMember, ApiError> {
    let value = match membership {
        Membership::Owner => "OWNER",
        Membership::Member => "MEMBER",
    };
    let query = [("membership".to_string(), value.to_string())];
    let url = client::url(
        Scope::Tenant(tenant),
        &["groups", id, "members", "membership", user_id],
        &query,
    );
    client::send(Method::PUT, &url, NO_BODY).await
}

/// `POST /api/v1/{tenant}/groups/autocomplete`: type-ahead search.
pub async fn autocomplete(tenant: &str, q: &str) -> Result<Vec<GroupSummary>, ApiError> {
    let body = Autocomplete {
        q: Some(q.to_string()),
        ..Default::default()
    };
    client::send(
        Method::POST,
        &client::tenant(tenant, &["groups", "autocomplete"]),
        Some(&body),
    )
    .await
}

/// `POST /api/v1/{tenant}/groups/ids`: the groups with these ids.
pub async fn by_ids(tenant: &str, ids: Vec<String>) -> Result<Vec<GroupSummary>, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["groups", "ids"]),
        Some(&Ids { ids }),
    )
    .await
}
