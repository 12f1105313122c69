//! `/ui/<tenant>/admin/groups/new`: create a group with its first members.

use kestra_model::CreateGroupRequest;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::components::type_ahead::Choice;
use crate::hooks::choices::user_choices;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};

/// The create-group form.
#[component]
pub fn GroupCreate() -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let members = RwSignal::new(Vec::<Choice>::new());
    let member_text = RwSignal::new(String::new());
    let suggestions = user_choices(tenant, member_text);
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |request: &CreateGroupRequest| {
            let (tenant, request) = (tenant.get_untracked(), request.clone());
            async move { api::groups::create(&tenant, &request).await }
        },
        move |group| {
            let id = group.id.unwrap_or_default();
            navigate(
                &routes::group(&tenant.get_untracked(), &id),
                Default::default(),
            );
            format!("Group “{}” created", group.name.unwrap_or_default())
        },
        OnFailure::FormShows,
    );
    let server_error = move || save.value().get().and_then(Result::err);
    let name_error = Signal::derive(move || {
        if touched.get() && name.get().trim().is_empty() {
            return Some("A group needs a name.".to_string());
        }
        server_error().and_then(|e| e.naming_field_message("name"))
    });
    let request = move || {
        let description = description.get();
        CreateGroupRequest {
            name: name.get().trim().to_string(),
            description: (!description.trim().is_empty()).then_some(description),
            members_id: Some(members.get().into_iter().map(|m| m.id).collect()),
        }
    };
    track_unsaved_action("the new group", request, save);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if name.get_untracked().trim().is_empty() {
            return;
        }
        save.dispatch(untrack(request));
    };

    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::groups(&tenant.get()))>"← Groups"</a></p>
            <header class="page-header"><h1>"Create group"</h1></header>
            <form class="form" on:submit=on_submit>
                <Field label="Name" error=name_error>
                    <input type="text" bind:value=name on:blur=move |_| touched.set(true) required/>
                </Field>
                <Field label="Description">
                    <textarea rows="2" bind:value=description></textarea>
                </Field>
                <ChipPicker label="Members" add_label="Add member" chosen=members text=member_text
                    options=suggestions placeholder="Type a name or email…"/>
                {move || server_error().filter(|e| e.naming_field_message("name").is_none())
                    .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                <div class="actions">
                    <a class="button" href=move || href(&routes::groups(&tenant.get()))>"Cancel"</a>
                    <SubmitButton label="Create group" pending_label="Creating…" pending=save.pending()/>
                </div>
            </form>
        </section>
    }
}
