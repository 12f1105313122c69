//! `/ui/<tenant>/admin/instance/people`: every person of the instance, searched, sorted and
//! paged by the server, with the tenants each may use.

use kestra_model::UserSummary;
use kestra_model::users::shown_name;
use leptos::prelude::*;

use crate::api;
use crate::components::data_table::{Column, DataTable};
use crate::components::instance_only::InstanceOnly;
use crate::hooks::list_query::use_list_query;
use crate::routes::{self, href, use_tenant};

/// The people of the instance.
#[component]
pub fn InstancePeople() -> impl IntoView {
    view! { <InstanceOnly what="see every person of the instance"><PeopleTable/></InstanceOnly> }
}

#[component]
fn PeopleTable() -> impl IntoView {
    let tenant = use_tenant();
    let (query, set_query) = use_list_query();
    let people = LocalResource::new(move || {
        let query = query.get();
        async move { api::users::list(&query).await }
    });
    let columns = vec![
        Column::new("Name", move |u: &UserSummary| {
            let id = u.id.clone().unwrap_or_default();
            let link = href(&routes::instance_person(&tenant.get_untracked(), &id));
            let name = shown_name(u.display_name.as_deref(), u.username.as_deref());
            view! { <a href=link>{name}</a> }.into_any()
        }),
        Column::new("Email", |u: &UserSummary| {
            view! { <span>{u.username.clone().unwrap_or_default()}</span> }.into_any()
        })
        .sortable("username"),
        Column::new("Tenants", |u: &UserSummary| {
            let names: Vec<String> = u
                .tenants
                .iter()
                .map(|t| t.name.clone().or(t.id.clone()).unwrap_or_default())
                .collect();
            match names.is_empty() {
                true => view! { <span class="muted">"None"</span> }.into_any(),
                false => view! { <span>{names.join(", ")}</span> }.into_any(),
            }
        }),
        Column::new("Instance owner", |u: &UserSummary| {
            view! { <span>{if u.super_admin { "Yes" } else { "" }}</span> }.into_any()
        }),
        Column::new("Sign-in", |u: &UserSummary| {
            let kinds: Vec<String> = u.auths.iter().filter_map(|a| a.name.clone()).collect();
            let text = if kinds.is_empty() {
                "None yet".to_string()
            } else {
                kinds.join(", ")
            };
            view! { <span class="muted">{text}</span> }.into_any()
        }),
    ];
    let create = move || href(&routes::user_new(&tenant.get()));
    view! {
        <section>
            <header class="page-header">
                <h1>"People of the instance"</h1>
                <a class="button primary" href=create>"Create user"</a>
            </header>
            <p class="muted">"Everyone who can sign in to this Kestra instance, whichever tenants they may use."</p>
            <DataTable noun="people" one="person" columns=columns page=Signal::derive(move || people.get())
                query=query on_query=set_query row_key=|u: &UserSummary| u.id.clone().unwrap_or_default()/>
        </section>
    }
}
