//! `/ui/<tenant>/admin/tenants/<id>`: edit a tenant's name and settings (worker selector,
//! limits, storage and secret backends, switches), or delete it after typing its id.

use kestra_model::{Resource, Tenant};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::components::submit_button::SubmitButton;
use crate::hooks::item::use_item;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};
use crate::hooks::unsaved::track_unsaved;
use crate::routes::{self, href, use_tenant};
use crate::sections::audit::History;
use crate::session::use_session;

use super::fields::{FieldErrors, TenantFields};
use super::settings::TenantSettings;

/// A tenant's page.
#[component]
pub fn TenantDetailPage() -> impl IntoView {
    let tenant = use_tenant();
    // Tenants are instance-wide: the current tenant is only the frame around the page.
    let found = use_item(|_, id| async move { api::tenants::get(&id).await });
    let (id, found) = (found.id, found.found);
    let back = move || href(&routes::tenants(&tenant.get()));
    view! {
        <section class="narrow">
            <DetailStates item=Signal::derive(move || found.get()) noun="tenant" why_missing="It may have been deleted."
                back=Signal::derive(back) back_label="tenants"
                render=move |detail| view! {
                    <TenantEdit detail=detail/>
                    // Tenants are instance-level: their changes are in the instance's trail.
                    <History resource=Resource::Tenant id=id instance=true on_restored=Callback::new(move |()| found.refetch())/>
                }.into_any()/>
        </section>
    }
}

/// The edit form and the delete button.
#[component]
fn TenantEdit(detail: Tenant) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    let id = detail.id.clone();
    let title = RwSignal::new(detail.name.clone());
    // What the server holds, and the form's reading of it: a save writes back only what
    // changed since, so fields the form does not show go back untouched.
    let before = RwSignal::new(TenantSettings::read(&detail));
    let settings = RwSignal::new(before.get_untracked());
    let original = StoredValue::new(detail);
    let known_tags = super::use_known_tags(Signal::derive({
        let id = id.clone();
        move || id.clone()
    }));

    let save = use_submit(
        move |request: &Tenant| {
            let request = request.clone();
            async move {
                let saved = api::tenants::update(&request).await?;
                session.refresh().await;
                Ok(saved)
            }
        },
        move |saved| {
            title.set(saved.name.clone());
            before.set(TenantSettings::read(&saved));
            settings.set(TenantSettings::read(&saved));
            original.set_value(saved);
            "Tenant saved".into()
        },
        OnFailure::Toast {
            what: "save the tenant",
            shown_by_form: super::shown_at_a_field,
        },
    );
    let errors = FieldErrors {
        problems: Signal::derive(move || settings.with(|s| s.problems(&before.get()))),
        server: Signal::derive(move || save.value().get().and_then(Result::err)),
    };

    track_unsaved(
        "this tenant",
        move || settings.get(),
        save.pending().into(),
        errors.server,
    );

    let deleting_current = id == tenant.get_untracked();
    let remove = use_confirmed(
        RwSignal::new(false),
        {
            let id = id.clone();
            move |(): &()| {
                let id = id.clone();
                async move {
                    api::tenants::delete(&id).await?;
                    session.refresh().await;
                    Ok(())
                }
            }
        },
        move || {
            let deleted = format!("Tenant “{}” deleted", title.get_untracked());
            // Deleting the tenant the console is in leaves nothing to show: go to the landing
            // page, which picks another tenant.
            let next = if deleting_current {
                routes::landing()
            } else {
                routes::tenants(&tenant.get_untracked())
            };
            navigate(&next, Default::default());
            deleted
        },
        could_not("delete the tenant"),
    );

    view! {
        <header class="page-header">
            <h1>{move || title.get()}</h1>
            <button type="button" class="danger" on:click=move |_| remove.open.set(true)>"Delete tenant"</button>
        </header>
        <p class="muted">"Id: " <code>{id.clone()}</code></p>
        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let edited = settings.with_untracked(|s| s.apply(&original.get_value(), &before.get_untracked()));
            // Problems are already shown at their fields; nothing is sent until they are fixed.
            if let Ok(request) = edited {
                save.dispatch(request);
            }
        }>
            <TenantFields settings=settings known_tags=known_tags errors=errors/>
            <div class="actions">
                <SubmitButton label="Save" pending_label="Saving…" pending=save.pending()/>
            </div>
        </form>
        <ConfirmDialog open=remove.open
            title=Signal::derive(move || format!("Delete tenant “{}”?", title.get()))
            message="Everything in it is deleted with it: user access, groups, roles, bindings and invitations. This cannot be undone."
            confirm_label="Delete tenant" require_typing=id pending=remove.action.pending()
            on_confirm=Callback::new(move |()| { remove.action.dispatch(()); })/>
    }
}
