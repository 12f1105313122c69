//! The overview tab of a person's page: names and email (instance owners edit them through
//! `/api/v1/users/{id}`; others see them read-only) and the instance-owner flag.

use kestra_model::{TenantAccess, User};
use leptos::prelude::*;

use crate::components::owners_only::OwnersOnly;
use crate::sections::person_details::PersonDetails;

/// The overview tab.
#[component]
pub fn UserOverview(
    /// The tenant view of the person.
    access: TenantAccess,
    /// The instance view, present only for instance owners.
    user: Option<User>,
    /// Called after a change, to reload the page's data.
    refresh: Callback<()>,
) -> impl IntoView {
    match user {
        Some(user) => view! { <PersonDetails user=user refresh=refresh/> }.into_any(),
        None => view! {
            <dl class="facts">
                <dt>"Name"</dt><dd>{access.display_name.unwrap_or_default()}</dd>
                <dt>"Email"</dt><dd>{access.username.unwrap_or_default()}</dd>
                <dt>"Instance owner"</dt><dd>{if access.super_admin { "Yes" } else { "No" }}</dd>
            </dl>
            <OwnersOnly/>
        }
        .into_any(),
    }
}
