//! The overview's "API tokens expiring soon": the tokens of the tenant's service accounts that
//! stop working within the next 14 days, soonest first, each with its account (a link).
//!
//! Kestra's document lists tokens per account only, so this reads the tenant's service
//! accounts (one page of [`ACCOUNTS`]) and their tokens, [`AT_ONCE`] requests at a time; a
//! tenant with more accounts is told which part was checked.

use futures::StreamExt;
use kestra_model::{Action, ApiToken, Resource, ServiceAccountDetail};
use leptos::prelude::*;

use crate::api::api_tokens::Owner;
use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::load_state::{failed, loading};
use crate::components::local_time::LocalTime;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// How far ahead "soon" looks.
const SOON_DAYS: f64 = 14.0;
/// How many service accounts are checked.
const ACCOUNTS: u32 = 100;
/// How many token lists are read at once.
const AT_ONCE: usize = 4;

/// One token that expires soon, and whose it is.
#[derive(Clone, Debug)]
struct Expiring {
    token: ApiToken,
    account: ServiceAccountDetail,
    /// When it expires, in ms since the epoch (for the order).
    at: f64,
}

/// What the check found: the tokens, and how many accounts exist beside the ones checked.
#[derive(Clone, Debug)]
struct Found {
    tokens: Vec<Expiring>,
    checked: usize,
    total: u64,
}

/// The section; nothing for people who may not list the tenant's service accounts.
#[component]
pub fn ExpiringTokens() -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let found = LocalResource::new(move || {
        let tenant = tenant.get();
        async move { find(&tenant, js_sys::Date::now()).await }
    });
    let allowed =
        move || session.may(&tenant.get(), Resource::ServiceAccount, Action::List) != Some(false);
    let body = move || match found.get() {
        None => loading("Checking the tokens…"),
        Some(Err(error)) => failed(&error),
        Some(Ok(found)) => {
            let frame = tenant.get_untracked();
            let partial = (found.total > found.checked as u64).then(|| {
                view! {
                    <p class="muted">{format!(
                        "Checked the first {} of {} service accounts.", found.checked, found.total
                    )}</p>
                }
            });
            if found.tokens.is_empty() {
                return view! {
                    <p class="muted">"No token expires in the next 14 days."</p>
                    {partial}
                }
                .into_any();
            }
            let items = found
                .tokens
                .into_iter()
                .map(|e| {
                    let link = e
                        .account
                        .id
                        .as_deref()
                        .map(|id| href(&routes::service_account(&frame, id)));
                    let exp = e.token.exp.clone().unwrap_or_default();
                    view! {
                        <li>
                            <strong>{e.token.name.clone()}</strong>
                            " of "
                            <a href=link>{e.account.label().to_string()}</a>
                            " · expires "
                            <LocalTime iso=exp/>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="expiring">{items}</ul> {partial} }.into_any()
        }
    };
    view! {
        <Show when=allowed>
            <section class="card" aria-labelledby="expiring-title">
                <h2 id="expiring-title">"API tokens expiring soon"</h2>
                {body}
            </section>
        </Show>
    }
}

/// Reads the accounts and their tokens, and keeps the tokens expiring between `now` and
/// [`SOON_DAYS`] later, soonest first. An account whose tokens cannot be read is skipped.
async fn find(tenant: &str, now: f64) -> Result<Found, ApiError> {
    let query = ListQuery {
        size: ACCOUNTS,
        ..Default::default()
    };
    let accounts = api::service_accounts::list_in_tenant(tenant, &query).await?;
    let checked = accounts.results.len();
    let lists = futures::stream::iter(accounts.results.into_iter().filter_map(|account| {
        let owner = Owner::TenantServiceAccount {
            tenant: tenant.to_string(),
            id: account.id.clone()?,
        };
        Some(async move { (account, api::api_tokens::list(&owner).await) })
    }))
    .buffer_unordered(AT_ONCE)
    .collect::<Vec<_>>()
    .await;
    let mut tokens: Vec<Expiring> = lists
        .into_iter()
        .filter_map(|(account, list)| Some((account, list.ok()?)))
        .flat_map(|(account, list)| {
            list.results.into_iter().filter_map(move |token| {
                let at = js_sys::Date::parse(token.exp.as_deref()?);
                expires_soon(at, now).then(|| Expiring {
                    token,
                    account: account.clone(),
                    at,
                })
            })
        })
        .collect();
    tokens.sort_by(|a, b| a.at.total_cmp(&b.at));
    Ok(Found {
        tokens,
        checked,
        total: accounts.total,
    })
}

/// Whether a token expiring at `at` (ms since the epoch; NaN when unreadable) still works now
/// and stops within [`SOON_DAYS`].
fn expires_soon(at: f64, now: f64) -> bool {
    let window = SOON_DAYS * 24.0 * 3600.0 * 1000.0;
    at >= now && at - now <= window
}
