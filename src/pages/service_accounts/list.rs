//! `/ui/<tenant>/admin/service-accounts`: search and page through service accounts (all of
//! them for instance owners, the tenant's for tenant admins).

use kestra_model::{Action, Resource, ServiceAccountDetail};
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// The service accounts.
#[component]
pub fn ServiceAccountList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let (query, set_query) = use_list_query();
    let accounts = LocalResource::new(move || {
        let (tenant, query, owner) = (tenant.get(), query.get(), session.instance_owner());
        async move {
            if owner {
                api::service_accounts::list(&query).await
            } else {
                // The tenant view's rows name the account `username`.
                let mut query = query;
                for (field, _) in &mut query.sort {
                    if field == "name" {
                        *field = "username".into();
                    }
                }
                api::service_accounts::list_in_tenant(&tenant, &query).await
            }
        }
    });
    let columns = vec![
        Column::new("Name", move |a: &ServiceAccountDetail| {
            let link = href(&routes::service_account(
                &tenant.get_untracked(),
                &a.id.clone().unwrap_or_default(),
            ));
            view! { <a href=link>{a.label().to_owned()}</a> }.into_any()
        })
        .sortable("name"),
        Column::new("Description", |a: &ServiceAccountDetail| {
            view! { <span class="muted">{a.description.clone().unwrap_or_default()}</span> }
                .into_any()
        }),
        Column::new("Instance owner", |a: &ServiceAccountDetail| {
            view! { <span>{if a.super_admin { "Yes" } else { "" }}</span> }.into_any()
        }),
    ];
    let create = move || href(&routes::service_account_new(&tenant.get()));
    // Shown unless the server says the user may not (against real Kestra, its 403 decides).
    let may_create =
        move || session.may(&tenant.get(), Resource::ServiceAccount, Action::Create) != Some(false);
    view! {
        <section>
            <header class="page-header">
                <h1>"Service accounts"</h1>
                <Show when=may_create>
                    <a class="button primary" href=create>"Create service account"</a>
                </Show>
            </header>
            <DataTable noun="service accounts" one="service account" columns=columns
                page=Signal::derive(move || accounts.get()) query=query on_query=set_query
                row_key=|a: &ServiceAccountDetail| a.id.clone().unwrap_or_default()
                empty_action=move || view! { <a class="button" href=create>"Create the first service account"</a> }/>
        </section>
    }
}
