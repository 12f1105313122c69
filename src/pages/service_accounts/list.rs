//! `/ui/<tenant>/admin/service-accounts`: search and page through service accounts (all of
//! them for instance owners, the tenant's for tenant admins), and select some to change many at
//! once.

use kestra_model::bulk::Subjects;
use kestra_model::{Action, PagedResults, Resource, ServiceAccountDetail};
use leptos::prelude::*;

use crate::api;
use crate::api::ApiError;
use crate::api::query::ListQuery;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::hooks::selection::use_selection;
use crate::routes::{self, href, use_tenant};
use crate::sections::bulk::BulkBar;
use crate::session::use_session;

/// The service accounts.
#[component]
pub fn ServiceAccountList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let (query, set_query) = use_list_query();
    let accounts = LocalResource::new(move || {
        let (tenant, query, owner) = (tenant.get(), query.get(), session.instance_owner());
        list(tenant, query, owner)
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
    let selection = use_selection(tenant);
    let may_give_role =
        move || session.may(&tenant.get(), Resource::Binding, Action::Create) != Some(false);
    let may_change_groups = move || session.may_manage_members(&tenant.get());
    let select_matching = Callback::new(move |()| {
        let (tenant, owner) = (tenant.get_untracked(), session.instance_owner());
        selection.select_all_matching(
            query.get_untracked(),
            move |query| list(tenant.clone(), query, owner),
            |a: &ServiceAccountDetail| Some((a.id.clone()?, account_label(a))),
        );
    });
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
            <BulkBar subjects=Subjects::ServiceAccounts selection=selection
                matching=Signal::derive(move || accounts.get().and_then(Result::ok).map(|p| p.total))
                on_select_matching=select_matching may_give_role=Signal::derive(may_give_role)
                may_change_groups=Signal::derive(may_change_groups)
                on_changed=Callback::new(move |()| accounts.refetch())/>
            <DataTable noun="service accounts" one="service account" columns=columns
                page=Signal::derive(move || accounts.get()) query=query on_query=set_query
                row_key=|a: &ServiceAccountDetail| a.id.clone().unwrap_or_default()
                selection=selection.selectable(account_label, Signal::derive(move || may_give_role() || may_change_groups()))
                empty_action=move || view! { <a class="button" href=create>"Create the first service account"</a> }/>
        </section>
    }
}

/// One page of service accounts: the instance view for instance owners (every account), the
/// tenant view for the others.
async fn list(
    tenant: String,
    mut query: ListQuery,
    owner: bool,
) -> Result<PagedResults<ServiceAccountDetail>, ApiError> {
    if owner {
        api::service_accounts::list(&query).await
    } else {
        // The tenant view's rows name the account `username`.
        for (field, _) in &mut query.sort {
            if field == "name" {
                *field = "username".into();
            }
        }
        api::service_accounts::list_in_tenant(&tenant, &query).await
    }
}

/// How the list and its checkboxes name an account.
fn account_label(a: &ServiceAccountDetail) -> String {
    a.label().to_owned()
}
