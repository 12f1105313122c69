//! Service accounts: instance-wide (`/api/v1/service-accounts`, instance owners) and as a
//! tenant admin sees them (`/api/v1/{tenant}/service-accounts`).

use kestra_model::{
    CreateServiceAccountRequest, PagedResults, PatchServiceAccountRequest, PatchSuperAdminRequest,
    ServiceAccountDetail, ServiceAccountRequest, ServiceAccountResponse,
};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/service-accounts`.
pub async fn list(query: &ListQuery) -> Result<PagedResults<ServiceAccountDetail>, ApiError> {
    client::get(&client::url(
        Scope::Instance,
        &["service-accounts"],
        &query.pairs(),
    ))
    .await
}

/// `GET /api/v1/service-accounts/{id}`; `Ok(None)` when there is no such account.
pub async fn get(id: &str) -> Result<Option<ServiceAccountDetail>, ApiError> {
    client::get_optional(&client::instance(&["service-accounts", id])).await
}

/// `POST /api/v1/service-accounts`.
pub async fn create(
    request: &CreateServiceAccountRequest,
) -> Result<ServiceAccountDetail, ApiError> {
    client::send(
        Method::POST,
        &client::instance(&["service-accounts"]),
        Some(request),
    )
    .await
}

/// `PATCH /api/v1/service-accounts/{id}`: name and description.
pub async fn patch(
    id: &str,
    request: &PatchServiceAccountRequest,
) -> Result<ServiceAccountDetail, ApiError> {
    client::send(
        Method::PATCH,
        &client::instance(&["service-accounts", id]),
        Some(request),
    )
    .await
}

/// `DELETE /api/v1/service-accounts/{id}`.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::instance(&["service-accounts", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `PATCH /api/v1/service-accounts/{id}/superadmin`.
pub async fn set_super_admin(id: &str, super_admin: bool) -> Result<(), ApiError> {
    let body = PatchSuperAdminRequest { super_admin };
    let url = client::instance(&["service-accounts", id, "superadmin"]);
    client::send_empty(Method::PATCH, &url, Some(&body))
        .await
        .map(drop)
}

/// `GET /api/v1/{tenant}/service-accounts`.
pub async fn list_in_tenant(
    tenant: &str,
    query: &ListQuery,
) -> Result<PagedResults<ServiceAccountDetail>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["service-accounts"],
        &query.pairs(),
    ))
    .await
}

/// `POST /api/v1/{tenant}/service-accounts`.
pub async fn create_in_tenant(
    tenant: &str,
    request: &ServiceAccountRequest,
) -> Result<ServiceAccountResponse, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["service-accounts"]),
        Some(request),
    )
    .await
}

/// `GET /api/v1/{tenant}/service-accounts/{id}`; `Ok(None)` when unknown in this tenant.
pub async fn get_in_tenant(
    tenant: &str,
    id: &str,
) -> Result<Option<ServiceAccountResponse>, ApiError> {
    client::get_optional(&client::tenant(tenant, &["service-accounts", id])).await
}

/// `PUT /api/v1/{tenant}/service-accounts/{id}`.
pub async fn update_in_tenant(
    tenant: &str,
    id: &str,
    request: &ServiceAccountRequest,
) -> Result<ServiceAccountResponse, ApiError> {
    client::send(
        Method::PUT,
        &client::tenant(tenant, &["service-accounts", id]),
        Some(request),
    )
    .await
}

/// `DELETE /api/v1/{tenant}/service-accounts/{id}`.
pub async fn delete_in_tenant(tenant: &str, id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["service-accounts", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}
