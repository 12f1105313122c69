//! `/ui/<tenant>/admin/tenants/new`: create a tenant, then offer to switch to it.

use kestra_model::{Tenant, rules};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use super::fields::{FieldErrors, TenantFields};
use super::settings::TenantSettings;

/// The create-tenant form; once created, links to the new tenant and its settings.
#[component]
pub fn TenantCreate() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let id = RwSignal::new(String::new());
    let settings = RwSignal::new(TenantSettings::default());
    let known_tags = super::use_known_tags(tenant.into());
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |request: &Tenant| {
            let request = request.clone();
            async move {
                let created = api::tenants::create(&request).await?;
                session.refresh().await;
                Ok(created)
            }
        },
        |created| format!("Tenant “{}” created", created.name),
        OnFailure::Toast {
            what: "create the tenant",
            // A taken id (409) shows at the Id field.
            shown_by_form: |e| super::shown_at_a_field(e) || matches!(e, ApiError::Conflict(_)),
        },
    );
    let server_error = move || save.value().get().and_then(Result::err);
    // The id is checked as soon as something is typed: its rules are the surprising ones.
    let id_error = Signal::derive(move || {
        let typed = id.get();
        if (!typed.is_empty() || touched.get())
            && let Err(message) = rules::tenant_id(&typed)
        {
            return Some(message);
        }
        server_error().and_then(|e| e.naming_field_message("id"))
    });
    // A blank name is said once the admin tries to create, not while the form is still empty.
    let errors = FieldErrors {
        problems: Signal::derive(move || {
            let mut problems = settings.with(|s| s.problems(&TenantSettings::default()));
            if !touched.get() {
                problems.retain(|(path, _)| path != "name");
            }
            problems
        }),
        server: Signal::derive(server_error),
    };
    track_unsaved(
        "the new tenant",
        move || (id.get(), settings.get()),
        save.pending().into(),
        Signal::derive(server_error),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let new = Tenant {
            id: id.get_untracked(),
            ..Default::default()
        };
        let edited = settings.with_untracked(|s| s.apply(&new, &TenantSettings::default()));
        if rules::tenant_id(&new.id).is_err() {
            return;
        }
        if let Ok(request) = edited {
            save.dispatch(request);
        }
    };
    let created = Memo::new(move |_| save.value().get().and_then(Result::ok));

    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::tenants(&tenant.get()))>"← Tenants"</a></p>
            {move || match created.get() {
                Some(new) => view! {
                    <div class="card" role="status">
                        <h1>{format!("Tenant “{}” created", new.name)}</h1>
                        <p>"It has an Admin role and no users yet besides instance owners."</p>
                        <div class="actions">
                            <a class="button" href=href(&routes::tenant(&tenant.get_untracked(), &new.id))>"Edit its settings"</a>
                            <a class="button primary" href=href(&routes::tenant_home(&new.id))>{format!("Switch to {}", new.name)}</a>
                        </div>
                    </div>
                }.into_any(),
                None => view! {
                    <header class="page-header"><h1>"Create tenant"</h1></header>
                    <form class="form" on:submit=on_submit>
                        <Field label="Id" hint="Lowercase letters, digits, “-” and “_”; it appears in URLs and cannot be changed." error=id_error>
                            <input type="text" bind:value=id autocomplete="off" required/>
                        </Field>
                        <TenantFields settings=settings known_tags=known_tags errors=errors/>
                        {move || server_error().filter(|e| !super::shown_at_a_field(e) && e.naming_field_message("id").is_none())
                            .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                        <div class="actions">
                            <a class="button" href=move || href(&routes::tenants(&tenant.get()))>"Cancel"</a>
                            <SubmitButton label="Create tenant" pending_label="Creating…" pending=save.pending()/>
                        </div>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
