//! `/ui/<tenant>/admin/service-accounts/<id>`: edit a service account's name and
//! description, its instance-owner flag (instance owners), delete it, and manage its tokens.

use kestra_model::{Action, Resource, ServiceAccountRequest, ServiceAccountResponse, rules};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, api_tokens::Owner};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::item::use_item;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};
use crate::sections::audit::History;
use crate::sections::bindings::{SubjectBindings, SubjectKind};
use crate::sections::tokens::TokenSection;
use crate::session::use_session;

/// A service account's page.
#[component]
pub fn ServiceAccountDetailPage() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let account =
        use_item(
            |tenant, id| async move { api::service_accounts::get_in_tenant(&tenant, &id).await },
        );
    let (id, account) = (account.id, account.found);
    let back = move || href(&routes::service_accounts(&tenant.get()));
    view! {
        <section>
            <DetailStates item=Signal::derive(move || account.get()) noun="service account" why_missing="It may have been deleted, or may not use this tenant."
                back=Signal::derive(back) back_label="service accounts"
                render=move |detail| view! {
                    <AccountOverview detail=detail/>
                    // Accounts are instance-level: an instance owner reads every change of
                    // one; a tenant admin, the changes this tenant's trail holds.
                    <History resource=Resource::ServiceAccount id=id
                        instance=Signal::derive(move || session.instance_owner())/>
                }.into_any()/>
        </section>
    }
}

/// The edit form, the delete button and the tokens.
#[component]
fn AccountOverview(detail: ServiceAccountResponse) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    let id = detail.id.clone().unwrap_or_default();
    let title = RwSignal::new(detail.name.clone());
    let name = RwSignal::new(detail.name.clone());
    let description = RwSignal::new(detail.description.clone().unwrap_or_default());
    let owner_flag = RwSignal::new(detail.super_admin);
    let was_owner = StoredValue::new(detail.super_admin);
    // A save starts from the account as the server sent it: groups, the instance-owner flag
    // and fields the form does not show go back unchanged.
    let current = StoredValue::new(ServiceAccountRequest::from(&detail));

    let save = use_submit(
        {
            let id = id.clone();
            move |request: &(ServiceAccountRequest, bool)| {
                let (tenant, id, (request, flag)) =
                    (tenant.get_untracked(), id.clone(), request.clone());
                async move {
                    let saved =
                        api::service_accounts::update_in_tenant(&tenant, &id, &request).await?;
                    if flag != was_owner.get_value() {
                        api::service_accounts::set_super_admin(&id, flag).await?;
                        was_owner.set_value(flag);
                    }
                    Ok(saved)
                }
            }
        },
        move |saved| {
            title.set(saved.name.clone());
            current.set_value(ServiceAccountRequest::from(&saved));
            "Service account saved".into()
        },
        OnFailure::toast("save the service account"),
    );
    let name_error = Signal::derive(move || {
        rules::account_name(&name.get()).err().or_else(|| {
            save.value()
                .get()
                .and_then(Result::err)
                .and_then(|e| e.naming_field_message("name"))
        })
    });

    let remove = use_confirmed(
        RwSignal::new(false),
        {
            let id = id.clone();
            move |(): &()| {
                let (tenant, id) = (tenant.get_untracked(), id.clone());
                async move { api::service_accounts::delete_in_tenant(&tenant, &id).await }
            }
        },
        move || {
            let deleted = format!("Service account “{}” deleted", title.get_untracked());
            navigate(
                &routes::service_accounts(&tenant.get_untracked()),
                Default::default(),
            );
            deleted
        },
        could_not("delete the service account"),
    );
    let subject_id = id.clone();
    // Followed, not read once: the frame may start the page before `me` says who is signed in.
    let token_owner = {
        let id = id.clone();
        Memo::new(move |_| {
            if session.instance_owner() {
                Owner::ServiceAccount(id.clone())
            } else {
                Owner::TenantServiceAccount {
                    tenant: tenant.get(),
                    id: id.clone(),
                }
            }
        })
    };

    // What the form would send: every field it does not show goes back as it came.
    let request = move || {
        let description = description.get();
        let request = ServiceAccountRequest {
            name: name.get(),
            description: (!description.trim().is_empty()).then_some(description),
            super_admin: Some(was_owner.get_value()),
            ..current.get_value()
        };
        (request, owner_flag.get())
    };
    track_unsaved_action("this service account", request, save);

    let may =
        move |action| session.may(&tenant.get(), Resource::ServiceAccount, action) != Some(false);
    let read_only = Signal::derive(move || !may(Action::Update));
    view! {
        <header class="page-header">
            <h1>{move || title.get()}</h1>
            <Show when=move || may(Action::Delete)>
                <button type="button" class="danger" on:click=move |_| remove.open.set(true)>"Delete service account"</button>
            </Show>
        </header>
        <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if rules::account_name(&name.get_untracked()).is_err() { return; }
            save.dispatch(untrack(request));
        }>
            // Members who may only look see the fields, but cannot type into them.
            <fieldset class="fields" disabled=read_only>
                <Field label="Name" error=name_error><input type="text" bind:value=name required/></Field>
                <Field label="Description"><textarea rows="2" bind:value=description></textarea></Field>
            </fieldset>
            <Show when=move || session.instance_owner()>
                <label class="check">
                    <input type="checkbox" bind:checked=owner_flag/>
                    "Instance owner (may manage every tenant and user)"
                </label>
            </Show>
            <Show when=move || !read_only.get()>
                <div class="actions">
                    <SubmitButton label="Save" pending_label="Saving…" pending=save.pending()/>
                </div>
            </Show>
        </form>
        <SubjectBindings subject_type=SubjectKind::ServiceAccount subject_id=subject_id/>
        {move || view! { <TokenSection owner=token_owner.get() read_only=read_only/> }}
        <ConfirmDialog open=remove.open
            title=Signal::derive(move || format!("Delete service account “{}”?", title.get()))
            message="It loses access to this tenant and, with no tenant left, is deleted with its tokens. This cannot be undone."
            confirm_label="Delete service account" pending=remove.action.pending()
            on_confirm=Callback::new(move |()| { remove.action.dispatch(()); })/>
    }
}
