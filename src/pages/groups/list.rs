//! `/ui/<tenant>/admin/groups`: search, page through and open the tenant's groups.

use kestra_model::GroupSummary;
use leptos::prelude::*;

use kestra_model::{Action, Resource};

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// The tenant's groups.
#[component]
pub fn GroupList() -> impl IntoView {
    let tenant = use_tenant();
    let (query, set_query) = use_list_query();
    let groups = LocalResource::new(move || {
        let (tenant, query) = (tenant.get(), query.get());
        async move { api::groups::search(&tenant, &query).await }
    });
    let columns = vec![
        Column::new("Name", move |g: &GroupSummary| {
            let link = href(&routes::group(&tenant.get_untracked(), &g.id));
            view! { <a href=link>{g.name.clone()}</a> }.into_any()
        })
        .sortable("name"),
        Column::new("Description", |g: &GroupSummary| {
            view! { <span class="muted">{g.description.clone().unwrap_or_default()}</span> }
                .into_any()
        }),
    ];
    let create = move || href(&routes::group_new(&tenant.get()));
    let session = use_session();
    let may_create =
        move || session.may(&tenant.get(), Resource::Group, Action::Create) != Some(false);
    view! {
        <section>
            <header class="page-header">
                <h1>"Groups"</h1>
                <Show when=may_create>
                    <a class="button primary" href=create>"Create group"</a>
                </Show>
            </header>
            <DataTable noun="groups" one="group" columns=columns page=Signal::derive(move || groups.get())
                query=query on_query=set_query row_key=|g: &GroupSummary| g.id.clone()
                empty_action=move || may_create().then(|| view! { <a class="button" href=create>"Create the first group"</a> })/>
        </section>
    }
}
