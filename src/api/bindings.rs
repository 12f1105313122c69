//! `/api/v1/{tenant}/bindings`: a role given to a user or group, tenant-wide or on one
//! namespace. Bindings cannot be updated: delete and create again.

use kestra_model::{BindingDetail, BindingType, CreateBindingRequest, PagedResults};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// The plain filters of a binding search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BindingFilter {
    pub binding_type: Option<BindingType>,
    /// The user's or group's id.
    pub subject_id: Option<String>,
    pub namespace: Option<String>,
}

/// `GET /api/v1/{tenant}/bindings/search`.
pub async fn search(
    tenant: &str,
    query: &ListQuery,
    filter: &BindingFilter,
) -> Result<PagedResults<BindingDetail>, ApiError> {
    let mut pairs = query.pairs();
    if let Some(binding_type) = filter.binding_type {
        let value = match binding_type {
            BindingType::User => "USER",
            BindingType::Group => "GROUP",
        };
        pairs.push(("type".into(), value.into()));
    }
    pairs.extend(filter.subject_id.clone().map(|id| ("id".to_string(), id)));
    pairs.extend(
        filter
            .namespace
            .clone()
            .map(|ns| ("namespace".to_string(), ns)),
    );
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["bindings", "search"],
        &pairs,
    ))
    .await
}

/// `GET /api/v1/{tenant}/bindings/{id}`; `Ok(None)` when there is no such binding.
pub async fn get(tenant: &str, id: &str) -> Result<Option<BindingDetail>, ApiError> {
    client::get_optional(&client::tenant(tenant, &["bindings", id])).await
}

/// `POST /api/v1/{tenant}/bindings`.
pub async fn create(
    tenant: &str,
    request: &CreateBindingRequest,
) -> Result<BindingDetail, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["bindings"]),
        Some(request),
    )
    .await
}

/// `POST /api/v1/{tenant}/bindings/bulk`: all or nothing.
pub async fn create_many(
    tenant: &str,
    requests: &[CreateBindingRequest],
) -> Result<Vec<BindingDetail>, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["bindings", "bulk"]),
        Some(&requests),
    )
    .await
}

/// `DELETE /api/v1/{tenant}/bindings/{id}`.
pub async fn delete(tenant: &str, id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["bindings", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}
