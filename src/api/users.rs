//! `/api/v1/users`: people, instance-wide (instance owners), and their groups in a tenant.

use kestra_model::{
    CreateOrUpdateUserRequest, PagedResults, PatchRestrictedRequest, PatchSuperAdminRequest,
    PatchUserPasswordRequest, UpdateUserGroupsRequest, User, UserDetailsRequest, UserSummary,
};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// `GET /api/v1/users`.
pub async fn list(query: &ListQuery) -> Result<PagedResults<UserSummary>, ApiError> {
    client::get(&client::url(Scope::Instance, &["users"], &query.pairs())).await
}

/// `GET /api/v1/users/{id}`; `Ok(None)` when there is no such user.
pub async fn get(id: &str) -> Result<Option<User>, ApiError> {
    client::get_optional(&client::instance(&["users", id])).await
}

/// `POST /api/v1/users`.
pub async fn create(user: &CreateOrUpdateUserRequest) -> Result<User, ApiError> {
    client::send(Method::POST, &client::instance(&["users"]), Some(user)).await
}

/// `PATCH /api/v1/users/{id}`: names and email only.
pub async fn patch(id: &str, details: &UserDetailsRequest) -> Result<User, ApiError> {
    client::send(
        Method::PATCH,
        &client::instance(&["users", id]),
        Some(details),
    )
    .await
}

/// `DELETE /api/v1/users/{id}`.
pub async fn delete(id: &str) -> Result<(), ApiError> {
    client::send_empty(Method::DELETE, &client::instance(&["users", id]), NO_BODY)
        .await
        .map(drop)
}

/// `PATCH /api/v1/users/{id}/password`.
pub async fn set_password(id: &str, password: String) -> Result<User, ApiError> {
    let body = PatchUserPasswordRequest { password };
    client::send(
        Method::PATCH,
        &client::instance(&["users", id, "password"]),
        Some(&body),
    )
    .await
}

/// `PATCH /api/v1/users/{id}/superadmin`.
pub async fn set_super_admin(id: &str, super_admin: bool) -> Result<(), ApiError> {
    let body = PatchSuperAdminRequest { super_admin };
    client::send_empty(
        Method::PATCH,
        &client::instance(&["users", id, "superadmin"]),
        Some(&body),
    )
    .await
    .map(drop)
}

/// `PATCH /api/v1/users/{id}/restricted`.
pub async fn set_restricted(id: &str, restricted: bool) -> Result<(), ApiError> {
    let body = PatchRestrictedRequest { restricted };
    client::send_empty(
        Method::PATCH,
        &client::instance(&["users", id, "restricted"]),
        Some(&body),
    )
    .await
    .map(drop)
}

/// `DELETE /api/v1/users/{id}/auths/{auth}`: removes one way the user can sign in.
pub async fn delete_auth(id: &str, auth: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::instance(&["users", id, "auths", auth]),
        NO_BODY,
    )
    .await
    .map(drop)
}

/// `PUT /api/v1/{tenant}/users/{id}/groups`: replaces the user's groups in the tenant.
pub async fn set_groups(tenant: &str, id: &str, group_ids: Vec<String>) -> Result<(), ApiError> {
    let body = UpdateUserGroupsRequest { group_ids };
    client::send_empty(
        Method::PUT,
        &client::tenant(tenant, &["users", id, "groups"]),
        Some(&body),
    )
    .await
    .map(drop)
}
