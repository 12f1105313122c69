//! `/ui/<tenant>/admin/service-accounts/new`: create a service account with its groups in this
//! tenant and (instance owners) other tenants and the instance-owner flag.

use kestra_model::{
    CreateServiceAccountRequest, ServiceAccountGroup, ServiceAccountRequest, rules,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::components::tenant_checklist::TenantChecklist;
use crate::components::type_ahead::Choice;
use crate::hooks::choices::{group_choices, tenant_choices};
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// What the form sends.
#[derive(Clone, PartialEq)]
struct Draft {
    name: String,
    description: Option<String>,
    groups: Vec<String>,
    tenants: Vec<String>,
    owner: bool,
}

/// The create-service-account form.
#[component]
pub fn ServiceAccountCreate() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let groups = RwSignal::new(Vec::<Choice>::new());
    let group_text = RwSignal::new(String::new());
    let group_options = group_choices(tenant, group_text);
    let tenants = RwSignal::new(vec![tenant.get_untracked()]);
    let owner = RwSignal::new(false);
    let all_tenants = tenant_choices(session);
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |draft: &Draft| {
            let (tenant, draft) = (tenant.get_untracked(), draft.clone());
            async move { create(&tenant, draft).await }
        },
        move |id| {
            // Read before navigating away disposes the form's signals.
            let created = format!("Service account “{}” created", name.get_untracked());
            navigate(
                &routes::service_account(&tenant.get_untracked(), &id),
                Default::default(),
            );
            created
        },
        OnFailure::toast("create the service account"),
    );
    let server_error = move || save.value().get().and_then(Result::err);
    let name_error = Signal::derive(move || {
        let typed = name.get();
        if (touched.get() || !typed.is_empty())
            && let Err(message) = rules::account_name(&typed)
        {
            return Some(message);
        }
        server_error().and_then(|e| e.naming_field_message("name"))
    });
    let draft = move || {
        let description = description.get();
        Draft {
            name: name.get(),
            description: (!description.trim().is_empty()).then_some(description),
            groups: groups.get().into_iter().map(|g| g.id).collect(),
            tenants: tenants.get(),
            owner: owner.get(),
        }
    };
    track_unsaved_action("the new service account", draft, save);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if rules::account_name(&name.get_untracked()).is_err() {
            return;
        }
        save.dispatch(untrack(draft));
    };
    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::service_accounts(&tenant.get()))>"← Service accounts"</a></p>
            <header class="page-header"><h1>"Create service account"</h1></header>
            <form class="form" on:submit=on_submit>
                <Field label="Name" hint="Lowercase letters, digits and single dashes, e.g. ci-deployer." error=name_error>
                    <input type="text" bind:value=name autocomplete="off" required/>
                </Field>
                <Field label="Description"><textarea rows="2" bind:value=description></textarea></Field>
                <ChipPicker label="Groups" add_label="Add group" chosen=groups text=group_text
                    options=group_options placeholder="Add a group of this tenant…"/>
                <Show when=move || session.instance_owner()>
                    <TenantChecklist legend="Tenants" tenants=all_tenants chosen=tenants/>
                    <label class="check">
                        <input type="checkbox" bind:checked=owner/>
                        "Instance owner (may manage every tenant and user)"
                    </label>
                </Show>
                {move || server_error().filter(|e| e.naming_field_message("name").is_none())
                    .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                <div class="actions">
                    <a class="button" href=move || href(&routes::service_accounts(&tenant.get()))>"Cancel"</a>
                    <SubmitButton label="Create service account" pending_label="Creating…" pending=save.pending()/>
                </div>
            </form>
        </section>
    }
}

/// Creates the account; returns its id. Instance owners create it instance-wide with its
/// tenants, then set its groups here; tenant admins create it in this tenant directly.
async fn create(tenant: &str, draft: Draft) -> Result<String, ApiError> {
    let groups: Vec<ServiceAccountGroup> = draft
        .groups
        .iter()
        .map(|id| ServiceAccountGroup {
            id: Some(id.clone()),
        })
        .collect();
    let in_tenant = ServiceAccountRequest {
        groups: Some(groups),
        name: draft.name.clone(),
        description: draft.description.clone(),
        super_admin: None,
        ..Default::default()
    };
    if draft.tenants.len() == 1 && draft.tenants[0] == tenant && !draft.owner {
        let created = api::service_accounts::create_in_tenant(tenant, &in_tenant).await?;
        return Ok(created.id.unwrap_or_default());
    }
    let created = api::service_accounts::create(&CreateServiceAccountRequest {
        name: draft.name,
        description: draft.description,
        super_admin: Some(draft.owner),
        tenants: Some(draft.tenants.clone()),
    })
    .await?;
    let id = created.id.unwrap_or_default();
    if !draft.groups.is_empty() && draft.tenants.iter().any(|t| t == tenant) {
        api::service_accounts::update_in_tenant(tenant, &id, &in_tenant).await?;
    }
    Ok(id)
}
