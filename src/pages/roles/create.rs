//! `/ui/<tenant>/admin/roles/new`: create a role with its permissions.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use kestra_model::RoleCreateOrUpdateRequest;

use crate::api;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::routes::{self, href, use_tenant};

use super::form::RoleForm;

/// The create-role form.
#[component]
pub fn RoleCreate() -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let save = use_submit(
        move |request: &RoleCreateOrUpdateRequest| {
            let (tenant, request) = (tenant.get_untracked(), request.clone());
            async move { api::roles::create(&tenant, &request).await }
        },
        move |role| {
            let id = role.id.unwrap_or_default();
            navigate(
                &routes::role(&tenant.get_untracked(), &id),
                Default::default(),
            );
            format!("Role “{}” created", role.name.unwrap_or_default())
        },
        OnFailure::FormShows,
    );
    view! {
        <section>
            <header class="page-header"><h1>"Create role"</h1></header>
            <RoleForm initial=RoleCreateOrUpdateRequest::default() submit_label="Create role" pending_label="Creating…"
                pending=save.pending() error=Signal::derive(move || save.value().get().and_then(Result::err))
                on_submit=Callback::new(move |request| { save.dispatch(request); })>
                <a class="button" href=move || href(&routes::roles(&tenant.get()))>"Cancel"</a>
            </RoleForm>
        </section>
    }
}
