//! `/api/v1/{tenant}/namespaces`: needed to scope bindings to one namespace.

use super::ApiError;
use super::client::{self, Method};

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
