//! `/api/v1/{tenant}/namespaces`: needed to scope bindings to one namespace, and to copy a
//! tenant's access.

use kestra_model::{Namespace, PagedResults};

use super::ApiError;
use super::client::{self, Method};
use super::query::ListQuery;
use super::url::Scope;

/// `POST /api/v1/{tenant}/namespaces/autocomplete`: namespace ids matching `q`.
pub async fn autocomplete(tenant: &str, q: &str) -> Result<Vec<String>, ApiError> {
    let body = kestra_model::Autocomplete {
        q: Some(q.to_string()),
        ..Default::default()
    };
    client::send(
        Method::POST,
        &client::tenant(tenant, &["namespaces", "autocomplete"]),
        Some(&body),
    )
    .await
}

/// `GET /api/v1/{tenant}/namespaces/search`.
pub async fn search(tenant: &str, query: &ListQuery) -> Result<PagedResults<Namespace>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["namespaces", "search"],
        &query.pairs(),
    ))
    .await
}

/// `POST /api/v1/{tenant}/namespaces`.
pub async fn create(tenant: &str, namespace: &Namespace) -> Result<Namespace, ApiError> {
    client::send(
        Method::POST,
        &client::tenant(tenant, &["namespaces"]),
        Some(namespace),
    )
    .await
}
