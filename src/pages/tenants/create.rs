//! `/ui/<tenant>/admin/tenants/new`: create a tenant, then offer to switch to it.

use kestra_model::{Tenant, rules};
use leptos::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use super::fields::{TenantFields, name_rule};

/// The create-tenant form; once created, links to the new tenant and its settings.
#[component]
pub fn TenantCreate() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let worker_group = RwSignal::new(String::new());
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
        OnFailure::toast_unless_invalid("create the tenant"),
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
        server_error().and_then(|e| e.field_message("id"))
    });
    let name_error = Signal::derive(move || {
        touched
            .get()
            .then(|| name_rule(&name.get()))
            .flatten()
            .or_else(|| server_error().and_then(|e| e.field_message("name")))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if rules::tenant_id(&id.get_untracked()).is_err()
            || name_rule(&name.get_untracked()).is_some()
        {
            return;
        }
        let mut request = Tenant {
            id: id.get_untracked(),
            name: name.get_untracked().trim().to_string(),
            ..Default::default()
        };
        super::set_worker_group(&mut request, &worker_group.get_untracked());
        save.dispatch(request);
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
                        <TenantFields name=name worker_group=worker_group name_error=name_error/>
                        {move || server_error().filter(|e| e.field_message("id").is_none() && e.field_message("name").is_none())
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
