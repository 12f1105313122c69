//! `/ui/<tenant>/admin/tenants`: search, page through and open the instance's tenants.

use kestra_model::Tenant;
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};

/// The instance's tenants.
#[component]
pub fn TenantList() -> impl IntoView {
    let tenant = use_tenant();
    let (query, set_query) = use_list_query();
    let tenants = LocalResource::new(move || {
        let query = query.get();
        async move { api::tenants::search(&query).await }
    });
    let columns = vec![
        Column::new("Id", move |t: &Tenant| {
            let link = href(&routes::tenant(&tenant.get_untracked(), &t.id));
            view! { <a href=link>{t.id.clone()}</a> }.into_any()
        })
        .sortable("id"),
        Column::new("Name", |t: &Tenant| {
            view! { <span>{t.name.clone()}</span> }.into_any()
        })
        .sortable("name"),
        Column::new("Worker tags", |t: &Tenant| {
            view! { <span class="muted">{super::worker_tags(t)}</span> }.into_any()
        }),
    ];
    let create = move || href(&routes::tenant_new(&tenant.get()));
    view! {
        <section>
            <header class="page-header">
                <h1>"Tenants"</h1>
                <a class="button primary" href=create>"Create tenant"</a>
            </header>
            <DataTable noun="tenants" one="tenant" columns=columns page=Signal::derive(move || tenants.get())
                query=query on_query=set_query row_key=|t: &Tenant| t.id.clone()
                empty_action=move || view! { <a class="button" href=create>"Create the first tenant"</a> }/>
        </section>
    }
}
