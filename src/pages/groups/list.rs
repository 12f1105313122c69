//! `/ui/<tenant>/admin/groups`: search, page through and open the tenant's groups, and select
//! some to give them a role at once.

use kestra_model::bulk::Subjects;
use kestra_model::{Action, GroupSummary, Resource};
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::list_query::use_list_query;
use crate::hooks::selection::use_selection;
use crate::routes::{self, href, use_tenant};
use crate::sections::bulk::BulkBar;
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
    let selection = use_selection(tenant);
    let may_give_role =
        move || session.may(&tenant.get(), Resource::Binding, Action::Create) != Some(false);
    let select_matching = Callback::new(move |()| {
        let tenant = tenant.get_untracked();
        selection.select_all_matching(
            query.get_untracked(),
            move |query| {
                let tenant = tenant.clone();
                async move { api::groups::search(&tenant, &query).await }
            },
            |g: &GroupSummary| Some((g.id.clone(), group_label(g))),
        );
    });
    view! {
        <section>
            <header class="page-header">
                <h1>"Groups"</h1>
                <Show when=may_create>
                    <a class="button primary" href=create>"Create group"</a>
                </Show>
            </header>
            <BulkBar subjects=Subjects::Groups selection=selection
                matching=Signal::derive(move || groups.get().and_then(Result::ok).map(|p| p.total))
                on_select_matching=select_matching may_give_role=Signal::derive(may_give_role)
                on_changed=Callback::new(move |()| groups.refetch())/>
            <DataTable noun="groups" one="group" columns=columns page=Signal::derive(move || groups.get())
                query=query on_query=set_query row_key=|g: &GroupSummary| g.id.clone()
                selection=selection.selectable(group_label, Signal::derive(may_give_role))
                empty_action=move || may_create().then(|| view! { <a class="button" href=create>"Create the first group"</a> })/>
        </section>
    }
}

/// How the list and its checkboxes name a group.
fn group_label(g: &GroupSummary) -> String {
    g.name.clone()
}
