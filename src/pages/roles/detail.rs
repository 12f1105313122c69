//! `/ui/<tenant>/admin/roles/<id>`: a role's permissions, edit them, make it the default,
//! delete it.

use kestra_model::preview::PermissionChange;
use kestra_model::{Resource, RoleCreateOrUpdateRequest, RoleDetail};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::hooks::item::use_item;
use crate::hooks::submit::{OnFailure, use_confirmed, use_submit};
use crate::routes::{self, href, use_tenant};
use crate::sections::audit::History;
use crate::sections::bindings::subject_label;
use crate::sections::role_preview::RoleChangePreview;
use crate::session::use_session;

use super::form::RoleForm;

/// A role's page.
#[component]
pub fn RoleDetailPage() -> impl IntoView {
    let tenant = use_tenant();
    let role = use_item(|tenant, id| async move { api::roles::get(&tenant, &id).await });
    let (id, role) = (role.id, role.found);
    // Bumped by every save, so the History shows the change at once.
    let saved = RwSignal::new(0u32);
    let back = move || href(&routes::roles(&tenant.get()));
    view! {
        <section>
            <DetailStates item=Signal::derive(move || role.get()) noun="role" why_missing="It may have been deleted."
                back=Signal::derive(back) back_label="roles"
                render=move |detail| view! {
                    <RoleOverview detail=detail on_saved=Callback::new(move |()| saved.update(|n| *n += 1))/>
                    <History resource=Resource::Role id=id changed=saved
                        on_restored=Callback::new(move |()| role.refetch())/>
                }.into_any()/>
        </section>
    }
}

/// The role's form and its delete button.
#[component]
fn RoleOverview(detail: RoleDetail, on_saved: Callback<()>) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    let id = detail.id.clone().unwrap_or_default();
    let title = RwSignal::new(detail.name.clone().unwrap_or_default());
    let managed = detail.is_managed;
    let may = move |action| session.may(&tenant.get(), Resource::Role, action) != Some(false);
    let read_only = Signal::derive(move || managed || !may(kestra_model::Action::Update));
    // The permissions as last saved, and a save waiting on the preview of what it changes.
    let saved_permissions = RwSignal::new(detail.permissions.clone());
    let proposed = RwSignal::new(None::<RoleCreateOrUpdateRequest>);
    let preview_open = RwSignal::new(false);
    let change = Signal::derive(move || {
        proposed
            .with(|p| {
                p.as_ref().map(|request| {
                    PermissionChange::between(&saved_permissions.get(), &request.permissions)
                })
            })
            .unwrap_or_default()
    });

    let save = use_submit(
        {
            let id = id.clone();
            move |request: &RoleCreateOrUpdateRequest| {
                let (tenant, id, request) = (tenant.get_untracked(), id.clone(), request.clone());
                async move { api::roles::update(&tenant, &id, &request).await }
            }
        },
        move |role| {
            saved_permissions.set(role.permissions.clone());
            title.set(role.name.unwrap_or_default());
            on_saved.run(());
            "Role saved".into()
        },
        OnFailure::toast_unless_named("save the role"),
    );

    // Who holds the role, looked up when the user asks to delete it, so the dialog can say what
    // deleting takes away (and why the server may refuse).
    let confirm_open = RwSignal::new(false);
    let holders = LocalResource::new({
        let id = id.clone();
        move || {
            let (tenant, id, open) = (tenant.get(), id.clone(), confirm_open.get());
            async move {
                if !open {
                    return Vec::new();
                }
                let query = api::query::ListQuery {
                    size: 100,
                    ..Default::default()
                };
                let filter = api::bindings::BindingFilter {
                    role_id: Some(id),
                    ..Default::default()
                };
                api::bindings::search(&tenant, &query, &filter)
                    .await
                    .map(|page| page.results.iter().map(subject_label).collect())
                    .unwrap_or_default()
            }
        }
    });
    let holder_names = move || holders.get().unwrap_or_default().join(", ");
    let remove = use_confirmed(
        confirm_open,
        {
            let id = id.clone();
            move |(): &()| {
                let (tenant, id) = (tenant.get_untracked(), id.clone());
                async move { api::roles::delete(&tenant, &id).await }
            }
        },
        move || {
            let deleted = format!("Role “{}” deleted", title.get_untracked());
            navigate(&routes::roles(&tenant.get_untracked()), Default::default());
            deleted
        },
        move |error| match error {
            ApiError::Conflict(message) => {
                let names = holders.get_untracked().unwrap_or_default().join(", ");
                if names.is_empty() {
                    format!("Could not delete the role: {message}")
                } else {
                    format!("This role is still bound to {names}: remove those bindings first.")
                }
            }
            error => format!("Could not delete the role: {}", error.user_message()),
        },
    );
    let message = Signal::derive(move || match holder_names() {
        names if names.is_empty() => "Nobody holds this role. This cannot be undone.".to_string(),
        // Kestra refuses to delete a role in use (409); say so before the user tries.
        names => format!(
            "It is still bound to {names}. Kestra deletes a role only once nobody holds it: remove those bindings first (“Who holds it”)."
        ),
    });
    let copy_link = {
        let id = id.clone();
        move || href(&routes::role_copy(&tenant.get(), &id))
    };
    let id_for_preview = id.clone();
    let access_link = move || href(&routes::access(&tenant.get(), &[("role", Some(&id))]));

    view! {
        <header class="page-header">
            <h1>{move || title.get()}</h1>
            <div class="header-actions">
                <a class="button" href=access_link>"Who holds it"</a>
            <Show when=move || may(kestra_model::Action::Create)>
                <a class="button" href=copy_link.clone()>"Duplicate role"</a>
            </Show>
            <Show when=move || !managed && may(kestra_model::Action::Delete)>
                <button type="button" class="danger" on:click=move |_| confirm_open.set(true)>"Delete role"</button>
            </Show>
            </div>
        </header>
        {managed.then(|| view! {
            <p class="alert" role="note">"Kestra manages this role: it cannot be changed or deleted."</p>
        })}
        <RoleForm initial=RoleCreateOrUpdateRequest::from(&detail)
            submit_label="Save" pending_label="Saving…" pending=save.pending() read_only=read_only
            error=Signal::derive(move || save.value().get().and_then(Result::err))
            on_submit=Callback::new(move |request: RoleCreateOrUpdateRequest| {
                // A change of permissions is shown first: who holds the role, what they gain and lose.
                if PermissionChange::between(&saved_permissions.get_untracked(), &request.permissions).is_empty() {
                    save.dispatch(request);
                } else {
                    proposed.set(Some(request));
                    preview_open.set(true);
                }
            })/>
        <ConfirmDialog open=preview_open
            title=Signal::derive(move || format!("Save role “{}”?", title.get()))
            message="Everyone who holds this role gets its new permissions at once:"
            confirm_label="Save role" pending=save.pending()
            on_confirm=Callback::new(move |()| {
                if let Some(request) = proposed.get_untracked() {
                    save.dispatch(request);
                }
                preview_open.set(false);
            })>
            <Show when=move || preview_open.get()>
                <RoleChangePreview role_id=id_for_preview.clone() change=change/>
            </Show>
        </ConfirmDialog>
        <ConfirmDialog open=confirm_open
            title=Signal::derive(move || format!("Delete role “{}”?", title.get()))
            message=message confirm_label="Delete role" pending=remove.action.pending()
            on_confirm=Callback::new(move |()| { remove.action.dispatch(()); })/>
    }
}
