//! The "Grant access" form above the user list: lets an existing person use the tenant.

use kestra_model::rules;
use leptos::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::components::toasts::use_toasts;
use crate::routes::use_tenant;

/// An email box and a button; `on_granted` runs after the server agreed.
#[component]
pub fn GrantAccess(
    /// Called once access was granted, to refresh the list.
    on_granted: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let toasts = use_toasts();
    let email = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let grant = Action::new_local(move |email: &String| {
        let (tenant, email) = (tenant.get_untracked(), email.clone());
        async move {
            api::tenant_access::grant_by_email(&tenant, email.clone())
                .await
                .map(|()| email)
        }
    });
    Effect::new(move |_| match grant.value().get() {
        Some(Ok(granted)) => {
            toasts.success(format!("{granted} may now use this tenant"));
            email.set(String::new());
            touched.set(false);
            on_granted.run(());
        }
        Some(Err(error)) if error.field_message("email").is_none() => {
            toasts.error(format!("Could not grant access: {}", error.user_message()))
        }
        _ => {}
    });
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
