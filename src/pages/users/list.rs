//! `/ui/<tenant>/admin/users`: search and page through the people who may use the tenant,
//! grant access by email, (instance owners) create a user, and select people to change many at
//! once.

use kestra_model::bulk::Subjects;
use kestra_model::users::shown_name;
use kestra_model::{Action, Resource, UserTenantAccess};
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::hooks::selection::use_selection;
use crate::routes::{self, href, use_tenant};
use crate::sections::bulk::BulkBar;
use crate::session::use_session;

use super::grant::GrantAccess;

/// The tenant's users.
#[component]
pub fn UserList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let (query, set_query) = use_list_query();
    let users = LocalResource::new(move || {
        let (tenant, query) = (tenant.get(), query.get());
        async move { api::tenant_access::list(&tenant, &query).await }
    });
    let columns = vec![
        Column::new("Name", move |u: &UserTenantAccess| {
            let id = u.id.clone().unwrap_or_default();
            let link = href(&routes::user(&tenant.get_untracked(), &id));
            let name = shown_name(u.display_name.as_deref(), u.username.as_deref());
            view! { <a href=link>{name}</a> }.into_any()
        })
        .sortable("displayName"),
        Column::new("Email", |u: &UserTenantAccess| {
            view! { <span>{u.username.clone().unwrap_or_default()}</span> }.into_any()
        })
        .sortable("username"),
        Column::new("Groups", |u: &UserTenantAccess| {
            let names: Vec<String> = u.groups.iter().filter_map(|g| g.name.clone()).collect();
            view! { <span class="muted">{names.join(", ")}</span> }.into_any()
        }),
        Column::new("Sign-in", |u: &UserTenantAccess| {
            let kinds: Vec<String> = u.auths.iter().filter_map(|a| a.name.clone()).collect();
            let text = if kinds.is_empty() {
                "None yet".to_string()
            } else {
                kinds.join(", ")
            };
            view! { <span class="muted">{text}</span> }.into_any()
        }),
    ];
    let selection = use_selection(tenant);
    let may_give_role =
        move || session.may(&tenant.get(), Resource::Binding, Action::Create) != Some(false);
    let may_change_groups = move || session.may_manage_members(&tenant.get());
    let may_remove_access =
        move || session.may(&tenant.get(), Resource::TenantAccess, Action::Delete) != Some(false);
    let may_change = move || may_give_role() || may_change_groups() || may_remove_access();
    let select_matching = Callback::new(move |()| {
        let tenant = tenant.get_untracked();
        selection.select_all_matching(
            query.get_untracked(),
            move |query| {
                let tenant = tenant.clone();
                async move { api::tenant_access::list(&tenant, &query).await }
            },
            |u: &UserTenantAccess| Some((u.id.clone()?, person_label(u))),
        );
    });
    let create = move || href(&routes::user_new(&tenant.get()));
    let may_create = move || session.instance_owner();
    let may_grant =
        move || session.may(&tenant.get(), Resource::TenantAccess, Action::Create) != Some(false);
    view! {
        <section>
            <header class="page-header">
                <h1>"Users"</h1>
                <Show when=may_create>
                    <a class="button primary" href=create>"Create user"</a>
                </Show>
            </header>
            <Show when=may_grant>
                <GrantAccess on_granted=Callback::new(move |()| users.refetch())/>
            </Show>
            <BulkBar subjects=Subjects::People selection=selection
                matching=Signal::derive(move || users.get().and_then(Result::ok).map(|p| p.total))
                on_select_matching=select_matching may_give_role=Signal::derive(may_give_role)
                may_change_groups=Signal::derive(may_change_groups)
                may_remove_access=Signal::derive(may_remove_access)
                on_changed=Callback::new(move |()| users.refetch())/>
            <DataTable noun="users" one="user" columns=columns page=Signal::derive(move || users.get())
                query=query on_query=set_query row_key=|u: &UserTenantAccess| u.id.clone().unwrap_or_default()
                selection=selection.selectable(person_label, Signal::derive(may_change))/>
        </section>
    }
}

/// How the list and its checkboxes name a person.
fn person_label(u: &UserTenantAccess) -> String {
    shown_name(u.display_name.as_deref(), u.username.as_deref())
}
