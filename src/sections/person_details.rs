//! A person's names, email and instance-owner flag, edited by instance owners through
//! `/api/v1/users/{id}`: on their page in a tenant (the overview tab) and in the instance
//! section. An email another account uses is named next to the field, and nothing typed is lost.

use kestra_model::{User, UserDetailsRequest, rules};
use leptos::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;

/// The edit form for instance owners.
#[component]
pub fn PersonDetails(user: User, refresh: Callback<()>) -> impl IntoView {
    let id = user.id.clone().unwrap_or_default();
    let first_name = RwSignal::new(user.first_name.clone().unwrap_or_default());
    let last_name = RwSignal::new(user.last_name.clone().unwrap_or_default());
    let email = RwSignal::new(user.email.clone().unwrap_or_default());
    let owner = RwSignal::new(user.super_admin);
    let was_owner = user.super_admin;

    let save = use_submit(
        move |(details, owner): &(UserDetailsRequest, bool)| {
            let (id, details, owner) = (id.clone(), details.clone(), *owner);
            async move {
                api::users::patch(&id, &details).await?;
                if owner != was_owner {
                    api::users::set_super_admin(&id, owner).await?;
                }
                Ok(())
            }
        },
        move |()| {
            refresh.run(());
            "User saved".into()
        },
        // An email in use (409) or refused (422) shows next to the field instead.
        OnFailure::Toast {
            what: "save the user",
            shown_by_form: |error| error.naming_field_message("email").is_some(),
        },
    );
    let email_error = Signal::derive(move || {
        rules::email(&email.get()).err().or_else(|| {
            save.value()
                .get()
                .and_then(Result::err)
                .and_then(|e| e.naming_field_message("email"))
        })
    });
    let request = move || {
        let text = |s: RwSignal<String>| Some(s.get().trim().to_string());
        let details = UserDetailsRequest {
            first_name: text(first_name),
            last_name: text(last_name),
            email: Some(email.get().trim().to_string()),
        };
        (details, owner.get())
    };
    track_unsaved_action("this person's details", request, save);
    view! {
        <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(valid) = rules::email(&email.get_untracked()) else { return };
            let (details, owner) = untrack(request);
            save.dispatch((UserDetailsRequest { email: Some(valid), ..details }, owner));
        }>
            <Field label="First name"><input type="text" bind:value=first_name/></Field>
            <Field label="Last name"><input type="text" bind:value=last_name/></Field>
            <Field label="Email" error=email_error><input type="email" bind:value=email required/></Field>
            <label class="check">
                <input type="checkbox" bind:checked=owner/>
                "Instance owner (may manage every tenant and user)"
            </label>
            <div class="actions">
                <SubmitButton label="Save" pending_label="Saving…" pending=save.pending()/>
            </div>
        </form>
    }
}
