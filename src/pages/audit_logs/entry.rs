//! `/ui/<tenant>/admin/audit-logs/<id>?at=<date>` (and its instance-wide twin): one change,
//! who made it and when, and its diff field by field.
//!
//! Kestra's document has no way to read one log by its id, so the link carries the log's
//! date and the page searches that second of the trail for it: a reload or a shared link
//! shows the same entry.

use kestra_model::Resource;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::audit_logs::{AuditFilter, Trail};
use crate::components::detail_states::DetailStates;
use crate::components::diff_view::DiffView;
use crate::components::local_time::LocalTime;
use crate::routes::{self, AuditQuery, href, use_item_id, use_tenant};
use crate::sections::audit::{Entry, PutBack, RawPatch, WhatChanged, Who, name_resources};

/// One entry of the tenant's trail.
#[component]
pub fn AuditLogEntryPage() -> impl IntoView {
    view! { <EntryPage instance=false/> }
}

/// One entry of the instance-wide trail.
#[component]
pub fn InstanceAuditLogEntryPage() -> impl IntoView {
    view! { <EntryPage instance=true/> }
}

/// How many logs of one second the page looks through for its entry.
const SAME_SECOND: u32 = 100;

#[component]
fn EntryPage(instance: bool) -> impl IntoView {
    let tenant = use_tenant();
    let id = use_item_id();
    let params = use_query_map();
    let at = Memo::new(move |_| params.with(|p| p.get("at")));
    let found = LocalResource::new(move || {
        let (tenant, id, at) = (tenant.get(), id.get(), at.get());
        async move {
            let trail = if instance {
                Trail::Instance
            } else {
                Trail::Tenant(&tenant)
            };
            let filter = AuditFilter {
                start: at.clone(),
                end: at,
                ..Default::default()
            };
            let page = api::audit_logs::search(trail, 1, SAME_SECOND, &filter).await?;
            let mut found: Vec<Entry> = Entry::all(&page.results)
                .into_iter()
                .filter(|e| e.log.id == id)
                .collect();
            name_resources(&tenant, &mut found).await;
            Ok::<_, api::ApiError>(found.pop())
        }
    });
    let back = move || {
        let list = if instance {
            routes::instance_audit_logs(&tenant.get(), &AuditQuery::default())
        } else {
            routes::audit_logs(&tenant.get(), &AuditQuery::default())
        };
        href(&list)
    };
    view! {
        <section>
            <DetailStates item=Signal::derive(move || found.get()) noun="audit log entry"
                why_missing="It may be older than the trail keeps, or the link lost its date."
                back=Signal::derive(back) back_label="audit logs"
                render=move |entry| view! { <EntryView entry=entry instance=instance/> }.into_any()/>
        </section>
    }
}

/// The entry: its facts, its diff, its raw patches.
#[component]
fn EntryView(entry: Entry, instance: bool) -> impl IntoView {
    let tenant = use_tenant();
    let frame = tenant.get_untracked();
    let log = entry.log.clone();
    let history = log.detail.id.clone().map(|id| {
        let filter = AuditQuery {
            resource: Some(log.detail.kind())
                .filter(|r| *r != Resource::Unknown)
                .map(|r| r.as_str().to_string()),
            id: Some(id),
            ..Default::default()
        };
        if instance {
            href(&routes::instance_audit_logs(&frame, &filter))
        } else {
            href(&routes::audit_logs(&frame, &filter))
        }
    });
    let summary = entry.summary.clone();
    let heading = {
        let mut chars = summary.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    view! {
        <header class="page-header"><h1>{heading}</h1></header>
        <dl class="facts card facts-card">
            <dt>"When"</dt><dd><LocalTime iso=log.date.clone()/></dd>
            <dt>"Who"</dt><dd><Who entry=entry.clone() frame=frame.clone()/></dd>
            <dt>"Action"</dt><dd>{log.action.label()}</dd>
            <dt>"Resource"</dt><dd><WhatChanged entry=entry.clone() frame=frame.clone()/></dd>
            {instance.then(|| view! {
                <dt>"Tenant"</dt><dd>{log.tenant_id.clone().unwrap_or_else(|| "instance".into())}</dd>
            })}
            {log.ip_address.clone().map(|ip| view! { <dt>"From address"</dt><dd><code>{ip}</code></dd> })}
            {log.impersonated_by.clone().map(|by| view! { <dt>"Impersonated by"</dt><dd>{by}</dd> })}
        </dl>
        <PutBack entry=entry.clone() tenant=log.tenant_id.clone().unwrap_or(frame.clone())/>
        <section class="card diff-card" aria-labelledby="diff-title">
            <h2 id="diff-title">"What changed"</h2>
            <DiffView diff=entry.diff.clone()/>
            <RawPatch log=log.clone()/>
        </section>
        {history.map(|link| view! {
            <p><a href=link>"Every change of this resource"</a></p>
        })}
    }
}
