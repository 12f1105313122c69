//! `/api/v1/{tenant}/tenant-access`: who may use a tenant. Since Kestra 2.0 this is how tenant
//! admins see users (`/api/v1/users` is for instance owners).

use kestra_model::{
    Autocomplete, CreateTenantAccessRequest, PagedResults, TenantAccess, UserTenantAccess,
};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/{tenant}/tenant-access`.
pub async fn list(
    tenant: &str,
    query: &ListQuery,
) -> Result<PagedResults<UserTenantAccess>, ApiError> {
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["tenant-access"],
        &query.pairs(),
    ))
    .await
}

/// `GET /api/v1/{tenant}/tenant-access/{userId}`: the user's groups and roles in the tenant.
pub async fn get(tenant: &str, user_id: &str) -> Result<Option<TenantAccess>, ApiError> {
    client::get_optional(&client::tenant(tenant, &["tenant-access", user_id])).await
}

/// `PUT /api/v1/{tenant}/tenant-access/{userId}`: lets an existing user use the tenant.
pub async fn grant(tenant: &str, user_id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::PUT,
        &client::tenant(tenant, &["tenant-access", user_id]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `POST /api/v1/{tenant}/tenant-access`: the same, naming the user by email.
pub async fn grant_by_email(tenant: &str, email: String) -> Result<(), ApiError> {
    let body = CreateTenantAccessRequest { email };
    client::send_empty(
        Method::POST,
        &client::tenant(tenant, &["tenant-access"]),
        Some(&body),
    )
    .await
    .map(drop)
}

/// `DELETE /api/v1/{tenant}/tenant-access/{userId}`.
pub async fn revoke(tenant: &str, user_id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["tenant-access", user_id]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `POST /api/v1/{tenant}/tenant-access/autocomplete`: type-ahead search of the tenant's users.
/// With `with_access_only`, only people who may already use the tenant.
pub async fn autocomplete(
    tenant: &str,
    q: &str,
    with_access_only: bool,
) -> Result<Vec<UserTenantAccess>, ApiError> {
    let body = Autocomplete {
        q: Some(q.to_string()),
        existing_only: with_access_only.then_some(true),
        ..Default::default()
    };
    client::send(
        Method::POST,
        &client::tenant(tenant, &["tenant-access", "autocomplete"]),
        Some(&body),
    )
    .await
}

/// The names of the tenant's people with these ids (id → username, else display name), for
/// pages that hold ids only; people not found are left out.
pub async fn names(
    tenant: &str,
    ids: Vec<String>,
) -> Result<std::collections::BTreeMap<String, String>, ApiError> {
    let body = Autocomplete {
        ids: Some(ids),
        ..Default::default()
    };
    let found: Vec<UserTenantAccess> = client::send(
        Method::POST,
        &client::tenant(tenant, &["tenant-access", "autocomplete"]),
        Some(&body),
    )
    .await?;
    Ok(found
        .into_iter()
        .filter_map(|u| Some((u.id?, u.username.or(u.display_name)?)))
        .collect())
}
