//! `/ui/<tenant>/admin/roles`: search, page through and open the tenant's roles.

use kestra_model::{Action, Resource, RoleSummary};
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// The tenant's roles.
#[component]
pub fn RoleList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let (query, set_query) = use_list_query();
    let roles = LocalResource::new(move || {
        let (tenant, query) = (tenant.get(), query.get());
        async move { api::roles::search(&tenant, &query).await }
    });
    let columns = vec![
        Column::new("Name", move |r: &RoleSummary| {
            let tenant = tenant.get_untracked();
            // Listing roles does not imply viewing one: no link that would only say "forbidden".
            let name = if session.may(&tenant, Resource::Role, Action::View) == Some(false) {
                view! { <span>{r.name.clone()}</span> }.into_any()
            } else {
                let link = href(&routes::role(&tenant, &r.id));
                view! { <a href=link>{r.name.clone()}</a> }.into_any()
            };
            view! {
                {name}
                {r.is_default.then(|| view! { " " <span class="badge">"Default"</span> })}
                {r.is_managed.then(|| view! { " " <span class="badge muted">"Managed"</span> })}
            }
            .into_any()
        })
        .sortable("name"),
        Column::new("Description", |r: &RoleSummary| {
            view! { <span class="muted">{r.description.clone().unwrap_or_default()}</span> }
                .into_any()
        }),
        Column::new("Permissions", |r: &RoleSummary| {
            view! { <span>{r.permission_count.unwrap_or_default().to_string()}</span> }.into_any()
        })
        .sortable("permissionCount"),
    ];
    // Hidden only when the server said no; against Kestra (no hint) a 403 explains itself.
    let may_create =
        move || session.may(&tenant.get(), Resource::Role, Action::Create) != Some(false);
    let create = move || href(&routes::role_new(&tenant.get()));
    view! {
        <section>
            <header class="page-header">
                <h1>"Roles"</h1>
                <Show when=may_create>
                    <a class="button primary" href=create>"Create role"</a>
                </Show>
            </header>
            <DataTable noun="roles" one="role" columns=columns page=Signal::derive(move || roles.get())
                query=query on_query=set_query row_key=|r: &RoleSummary| r.id.clone()
                empty_action=move || view! {
                    <Show when=may_create>
                        <a class="button" href=create>"Create the first role"</a>
                    </Show>
                }/>
        </section>
    }
}
