//! `/ui/<tenant>/admin/users/new` (instance owners): create a person with their password,
//! groups in this tenant and the tenants they may use.

use kestra_model::{CreateOrUpdateUserRequest, rules};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::instance_only::InstanceOnly;
use crate::components::submit_button::SubmitButton;
use crate::components::tenant_checklist::TenantChecklist;
use crate::components::type_ahead::Choice;
use crate::hooks::choices::{group_choices, tenant_choices};
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// The create-user form.
#[component]
pub fn UserCreate() -> impl IntoView {
    view! { <InstanceOnly what="create a user: a tenant admin gives access by email instead"><CreateForm/></InstanceOnly> }
}

#[component]
fn CreateForm() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let owner = RwSignal::new(false);
    let groups = RwSignal::new(Vec::<Choice>::new());
    let group_text = RwSignal::new(String::new());
    let group_options = group_choices(tenant, group_text);
    let tenants = RwSignal::new(vec![tenant.get_untracked()]);
    let all_tenants = tenant_choices(session);
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |request: &CreateOrUpdateUserRequest| {
            let request = request.clone();
            async move { api::users::create(&request).await }
        },
        move |user| {
            let current = tenant.get_untracked();
            let next = match user.id {
                Some(id) if tenants.get_untracked().contains(&current) => {
                    routes::user(&current, &id)
                }
                _ => routes::users(&current),
            };
            navigate(&next, Default::default());
            format!("User {} created", user.email.unwrap_or_default())
        },
        OnFailure::toast("create the user"),
    );
    let server_error = move || save.value().get().and_then(Result::err);
    let email_error = Signal::derive(move || {
        if (touched.get() || !email.get().is_empty() && email.get().contains('@'))
            && let Err(message) = rules::email(&email.get())
        {
            return Some(message);
        }
        server_error().and_then(|e| e.naming_field_message("email"))
    });
    let request = move || {
        let text = |s: RwSignal<String>| Some(s.get().trim().to_string()).filter(|t| !t.is_empty());
        CreateOrUpdateUserRequest {
            email: email.get().trim().to_string(),
            first_name: text(first_name),
            last_name: text(last_name),
            password: Some(password.get()).filter(|p| !p.is_empty()),
            super_admin: Some(owner.get()),
            groups: Some(groups.get().into_iter().map(|g| g.id).collect()),
            tenants: Some(tenants.get()),
            restricted: None,
        }
    };
    track_unsaved_action("the new user", request, save);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let Ok(email) = rules::email(&email.get_untracked()) else {
            return;
        };
        save.dispatch(CreateOrUpdateUserRequest {
            email,
            ..untrack(request)
        });
    };

    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::users(&tenant.get()))>"← Users"</a></p>
            <header class="page-header"><h1>"Create user"</h1></header>
            <form class="form" on:submit=on_submit>
                <Field label="Email" error=email_error>
                    <input type="email" bind:value=email on:blur=move |_| touched.set(true) autocomplete="off" required/>
                </Field>
                <Field label="First name"><input type="text" bind:value=first_name/></Field>
                <Field label="Last name"><input type="text" bind:value=last_name/></Field>
                <Field label="Password" hint="Optional: without one, the user cannot sign in with a password until one is set.">
                    <input type="password" bind:value=password autocomplete="new-password"/>
                </Field>
                <label class="check">
                    <input type="checkbox" bind:checked=owner/>
                    "Instance owner (may manage every tenant and user)"
                </label>
                <ChipPicker label="Groups" add_label="Add group" chosen=groups text=group_text
                    options=group_options placeholder="Add a group of this tenant…"/>
                <TenantChecklist legend="Tenants" tenants=all_tenants chosen=tenants/>
                {move || server_error().filter(|e| e.naming_field_message("email").is_none())
                    .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                <div class="actions">
                    <a class="button" href=move || href(&routes::users(&tenant.get()))>"Cancel"</a>
                    <SubmitButton label="Create user" pending_label="Creating…" pending=save.pending()/>
                </div>
            </form>
        </section>
    }
}
