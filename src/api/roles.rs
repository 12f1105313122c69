//! `/api/v1/{tenant}/roles`: named sets of permissions, and the permission catalogue.

use kestra_model::permissions::Catalogue;
use kestra_model::roles::RoleTemplates;
use kestra_model::{
    Autocomplete, Ids, PagedResults, Permissions, Role, RoleCreateOrUpdateRequest, RoleDetail,
    RoleSummary,
};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/{tenant}/roles/search`.
pub async fn search(
    tenant: &str,
    query: &ListQuery,
) -> Result<PagedResults<RoleSummary>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["roles", "search"],
        &query.pairs(),
    ))
    .await
}

/// `GET /api/v1/{tenant}/roles/{id}`; `Ok(None)` when there is no such role.
pub async fn get(tenant: &str, id: &str) -> Result<Option<RoleDetail>, ApiError> {
    client::get_optional(&client::tenant(tenant, &["roles", id])).await
}

/// `POST /api/v1/{tenant}/roles`.
pub async fn create(
    tenant: &str,
    request: &RoleCreateOrUpdateRequest,
) -> Result<RoleDetail, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["roles"]),
        Some(request),
    )
    .await
}

/// `PUT /api/v1/{tenant}/roles/{id}`.
pub async fn update(
    tenant: &str,
    id: &str,
    request: &RoleCreateOrUpdateRequest,
) -> Result<RoleDetail, ApiError> {
    client::send(
        Method::PUT,
        &client::tenant(tenant, &["roles", id]),
        Some(request),
    )
    .await
}

/// `DELETE /api/v1/{tenant}/roles/{id}`; refused while the role is bound.
pub async fn delete(tenant: &str, id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["roles", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `POST /api/v1/{tenant}/roles/autocomplete`: type-ahead search.
pub async fn autocomplete(tenant: &str, q: &str) -> Result<Vec<RoleSummary>, ApiError> {
    let body = Autocomplete {
        q: Some(q.to_string()),
        ..Default::default()
    };
    client::send(
        Method::POST,
        &client::tenant(tenant, &["roles", "autocomplete"]),
        Some(&body),
    )
    .await
}

/// `POST /api/v1/{tenant}/roles/ids`: the roles with these ids.
pub async fn by_ids(tenant: &str, ids: Vec<String>) -> Result<Vec<Role>, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["roles", "ids"]),
        Some(&Ids { ids }),
    )
    .await
}

/// `GET /api/v1/{tenant}/acls/permissions`: every resource and the actions that apply to it,
/// the rows and columns of the permission editor.
pub async fn catalogue(tenant: &str) -> Result<Permissions, ApiError> {
    let catalogue: Catalogue =
        client::get(&client::tenant(tenant, &["acls", "permissions"])).await?;
    Ok(catalogue.0)
}

/// `GET /api/v1/{tenant}/acls/templates`: Kestra's preset roles (Admin, Editor, Developer,
/// Launcher, Viewer) as (name, permissions), offered as starting points in the role editor.
pub async fn templates(tenant: &str) -> Result<Vec<(String, Permissions)>, ApiError> {
    let templates: RoleTemplates =
        client::get(&client::tenant(tenant, &["acls", "templates"])).await?;
    Ok(templates.0)
}
