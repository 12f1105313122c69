//! `/api/v1/me`: the signed-in user, the tenants they may use, their own password and their
//! pending invitations.
//! Their API tokens are in `api_tokens` (`Owner::Me`).

use kestra_model::{Invitation, MeWithPermissions, UpdatePasswordRequest, UserDetailsRequest};

use super::client::{self, Method, NO_BODY};
use super::{ApiError, Credentials};

/// The current user, as the session's credentials identify them (with the sandbox's
/// permission hint when the server sends it).
pub async fn get() -> Result<MeWithPermissions, ApiError> {
    client::get(&client::instance(&["me"])).await.map(openable)
}

/// The user these credentials identify; sign-in uses it to check them before keeping them.
pub async fn get_as(credentials: &Credentials) -> Result<MeWithPermissions, ApiError> {
    client::get_as(&client::instance(&["me"]), credentials)
        .await
        .map(openable)
}

/// Drops tenants the answer gives no id for (the document allows it): they cannot be put in a
/// URL, so the tenant picker cannot offer them.
fn openable(mut answer: MeWithPermissions) -> MeWithPermissions {
    answer.me.tenants.retain(|tenant| !tenant.id.is_empty());
    answer
}

/// `PATCH /api/v1/me`: the user's own names and email.
pub async fn update(details: &UserDetailsRequest) -> Result<MeWithPermissions, ApiError> {
    client::send(Method::PATCH, &client::instance(&["me"]), Some(details)).await
}

/// `PUT /api/v1/me/password`.
pub async fn change_password(old_password: String, new_password: String) -> Result<(), ApiError> {
    let body = UpdatePasswordRequest {
        old_password,
        new_password,
    };
    client::send_empty(
        Method::PUT,
        &client::instance(&["me", "password"]),
        Some(&body),
    )
    .await
    .map(drop)
}

/// `GET /api/v1/me/invitations`: the invitations sent to the user's email.
pub async fn invitations() -> Result<Vec<Invitation>, ApiError> {
    client::get(&client::instance(&["me", "invitations"])).await
}

/// `POST /api/v1/invitation/accept/{id}`: joins the invitation's tenant with what it offers.
pub async fn accept_invitation(id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::POST,
        &client::instance(&["invitation", "accept", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}
