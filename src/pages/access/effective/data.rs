//! What the effective-access page loads: a subject's access (tagged with whose it is, so an
//! answer for a previous subject is never shown for the current one), the catalogue of
//! permissions the matrix lays out, and the tenant's roles with their permissions, which
//! "why not?" searches.

use kestra_model::{Permissions, Role, TenantAccess};
use leptos::prelude::*;

use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::permission_matrix::tenant_catalogue;

/// A subject's access as the server answered, beside the subject it was asked for.
pub type Answer = (String, Result<Option<TenantAccess>, ApiError>);

/// `subject`'s access in `tenant`, refetched when either changes; `None` while none is asked.
pub fn use_access(
    tenant: Memo<String>,
    subject: Memo<Option<String>>,
) -> LocalResource<Option<Answer>> {
    LocalResource::new(move || {
        let (tenant, subject) = (tenant.get(), subject.get());
        async move {
            let id = subject?;
            let answer = api::tenant_access::get(&tenant, &id).await;
            Some((id, answer))
        }
    })
}

/// The answer of `resource` if it is for `subject`: while a new subject's answer is on its
/// way the resource still holds the previous one, which must read as loading, not as theirs.
pub fn answer_for(
    resource: LocalResource<Option<Answer>>,
    subject: &str,
) -> Option<Result<Option<TenantAccess>, ApiError>> {
    resource
        .get()
        .flatten()
        .filter(|(id, _)| id == subject)
        .map(|(_, answer)| answer)
}

/// The resources and actions of a tenant's roles (instance-wide ones left out): the rows and
/// cells of the matrix.
pub async fn catalogue(tenant: String) -> Result<Permissions, ApiError> {
    api::roles::catalogue(&tenant)
        .await
        .map(|c| tenant_catalogue(&c))
}

/// Every role of `tenant` with its permissions: the search pages through the names, then one
/// look-up by ids gives the permissions.
pub async fn tenant_roles(tenant: String) -> Result<Vec<Role>, ApiError> {
    const SIZE: u32 = 100;
    let mut ids = Vec::new();
    for page in 1.. {
        let query = ListQuery {
            page,
            size: SIZE,
            ..Default::default()
        };
        let found = api::roles::search(&tenant, &query).await?;
        let count = found.results.len();
        ids.extend(found.results.into_iter().map(|r| r.id));
        if count < SIZE as usize || ids.len() as u64 >= found.total {
            break;
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    api::roles::by_ids(&tenant, ids).await
}
