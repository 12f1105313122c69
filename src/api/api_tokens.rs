//! API tokens of the signed-in user, of any user, and of service accounts. The full token is
//! returned once, by `create`; lists only show a prefix.

use kestra_model::{ApiTokenList, CreateApiTokenRequest, CreateApiTokenResponse};

use super::client::{self, Method, NO_BODY};
use super::{ApiError, Credentials};

/// Whose tokens: the path prefix differs, the calls are the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// `/api/v1/me/api-tokens`.
    Me,
    /// `/api/v1/users/{id}/api-tokens`.
    User(String),
    /// `/api/v1/service-accounts/{id}/api-tokens`.
    ServiceAccount(String),
    /// `/api/v1/{tenant}/service-accounts/{id}/api-tokens`, for tenant admins.
    TenantServiceAccount { tenant: String, id: String },
}

impl Owner {
    fn url(&self, token: Option<&str>) -> String {
        let mut segments: Vec<&str> = match self {
            Owner::Me => vec!["me"],
            Owner::User(id) => vec!["users", id],
            Owner::ServiceAccount(id) | Owner::TenantServiceAccount { id, .. } => {
                vec!["service-accounts", id]
            }
        };
        segments.push("api-tokens");
        segments.extend(token);
        match self {
            Owner::TenantServiceAccount { tenant, .. } => client::tenant(tenant, &segments),
            _ => client::instance(&segments),
        }
    }
}

/// Lists the owner's tokens.
pub async fn list(owner: &Owner) -> Result<ApiTokenList, ApiError> {
    client::get(&owner.url(None)).await
}

/// Creates a token; the answer holds the full token, which is never shown again.
pub async fn create(
    owner: &Owner,
    request: &CreateApiTokenRequest,
) -> Result<CreateApiTokenResponse, ApiError> {
    client::send(Method::POST, &owner.url(None), Some(request)).await
}

/// Revokes a token.
pub async fn delete(owner: &Owner, token_id: &str) -> Result<(), ApiError> {
    client::send_empty(Method::DELETE, &owner.url(Some(token_id)), NO_BODY)
        .await
        .map(drop)
}

/// Creates one of the user's own tokens with explicit credentials (sign-in's tab token).
pub async fn create_mine_as(
    request: &CreateApiTokenRequest,
    credentials: &Credentials,
) -> Result<CreateApiTokenResponse, ApiError> {
    client::send_as(
        Method::POST,
        &Owner::Me.url(None),
        Some(request),
        credentials,
    )
    .await
}

/// Revokes one of the user's own tokens with explicit credentials (sign-out's tab token).
pub async fn delete_mine_as(token_id: &str, credentials: &Credentials) -> Result<(), ApiError> {
    client::send_empty_as(
        Method::DELETE,
        &Owner::Me.url(Some(token_id)),
        NO_BODY,
        credentials,
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_owner_has_its_own_token_path() {
        assert_eq!(Owner::Me.url(None), "/api/v1/me/api-tokens");
        assert_eq!(
            Owner::User("u 1".into()).url(Some("t1")),
            "/api/v1/users/u%201/api-tokens/t1"
        );
        assert_eq!(
            Owner::ServiceAccount("ci".into()).url(None),
            "/api/v1/service-accounts/ci/api-tokens"
        );
        let owner = Owner::TenantServiceAccount {
            tenant: "dev".into(),
            id: "ci".into(),
        };
        assert_eq!(
            owner.url(Some("t1")),
            "/api/v1/dev/service-accounts/ci/api-tokens/t1"
        );
    }
}
