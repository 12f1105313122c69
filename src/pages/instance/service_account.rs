//! `/ui/<tenant>/admin/instance/service-accounts/<id>`: one service account as the instance
//! sees it: name and description, its tenants, the instance-owner flag, its API tokens, and
//! deleting it from the whole instance.

use kestra_model::{PatchServiceAccountRequest, ServiceAccountDetail};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::api::api_tokens::Owner;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::components::field::Field;
use crate::components::instance_only::InstanceOnly;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_item_id, use_tenant};
use crate::sections::tokens::TokenSection;

/// A service account's page in the instance section.
#[component]
pub fn InstanceServiceAccountPage() -> impl IntoView {
    view! { <InstanceOnly what="manage a service account across the instance"><AccountLoader/></InstanceOnly> }
}

#[component]
fn AccountLoader() -> impl IntoView {
    let tenant = use_tenant();
    let id = use_item_id();
    let account = LocalResource::new(move || {
        let id = id.get();
        async move { api::service_accounts::get(&id).await }
    });
    let refresh = Callback::new(move |()| account.refetch());
    let back = Signal::derive(move || href(&routes::instance_service_accounts(&tenant.get())));
    view! {
        <section>
            <DetailStates item=Signal::derive(move || account.get()) noun="service account"
                why_missing="It may have been deleted." back=back
                back_label="service accounts of the instance"
                render=move |account| view! { <Account account=account refresh=refresh/> }.into_any()/>
        </section>
    }
}

#[component]
fn Account(account: ServiceAccountDetail, refresh: Callback<()>) -> impl IntoView {
    let id = account.id.clone().unwrap_or_default();
    let tenants: Vec<String> = account
        .tenants
        .iter()
        .map(|t| t.name.clone().or(t.id.clone()).unwrap_or_default())
        .collect();
    let used_in = match tenants.is_empty() {
        true => "No tenant uses it.".to_owned(),
        false => format!("Used in {}.", tenants.join(", ")),
    };
    view! {
        <header class="page-header"><h1>{account.label().to_owned()}</h1></header>
        <p class="muted">{used_in.clone()} {account.super_admin.then_some(" Instance owner.")}</p>
        <div class="card-grid">
            <div class="card">
                <h2>"Details"</h2>
                <DetailsForm account=account.clone() refresh=refresh/>
            </div>
            <div class="card">
                <TokenSection owner=Owner::ServiceAccount(id.clone())/>
            </div>
        </div>
        <DeleteAccount account=account used_in=used_in/>
    }
}

/// Name, description and the instance-owner flag.
#[component]
fn DetailsForm(account: ServiceAccountDetail, refresh: Callback<()>) -> impl IntoView {
    let id = StoredValue::new(account.id.clone().unwrap_or_default());
    let name = RwSignal::new(account.name.clone());
    let description = RwSignal::new(account.description.clone().unwrap_or_default());
    let was_owner = account.super_admin;
    let owner = RwSignal::new(was_owner);
    let save = use_submit(
        move |(request, owner): &(PatchServiceAccountRequest, bool)| {
            let (request, owner, id) = (request.clone(), *owner, id.get_value());
            async move {
                api::service_accounts::patch(&id, &request).await?;
                if owner != was_owner {
                    api::service_accounts::set_super_admin(&id, owner).await?;
                }
                Ok(())
            }
        },
        move |()| {
            refresh.run(());
            "Service account saved".into()
        },
        OnFailure::toast_unless_invalid("save the service account"),
    );
    let name_error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.naming_field_message("name"))
    });
    let request = move || {
        let description = description.get().trim().to_owned();
        let patch = PatchServiceAccountRequest {
            name: name.get().trim().to_owned(),
            description: (!description.is_empty()).then_some(description),
        };
        (patch, owner.get())
    };
    track_unsaved_action("this service account", request, save);
    view! {
        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch(untrack(request));
        }>
            <Field label="Name" error=name_error><input type="text" bind:value=name required/></Field>
            <Field label="Description"><textarea bind:value=description rows="2"></textarea></Field>
            <label class="check">
                <input type="checkbox" bind:checked=owner/>
                "Instance owner (may manage every tenant and person)"
            </label>
            <div class="actions">
                <SubmitButton label="Save" pending_label="Saving…" pending=save.pending()/>
            </div>
        </form>
    }
}

/// Deleting the account from the whole instance, after typing its name.
#[component]
fn DeleteAccount(account: ServiceAccountDetail, used_in: String) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let id = StoredValue::new(account.id.clone().unwrap_or_default());
    let name = account.label().to_owned();
    let open = RwSignal::new(false);
    let delete = use_confirmed(
        open,
        move |()| {
            let id = id.get_value();
            async move { api::service_accounts::delete(&id).await }
        },
        move || {
            navigate(
                &routes::instance_service_accounts(&tenant.get_untracked()),
                Default::default(),
            );
            "Service account deleted".into()
        },
        could_not("delete the service account"),
    );
    view! {
        <div class="card danger-zone">
            <h2>"Delete"</h2>
            <p class="muted">"Deleting it everywhere revokes its API tokens and removes it from every tenant, group and binding."</p>
            <button type="button" class="danger" on:click=move |_| open.set(true)>"Delete service account"</button>
        </div>
        <ConfirmDialog open=open title=format!("Delete {name}?")
            message=format!("{used_in} Its API tokens stop working at once. This cannot be undone.")
            confirm_label="Delete service account" require_typing=name.clone()
            pending=delete.action.pending()
            on_confirm=Callback::new(move |()| { delete.action.dispatch(()); })/>
    }
}
