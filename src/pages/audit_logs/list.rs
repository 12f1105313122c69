//! `/ui/<tenant>/admin/audit-logs` (the tenant's trail) and `/ui/<tenant>/admin/instance/audit-logs`
//! (every tenant's and the instance's, for instance owners): who changed what and when, newest
//! first, filtered by who, action, resource type, resource id and dates (all kept in the URL),
//! and exported as CSV with the same filters.

use kestra_model::{AuditableAction, PagedResults, Resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::audit_logs::{AuditFilter, Trail};
use crate::api::query::ListQuery;
use crate::components::data_table::{Column, DataTable};
use crate::components::local_time::{LocalTime, day_bound};
use crate::components::owners_only::OwnersOnly;
use crate::components::toasts::use_toasts;
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::user_choices;
use crate::hooks::download::save_text;
use crate::hooks::list_query::{from_params, use_filtered_navigation};
use crate::routes::{AuditQuery, href, use_tenant};
use crate::sections::audit::{Entry, WhatChanged, Who, may_read, name_resources};
use crate::session::use_session;

/// The current tenant's audit trail.
#[component]
pub fn AuditLogList() -> impl IntoView {
    view! { <AuditLogs instance=false/> }
}

/// The instance-wide audit trail.
#[component]
pub fn InstanceAuditLogList() -> impl IntoView {
    view! { <AuditLogs instance=true/> }
}

/// The actions a person filters on.
const ACTIONS: [AuditableAction; 5] = [
    AuditableAction::Create,
    AuditableAction::Update,
    AuditableAction::Delete,
    AuditableAction::Login,
    AuditableAction::LoginFailure,
];

/// The kinds of resource the console administers, offered as a filter.
const RESOURCES: [Resource; 9] = [
    Resource::Role,
    Resource::Group,
    Resource::Binding,
    Resource::User,
    Resource::ServiceAccount,
    Resource::TenantAccess,
    Resource::Invitation,
    Resource::Namespace,
    Resource::Tenant,
];

/// The URL's filters as the API takes them; dates are the viewer's local days.
fn api_filter(query: &AuditQuery) -> AuditFilter {
    AuditFilter {
        user_id: query.user.clone(),
        action: query.action.as_deref().and_then(AuditableAction::parse),
        resources: query
            .resource
            .as_deref()
            .and_then(|r| r.parse().ok())
            .into_iter()
            .collect(),
        id: query.id.clone(),
        start: query.from.as_deref().and_then(|d| day_bound(d, false)),
        end: query.to.as_deref().and_then(|d| day_bound(d, true)),
    }
}

#[component]
fn AuditLogs(instance: bool) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let toasts = use_toasts();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| from_params(|name| p.get(name))));
    let filter = Memo::new(move |_| params.with(|p| AuditQuery::from_params(|name| p.get(name))));
    let navigate = use_filtered_navigation();
    let go = move |query: ListQuery, filter: AuditQuery| navigate.run((query, filter.params()));
    // A changed filter starts again from the first page.
    let go_filter = move |change: &dyn Fn(&mut AuditQuery)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        let first = ListQuery {
            page: 1,
            ..query.get_untracked()
        };
        go(first, next);
    };
    let on_query = Callback::new(move |q: ListQuery| go(q, filter.get_untracked()));
    let on_clear = Callback::new(move |()| {
        go(
            ListQuery {
                page: 1,
                ..query.get_untracked()
            },
            AuditQuery::default(),
        )
    });

    let logs = LocalResource::new(move || {
        let (tenant, query, filter) = (tenant.get(), query.get(), filter.get());
        async move {
            let trail = if instance {
                Trail::Instance
            } else {
                Trail::Tenant(&tenant)
            };
            let page = api::audit_logs::search(trail, query.page, query.size, &api_filter(&filter))
                .await?;
            let mut results = Entry::all(&page.results);
            name_resources(&tenant, &mut results).await;
            Ok::<_, api::ApiError>(PagedResults {
                results,
                total: page.total,
            })
        }
    });

    let export = Action::new_local(move |(): &()| {
        let (tenant, filter) = (tenant.get_untracked(), filter.get_untracked());
        async move {
            let trail = if instance {
                Trail::Instance
            } else {
                Trail::Tenant(&tenant)
            };
            let csv = api::audit_logs::export(trail, &api_filter(&filter)).await;
            let name = if instance {
                "audit-logs-instance.csv".to_string()
            } else {
                format!("audit-logs-{tenant}.csv")
            };
            match csv {
                Ok(csv) => save_text(&name, "text/csv", &csv),
                Err(error) => Err(error.user_message()),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Err(message)) = export.value().get() {
            toasts.error(format!("Could not export the audit logs: {message}"));
        }
    });

    let user_text = RwSignal::new(String::new());
    let users = user_choices(tenant, user_text);
    let picked_user = RwSignal::new(None::<String>);
    let on_user = Callback::new(move |choice: Choice| {
        picked_user.set(Some(choice.label));
        go_filter(&|f| f.user = Some(choice.id.clone()));
    });

    let frame = move || tenant.get_untracked();
    let columns = move || {
        let mut columns = vec![
            Column::new("When", move |e: &Entry| {
                let trail = if instance {
                    Trail::Instance
                } else {
                    Trail::Tenant("")
                };
                let link = href(&e.link(&frame(), trail));
                view! { <a href=link class="when"><LocalTime iso=e.log.date.clone()/></a> }
                    .into_any()
            }),
            Column::new("Who", move |e: &Entry| {
                view! { <span class="who"><Who entry=e.clone() frame=frame()/></span> }.into_any()
            }),
            Column::new("Action", |e: &Entry| {
                view! { <span class="nowrap">{e.log.action.label()}</span> }.into_any()
            }),
            Column::new("Resource", move |e: &Entry| {
                view! { <WhatChanged entry=e.clone() frame=frame()/> }.into_any()
            }),
            Column::new("Change", |e: &Entry| {
                view! { <span>{e.summary.clone()}</span> }.into_any()
            }),
        ];
        if instance {
            columns.insert(
                1,
                Column::new("Tenant", |e: &Entry| {
                    let instance_level = e.log.tenant_id.is_none();
                    let tenant = e.log.tenant_id.clone().unwrap_or_else(|| "instance".into());
                    view! { <span class="nowrap" class:muted=instance_level>{tenant}</span> }
                        .into_any()
                }),
            );
        }
        columns
    };
    let title = if instance {
        "Audit logs of the instance"
    } else {
        "Audit logs"
    };
    let allowed = move || may_read(session, &tenant.get(), instance);
    let select =
        move |ev: leptos::ev::Event| Some(event_target_value(&ev)).filter(|v| !v.is_empty());

    view! {
        <section>
            <header class="page-header">
                <h1>{title}</h1>
                <Show when=allowed>
                    <button type="button" disabled=move || export.pending().get()
                        on:click=move |_| { export.dispatch(()); }>
                        {move || if export.pending().get() { "Exporting…" } else { "Export CSV" }}
                    </button>
                </Show>
            </header>
            <Show when=allowed fallback=move || view! {
                {instance.then(|| view! { <OwnersOnly/> })}
                {(!instance).then(|| view! { <p class="muted" role="note">"You may not read this tenant's audit logs."</p> })}
            }>
            <div class="filters" role="group" aria-label="Filters">
                {move || match filter.get().user {
                    Some(id) => view! {
                        <span class="chip">
                            {format!("Who: {}", picked_user.get().unwrap_or(id))}
                            <button type="button" class="ghost" aria-label="Clear the who filter"
                                on:click=move |_| { picked_user.set(None); go_filter(&|f| f.user = None); }>"×"</button>
                        </span>
                    }.into_any(),
                    // The visible word matches the box's accessible name, which TypeAhead sets.
                    None => view! {
                        <div class="field inline">
                            <span class="label" aria-hidden="true">"Who"</span>
                            <TypeAhead label="Who" text=user_text options=users on_pick=on_user placeholder="Name or email…"/>
                        </div>
                    }.into_any(),
                }}
                <label class="field inline">
                    <span class="label">"Action"</span>
                    <select on:change=move |ev| { let v = select(ev); go_filter(&|f| f.action = v.clone()); }>
                        <option value="" selected=move || filter.get().action.is_none()>"Any"</option>
                        {ACTIONS.into_iter().map(|a| view! {
                            <option value=a.as_str() selected=move || filter.get().action.as_deref() == Some(a.as_str())>{a.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field inline">
                    <span class="label">"Resource type"</span>
                    <select on:change=move |ev| { let v = select(ev); go_filter(&|f| f.resource = v.clone()); }>
                        <option value="" selected=move || filter.get().resource.is_none()>"Any"</option>
                        {RESOURCES.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || filter.get().resource.as_deref() == Some(r.as_str())>
                                {capitalized(&kestra_model::audit_diff::noun(r))}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field inline">
                    <span class="label">"Resource id"</span>
                    <input type="search" prop:value=move || filter.get().id.unwrap_or_default()
                        on:change=move |ev| { let v = select(ev).map(|v| v.trim().to_string()); go_filter(&|f| f.id = v.clone()); }/>
                </label>
                <label class="field inline">
                    <span class="label">"From"</span>
                    <input type="date" prop:value=move || filter.get().from.unwrap_or_default()
                        on:change=move |ev| { let v = select(ev); go_filter(&|f| f.from = v.clone()); }/>
                </label>
                <label class="field inline">
                    <span class="label">"To"</span>
                    <input type="date" prop:value=move || filter.get().to.unwrap_or_default()
                        on:change=move |ev| { let v = select(ev); go_filter(&|f| f.to = v.clone()); }/>
                </label>
                <Show when=move || !filter.get().is_empty()>
                    <button type="button" on:click=move |_| { picked_user.set(None); on_clear.run(()); }>"Clear filters"</button>
                </Show>
            </div>
            <div class="audit-table">
            <DataTable noun="audit logs" one="audit log" columns=columns()
                page=Signal::derive(move || logs.get())
                query=query on_query=on_query row_key=|e: &Entry| e.log.id.clone()
                no_search=true filtered=Signal::derive(move || !filter.get().is_empty())
                on_clear_filters=on_clear/>
            </div>
            </Show>
        </section>
    }
}

/// "service account" as a menu entry: "Service account".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
