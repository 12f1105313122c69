//! `/api/v1/{tenant}/invitations`: inviting people by email into a tenant.

use kestra_model::{InvitationCreateRequest, InvitationDetail, InvitationStatus, PagedResults};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// What `create` did, as Kestra tells it by status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invited {
    /// 201: an invitation was sent.
    Sent,
    /// 204: the user already existed and was given access directly.
    AccessGranted,
}

/// `GET /api/v1/{tenant}/invitations/search`, optionally by email and status.
pub async fn search(
    tenant: &str,
    query: &ListQuery,
    email: Option<&str>,
    status: Option<InvitationStatus>,
) -> Result<PagedResults<InvitationDetail>, ApiError> {
    // The document's only filter parameter here is `filters` (`QueryFilter.Field` has
    // `email` and `status`), not plain `email=`/`status=`.
    let mut query = query.clone();
    if let Some(email) = email {
        query
            .filters
            .push(("email".into(), "CONTAINS".into(), email.to_string()));
    }
    if let Some(status) = status {
        let value = match status {
            InvitationStatus::Pending => "PENDING",
            InvitationStatus::Accepted => "ACCEPTED",
            InvitationStatus::Expired => "EXPIRED",
        };
        query
            .filters
            .push(("status".into(), "EQUALS".into(), value.into()));
    }
    let pairs = query.pairs();
    client::get(&client::url(
        Scope::Tenant(tenant),
        &["invitations", "search"],
        &pairs,
    ))
    .await
}

/// `POST /api/v1/{tenant}/invitations`.
pub async fn create(tenant: &str, request: &InvitationCreateRequest) -> Result<Invited, ApiError> {
    let status = client::send_empty(
        Method::POST,
        &client::tenant(tenant, &["invitations"]),
        Some(request),
    )
    .await?;
    Ok(if status == 204 {
        Invited::AccessGranted
    } else {
        Invited::Sent
    })
}

/// `DELETE /api/v1/{tenant}/invitations/{id}`: revokes a pending invitation.
pub async fn delete(tenant: &str, id: &str) -> Result<(), ApiError> {
    client::send_empty(
        Method::DELETE,
        &client::tenant(tenant, &["invitations", id]),
        NO_BODY,
    )
    .await
    .map(drop)
}
