//! The "Grant access" form above the user list: lets an existing person use the tenant.

use kestra_model::rules;
use leptos::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::routes::use_tenant;

/// An email box and a button; `on_granted` runs after the server agreed.
#[component]
pub fn GrantAccess(
    /// Called once access was granted, to refresh the list.
    on_granted: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let email = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let grant = use_submit(
        move |email: &String| {
            let (tenant, email) = (tenant.get_untracked(), email.clone());
            async move {
                api::tenant_access::grant_by_email(&tenant, email.clone())
                    .await
                    .map(|()| email)
            }
        },
        move |granted| {
            email.set(String::new());
            touched.set(false);
            on_granted.run(());
            format!("{granted} may now use this tenant")
        },
        OnFailure::Toast {
            what: "grant access",
            shown_by_form: |error| error.field_message("email").is_some(),
        },
    );
    let error = Signal::derive(move || {
        if touched.get()
            && let Err(message) = rules::email(&email.get())
        {
            return Some(message);
        }
        grant
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field_message("email"))
    });
    view! {
        <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            touched.set(true);
            if let Ok(valid) = rules::email(&email.get_untracked()) {
                grant.dispatch(valid);
            }
        }>
            <Field label="Grant access by email" error=error>
                <input type="email" bind:value=email on:blur=move |_| touched.set(!email.get_untracked().is_empty())
                    placeholder="name@example.com"/>
            </Field>
            <button type="submit" disabled=move || grant.pending().get()>
                {move || if grant.pending().get() { "Granting…" } else { "Grant access" }}
            </button>
        </form>
    }
}
