//! `/ui/<tenant>/admin/groups/<id>`: edit a group, manage its members, delete it.

use kestra_model::{GroupDetail, Resource, UpdateGroupRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::item::use_item;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use crate::sections::audit::History;
use crate::sections::bindings::{SubjectBindings, SubjectKind};

use super::members::GroupMembers;

/// A group's page.
#[component]
pub fn GroupDetailPage() -> impl IntoView {
    let tenant = use_tenant();
    let group = use_item(|tenant, id| async move { api::groups::get(&tenant, &id).await });
    let (id, group) = (group.id, group.found);
    let back = move || href(&routes::groups(&tenant.get()));
    view! {
        <section>
            <DetailStates item=Signal::derive(move || group.get()) noun="group" why_missing="It may have been deleted."
                back=Signal::derive(back) back_label="groups"
                render=move |detail| view! {
                    <GroupOverview detail=detail on_saved=Callback::new(move |()| group.refetch())/>
                    <GroupMembers group_id=id/>
                    <SubjectBindings subject_type=SubjectKind::Group subject_id=id/>
                    <History resource=Resource::Group id=id on_restored=Callback::new(move |()| group.refetch())/>
                }.into_any()/>
        </section>
    }
}

/// The name and description form, and the delete button.
#[component]
fn GroupOverview(detail: GroupDetail, on_saved: Callback<()>) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let id = detail.id.clone().unwrap_or_default();
    let title = RwSignal::new(detail.name.clone().unwrap_or_default());
    let name = RwSignal::new(detail.name.clone().unwrap_or_default());
    let description = RwSignal::new(detail.description.clone().unwrap_or_default());
    // A save starts from the group as the server sent it, so fields the form does not show
    // go back unchanged.
    let current = StoredValue::new(UpdateGroupRequest::from(&detail));

    let save = use_submit(
        {
            let id = id.clone();
            move |request: &UpdateGroupRequest| {
                let (tenant, id, request) = (tenant.get_untracked(), id.clone(), request.clone());
                async move { api::groups::update(&tenant, &id, &request).await }
            }
        },
        move |group| {
            title.set(group.name.clone().unwrap_or_default());
            current.set_value(UpdateGroupRequest::from(&group));
            on_saved.run(());
            "Group saved".into()
        },
        OnFailure::toast_unless_named("save the group"),
    );
    let name_error = Signal::derive(move || {
        if name.get().trim().is_empty() {
            return Some("A group needs a name.".to_string());
        }
        save.value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.naming_field_message("name"))
    });

    let remove = use_confirmed(
        RwSignal::new(false),
        {
            let id = id.clone();
            move |(): &()| {
                let (tenant, id) = (tenant.get_untracked(), id.clone());
                async move { api::groups::delete(&tenant, &id).await }
            }
        },
        move || {
            let deleted = format!("Group “{}” deleted", title.get_untracked());
            navigate(&routes::groups(&tenant.get_untracked()), Default::default());
            deleted
        },
        could_not("delete the group"),
    );

    // What the form would send: every field it does not show goes back as it came.
    let request = move || {
        let description = description.get();
        UpdateGroupRequest {
            name: name.get().trim().to_string(),
            description: (!description.trim().is_empty()).then_some(description),
            ..current.get_value()
        }
    };
    track_unsaved_action("this group", request, save);

    let session = use_session();
    let may = move |action| session.may(&tenant.get(), Resource::Group, action) != Some(false);
    view! {
        <header class="page-header">
            <h1>{move || title.get()}</h1>
            <Show when=move || may(kestra_model::Action::Delete)>
                <button type="button" class="danger" on:click=move |_| remove.open.set(true)>"Delete group"</button>
            </Show>
        </header>
        <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if name.get_untracked().trim().is_empty() { return; }
            save.dispatch(untrack(request));
        }>
            // Members who may only look see the fields, but cannot type into them.
            <fieldset class="fields" disabled=move || !may(kestra_model::Action::Update)>
                <Field label="Name" error=name_error>
                    <input type="text" bind:value=name required/>
                </Field>
                <Field label="Description">
                    <textarea rows="2" bind:value=description></textarea>
                </Field>
            </fieldset>
            <Show when=move || may(kestra_model::Action::Update)>
                <div class="actions">
                    <SubmitButton label="Save" pending_label="Saving…" pending=save.pending()/>
                </div>
            </Show>
        </form>
        <ConfirmDialog open=remove.open
            title=Signal::derive(move || format!("Delete group “{}”?", title.get()))
            message="Its members lose the roles the group gives them in this tenant. This cannot be undone."
            confirm_label="Delete group" pending=remove.action.pending()
            on_confirm=Callback::new(move |()| { remove.action.dispatch(()); })/>
    }
}
