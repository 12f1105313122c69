//! The person's own first and last name (`PATCH /api/v1/me`), shown in the header once saved.

use kestra_model::{MeProfile, UserDetailsRequest};
use leptos::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::session::use_session;

/// The names form; the email is shown, not edited (it is how the person signs in).
#[component]
pub fn NamesForm(profile: MeProfile) -> impl IntoView {
    let session = use_session();
    let first_name = RwSignal::new(profile.first_name.clone().unwrap_or_default());
    let last_name = RwSignal::new(profile.last_name.clone().unwrap_or_default());
    let email = profile.email.or(profile.username).unwrap_or_default();
    let save = use_submit(
        |details: &UserDetailsRequest| {
            let details = details.clone();
            async move { api::me::update(&details).await.map(drop) }
        },
        move |()| {
            leptos::task::spawn_local(session.refresh());
            "Name saved".into()
        },
        OnFailure::toast_unless_invalid("save your name"),
    );
    let error = move |field: &'static str| {
        Signal::derive(move || {
            save.value()
                .get()
                .and_then(Result::err)
                .and_then(|e| e.field_message(field))
        })
    };
    let request = move || UserDetailsRequest {
        first_name: Some(first_name.get().trim().to_owned()),
        last_name: Some(last_name.get().trim().to_owned()),
        email: None,
    };
    track_unsaved_action("your name", request, save);
    view! {
        <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch(untrack(request));
        }>
            <Field label="First name" error=error("firstName")>
                <input type="text" autocomplete="given-name" bind:value=first_name/>
            </Field>
            <Field label="Last name" error=error("lastName")>
                <input type="text" autocomplete="family-name" bind:value=last_name/>
            </Field>
            <p class="muted">"Email: " {email} " (you sign in with it; an instance owner can change it)"</p>
            <div class="actions">
                <SubmitButton label="Save name" pending_label="Saving…" pending=save.pending()/>
            </div>
        </form>
    }
}
