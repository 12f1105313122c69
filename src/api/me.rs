//! `/api/v1/me`: the signed-in user and the tenants they may use.

use kestra_model::Me;

use super::url::Scope;
use super::{ApiError, Credentials, client};

/// The current user, as the session's credentials identify them.
pub async fn get() -> Result<Me, ApiError> {
    client::get(&client::url(Scope::Instance, &["me"], &[])).await
}

/// The user these credentials identify; sign-in uses it to check them before keeping them.
pub async fn get_as(credentials: &Credentials) -> Result<Me, ApiError> {
    client::get_as(&client::url(Scope::Instance, &["me"], &[]), credentials).await
}
