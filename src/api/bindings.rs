//! `/api/v1/{tenant}/bindings`: a role given to a user or group, tenant-wide or on one
//! namespace. Bindings cannot be updated: delete and create again.

use kestra_model::{BindingDetail, BindingType, CreateBindingRequest, PagedResults, UserType};

use super::ApiError;
use super::client::{self, Method, NO_BODY};
use super::query::ListQuery;
use super::url::Scope;

/// The filters of a binding search. Kestra's document has `type`, `id` (the subject) and
/// `namespace`; the person's kind and the role are not among its filter fields, so the console
/// narrows on those itself (see [`search`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BindingFilter {
    pub binding_type: Option<BindingType>,
    /// The user's or group's id.
    pub subject_id: Option<String>,
    pub namespace: Option<String>,
    /// People or service accounts only (with `binding_type` `USER`).
    pub user_type: Option<UserType>,
    /// Bindings of this role only.
    pub role_id: Option<String>,
}

impl BindingFilter {
    /// Whether a binding passes the filters the server cannot apply.
    fn keeps(&self, binding: &BindingDetail) -> bool {
        let user_type = binding.user.as_ref().and_then(|u| u.user_type);
        let role = binding.role.as_ref().and_then(|r| r.id.as_deref());
        self.user_type
            .is_none_or(|wanted| user_type == Some(wanted))
            && self
                .role_id
                .as_deref()
                .is_none_or(|wanted| role == Some(wanted))
    }

    fn narrows(&self) -> bool {
        self.user_type.is_some() || self.role_id.is_some()
    }
}

/// How many bindings the console reads at most to narrow a search itself, in pages of
/// [`NARROWING_PAGE`]: a tenant with more bindings of the searched kind shows the first ones.
const NARROWING_LIMIT: u32 = 5_000;
const NARROWING_PAGE: u32 = 500;

/// `GET /api/v1/{tenant}/bindings/search`.
pub async fn search(
    tenant: &str,
    query: &ListQuery,
    filter: &BindingFilter,
) -> Result<PagedResults<BindingDetail>, ApiError> {
    if !filter.narrows() {
        return search_page(tenant, query, filter).await;
    }
    // Read the server's matches in large pages (in its sort order), keep what passes the
    // filters it cannot apply, and page that here.
    let mut kept = Vec::new();
    let mut page = 1;
    loop {
        let wide = ListQuery {
            page,
            size: NARROWING_PAGE,
            ..query.clone()
        };
        let answer = search_page(tenant, &wide, filter).await?;
        let read = page * NARROWING_PAGE;
        let last = answer.results.len() < NARROWING_PAGE as usize;
        kept.extend(answer.results.into_iter().filter(|b| filter.keeps(b)));
        if last || u64::from(read) >= answer.total || read >= NARROWING_LIMIT {
            break;
        }
        page += 1;
    }
    let total = kept.len() as u64;
    let start = (query.page.max(1) - 1) as usize * query.size as usize;
    let results = kept
        .into_iter()
        .skip(start)
        .take(query.size as usize)
        .collect();
    Ok(PagedResults { results, total })
}

/// One page of the server's own search.
async fn search_page(
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

/// `POST /api/v1/{tenant}/bindings/bulk`: creates every binding or none.
pub async fn bulk_create(
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
