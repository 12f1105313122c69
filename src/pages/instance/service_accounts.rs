//! `/ui/<tenant>/admin/instance/service-accounts`: every service account of the instance, with
//! its tenants, those in no tenant included.

use kestra_model::ServiceAccountDetail;
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::components::instance_only::InstanceOnly;
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};

/// The service accounts of the instance.
#[component]
pub fn InstanceServiceAccounts() -> impl IntoView {
    view! { <InstanceOnly what="see every service account of the instance"><AccountsTable/></InstanceOnly> }
}

#[component]
fn AccountsTable() -> impl IntoView {
    let tenant = use_tenant();
    let (query, set_query) = use_list_query();
    let accounts = LocalResource::new(move || {
        let query = query.get();
        async move { api::service_accounts::list(&query).await }
    });
    let columns = vec![
        Column::new("Name", move |a: &ServiceAccountDetail| {
            let id = a.id.clone().unwrap_or_default();
            let link = href(&routes::instance_service_account(
                &tenant.get_untracked(),
                &id,
            ));
            view! { <a href=link>{a.label().to_owned()}</a> }.into_any()
        })
        .sortable("name"),
        Column::new("Tenants", |a: &ServiceAccountDetail| {
            let names: Vec<String> = a
                .tenants
                .iter()
                .map(|t| t.name.clone().or(t.id.clone()).unwrap_or_default())
                .collect();
            match names.is_empty() {
                true => view! { <span class="muted">"None"</span> }.into_any(),
                false => view! { <span>{names.join(", ")}</span> }.into_any(),
            }
        }),
        Column::new("Description", |a: &ServiceAccountDetail| {
            view! { <span class="muted">{a.description.clone().unwrap_or_default()}</span> }
                .into_any()
        }),
        Column::new("Instance owner", |a: &ServiceAccountDetail| {
            view! { <span>{if a.super_admin { "Yes" } else { "" }}</span> }.into_any()
        }),
    ];
    view! {
        <section>
            <header class="page-header"><h1>"Service accounts of the instance"</h1></header>
            <p class="muted">"Every service account of this Kestra instance, including those no tenant uses any more."</p>
            <DataTable noun="service accounts" one="service account" columns=columns
                page=Signal::derive(move || accounts.get()) query=query on_query=set_query
                row_key=|a: &ServiceAccountDetail| a.id.clone().unwrap_or_default()/>
        </section>
    }
}
