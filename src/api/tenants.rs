//! `/api/v1/tenants`: the instance's tenants (instance owners only).

use kestra_model::{PagedResults, Tenant};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/tenants/search`.
pub async fn search(query: &ListQuery) -> Result<PagedResults<Tenant>, ApiError> {
    client::get(&client::url(
        Scope::Instance,
        &["tenants", "search"],
        &query.pairs(),
    ))
    .await
}

/// `GET /api/v1/tenants/{id}`; `Ok(None)` when there is no such tenant.
pub async fn get(id: &str) -> Result<Option<Tenant>, ApiError> {
    client::get_optional(&client::instance(&["tenants", id])).await
}

/// `POST /api/v1/tenants`.
pub async fn create(tenant: &Tenant) -> Result<Tenant, ApiError> {
    client::send(Method::POST, &client::instance(&["tenants"]), Some(tenant)).await
}

/// `PUT /api/v1/tenants/{id}`.
pub async fn update(tenant: &Tenant) -> Result<Tenant, ApiError> {
    client::send(
        Method::PUT,
        &client::instance(&["tenants", &tenant.id]),
        Some(tenant),
    )
    .await
}

/// `DELETE /api/v1/tenants/{id}`.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    client::send_empty(Method::DELETE, &client::instance(&["tenants", id]), NO_BODY)
        .await
        .map(drop)
}
