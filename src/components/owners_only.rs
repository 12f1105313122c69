//! The note shown instead of what only instance owners may change (a person's password, tokens
//! or instance-owner flag): it applies to the person in every tenant.

use leptos::prelude::*;

/// What a tenant admin sees where a change needs the instance-level API.
#[component]
pub fn OwnersOnly() -> impl IntoView {
    view! {
        <p class="muted" role="note">
            "Only instance owners can change this: it applies to the person in every tenant."
        </p>
    }
}
