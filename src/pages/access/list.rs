//! `/ui/<tenant>/admin/access`: the tenant's bindings, filtered by subject type, subject,
//! namespace or role (all kept in the URL), with links to create one and to the effective
//! permissions view.

use kestra_model::{Action, Resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::query::ListQuery;
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::{group_choices, service_account_choices, user_choices};
use crate::hooks::list_query::{from_params, use_filtered_navigation};
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use crate::sections::bindings::{AccessFilter, BindingsTable, RoleHolders, SubjectKind};

/// The tenant's bindings.
#[component]
pub fn AccessList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| from_params(|name| p.get(name))));
    let filter = Memo::new(move |_| params.with(|p| AccessFilter::from_params(|name| p.get(name))));
    let navigate = use_filtered_navigation();
    let go = move |query: ListQuery, filter: AccessFilter| navigate.run((query, filter.params()));
    // A changed filter starts again from the first page.
    let go_filter = move |change: &dyn Fn(&mut AccessFilter)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        let first = ListQuery {
            page: 1,
            ..query.get_untracked()
        };
        go(first, next);
    };
    let on_query = Callback::new(move |q: ListQuery| go(q, filter.get_untracked()));

    let subject_text = RwSignal::new(String::new());
    let users = user_choices(tenant, subject_text);
    let groups = group_choices(tenant, subject_text);
    let accounts = service_account_choices(tenant, subject_text);
    let subject_options = Signal::derive(move || match filter.get().kind {
        Some(SubjectKind::Group) => groups.get(),
        Some(SubjectKind::ServiceAccount) => accounts.get(),
        _ => users.get(),
    });
    let picked_name = RwSignal::new(None::<String>);
    let on_subject = Callback::new(move |choice: Choice| {
        picked_name.set(Some(choice.label));
        go_filter(&|f| f.subject = Some(choice.id.clone()));
    });
    let may_create =
        move || session.may(&tenant.get(), Resource::Binding, Action::Create) != Some(false);
    // The role the list is narrowed to ("Who holds it" on a role), by its name.
    let role = LocalResource::new(move || {
        let (tenant, role) = (tenant.get(), filter.get().role);
        async move {
            let id = role?;
            let found = api::roles::get(&tenant, &id).await.ok().flatten();
            Some(found.and_then(|r| r.name).unwrap_or(id))
        }
    });
    let role_name = Signal::derive(move || role.get().flatten().unwrap_or_default());
    let create = move || {
        let f = filter.get();
        let subject = f.kind.zip(f.subject.as_deref());
        href(&routes::binding_new(
            &tenant.get(),
            subject.map(|(kind, id)| (kind.param(), id)),
        ))
    };

    view! {
        <section>
            <header class="page-header">
                <h1>"Access"</h1>
                <div class="header-actions">
                    <a class="button" href=move || href(&routes::effective(&tenant.get(), None))>"Effective permissions"</a>
                    <a class="button" href=move || href(&routes::access_export(&tenant.get(), None))>"Export"</a>
                    <a class="button" href=move || href(&routes::access_copy(&tenant.get(), None))>"Copy to another tenant"</a>
                <Show when=may_create>
                    <a class="button primary" href=create>"Give a role"</a>
                </Show>
                </div>
            </header>
            <div class="filters" role="group" aria-label="Filters">
                <label class="field inline">
                    <span class="label">"Subject type"</span>
                    <select aria-label="Subject type" on:change=move |ev| {
                        let kind = SubjectKind::from_param(&event_target_value(&ev));
                        go_filter(&|f| { f.kind = kind; f.subject = None; });
                    }>
                        <option value="" selected=move || filter.get().kind.is_none()>"Any"</option>
                        {SubjectKind::ALL.into_iter().map(|k| view! {
                            <option value=k.param() selected=move || filter.get().kind == Some(k)>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || match filter.get().subject {
                    Some(id) => {
                        view! {
                            <span class="chip">
                                {format!("Subject: {}", picked_name.get().unwrap_or(id))}
                                <button type="button" class="ghost" aria-label="Clear the subject filter"
                                    on:click=move |_| { picked_name.set(None); go_filter(&|f| f.subject = None); }>"×"</button>
                            </span>
                        }.into_any()
                    }
                    None => view! {
                        <TypeAhead label="Filter by subject" text=subject_text options=subject_options
                            on_pick=on_subject placeholder="Subject name…"/>
                    }.into_any(),
                }}
                <label class="field inline">
                    <span class="label">"Namespace"</span>
                    <input type="search" aria-label="Namespace" placeholder="e.g. company.team"
                        prop:value=move || filter.get().namespace.unwrap_or_default()
                        on:change=move |ev| {
                            let ns = Some(event_target_value(&ev).trim().to_string()).filter(|n| !n.is_empty());
                            go_filter(&|f| f.namespace = ns.clone());
                        }/>
                </label>
                {move || filter.get().role.map(|_| {
                    view! {
                        <span class="chip">{move || format!("Role: {}", role_name.get())}
                            <button type="button" class="ghost" aria-label="Clear the role filter"
                                on:click=move |_| go_filter(&|f| f.role = None)>"×"</button>
                        </span>
                    }
                })}
            </div>
            {move || filter.get().role.map(|id| view! {
                <RoleHolders role=id name=role_name/>
            })}
            <BindingsTable filter=filter query=query on_query=on_query
                empty_action=move || view! {
                    <Show when=may_create>
                        <a class="button" href=create>"Give the first role"</a>
                    </Show>
                }/>
        </section>
    }
}
