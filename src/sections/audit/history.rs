//! The History of one role, group, tenant, user or service account: its changes newest first,
//! each with its diff, and "Restore this version" where the console can write one back.

use std::collections::BTreeMap;

use kestra_model::{Action, AuditableAction, Resource};
use leptos::prelude::*;

use crate::api::audit_logs::{AuditFilter, Trail};
use crate::api::{self, ApiError};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::diff_view::DiffView;
use crate::components::load_state::{failed, loading};
use crate::components::local_time::{LocalTime, local};
use crate::hooks::submit::{could_not, use_confirmed};
use crate::routes::{self, AuditQuery, href, use_tenant};
use crate::session::use_session;

use super::restore::{self, restorable};
use super::{Entry, RawPatch, Who, may_read};

/// How many changes the History shows; the audit log page, filtered on the resource, has
/// the rest.
const HISTORY_SIZE: u32 = 100;

/// A resource's changes, newest first.
#[component]
pub fn History(
    /// What kind of resource it is.
    resource: Resource,
    /// Its id.
    #[prop(into)]
    id: Signal<String>,
    /// Read the instance-wide trail (tenants, and people for instance owners) rather than the
    /// current tenant's.
    #[prop(optional, into)]
    instance: Signal<bool>,
    /// Called once a restore wrote an old version back, so the page shows it; without it the
    /// History offers no restore.
    #[prop(optional)]
    on_restored: Option<Callback<()>>,
    /// Changes whenever the page saved the resource, so the History reads it again.
    #[prop(optional, into)]
    changed: Signal<u32>,
) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let history = LocalResource::new(move || {
        let (tenant, id, instance) = (tenant.get(), id.get(), instance.get());
        let (_, _) = (reload.get(), changed.get());
        async move {
            let filter = AuditFilter {
                id: Some(id),
                resources: vec![resource],
                ..Default::default()
            };
            let trail = if instance {
                Trail::Instance
            } else {
                Trail::Tenant(&tenant)
            };
            api::audit_logs::search(trail, 1, HISTORY_SIZE, &filter).await
        }
    });

    // A group's changes name its members by id: their names, former members' too.
    let member_names = LocalResource::new(move || {
        let (tenant, page) = (tenant.get(), history.get());
        async move {
            match page {
                Some(Ok(page)) => super::member_names(&tenant, &Entry::all(&page.results)).await,
                _ => BTreeMap::new(),
            }
        }
    });

    // The entry whose version the user asked to restore, and what restoring it would do.
    let chosen = RwSignal::new(None::<usize>);
    let open = RwSignal::new(false);
    let planned = LocalResource::new(move || {
        let (chosen, page, instance) = (chosen.get(), history.get(), instance.get());
        let (tenant, id) = (tenant.get_untracked(), id.get_untracked());
        async move {
            let index = chosen?;
            let Some(Ok(page)) = page else {
                return None;
            };
            let entries = Entry::all(&page.results);
            let complete = page.total as usize <= entries.len();
            let trail = if instance {
                Trail::Instance
            } else {
                Trail::Tenant(&tenant)
            };
            Some(restore::plan(&tenant, trail, resource, &id, &entries, index, complete).await)
        }
    });
    let ready = move || matches!(planned.get(), Some(Some(Ok(_))));
    let restore = use_confirmed(
        open,
        move |(): &()| {
            let plan = planned.get_untracked().flatten().and_then(Result::ok);
            let tenant = tenant.get_untracked();
            async move {
                match plan {
                    Some(plan) => restore::run(&tenant, &plan).await,
                    None => Err(ApiError::Network("the version is not read yet".into())),
                }
            }
        },
        move || {
            reload.update(|n| *n += 1);
            if let Some(done) = on_restored {
                done.run(());
            }
            "Version restored".into()
        },
        could_not("restore this version"),
    );
    let may_restore = move || {
        on_restored.is_some()
            && restorable(resource)
            && match resource {
                Resource::Tenant => session.instance_owner(),
                _ => session.may(&tenant.get(), resource, Action::Update) != Some(false),
            }
    };
    let chosen_date = move || {
        let index = chosen.get()?;
        let page = history.get()?.ok()?;
        let entry = Entry::all(&page.results).into_iter().nth(index)?;
        Some(local(&entry.log.date))
    };
    let all_changes = move || {
        let filter = AuditQuery {
            resource: Some(resource.as_str().to_string()),
            id: Some(id.get()),
            ..Default::default()
        };
        match instance.get() {
            true => href(&routes::instance_audit_logs(&tenant.get(), &filter)),
            false => href(&routes::audit_logs(&tenant.get(), &filter)),
        }
    };

    let list = move || match history.get() {
        None => loading("Loading the history…"),
        Some(Err(error)) => failed(&error),
        Some(Ok(page)) => {
            let mut entries = Entry::all(&page.results);
            let names = member_names.get().unwrap_or_default();
            entries.iter_mut().for_each(|e| e.name_members(&names));
            if entries.is_empty() {
                return view! { <p class="muted">"No recorded changes."</p> }.into_any();
            }
            let shown = entries.len();
            let more = (page.total as usize > shown).then(|| {
                view! {
                    <p class="muted">
                        {format!("The newest {shown} of {} changes. ", page.total)}
                        <a href=all_changes>"All changes in the audit log"</a>
                    </p>
                }
            });
            let frame = tenant.get_untracked();
            let items = entries
                .into_iter()
                .enumerate()
                .map(|(index, entry)| {
                    let can_restore =
                        index > 0 && entry.log.action != AuditableAction::Delete && may_restore();
                    view! {
                        <li class="history-entry">
                            <p class="history-head">
                                <LocalTime iso=entry.log.date.clone()/>
                                " · "
                                <Who entry=entry.clone() frame=frame.clone()/>
                                " · "
                                <span class="summary">{entry.summary.clone()}</span>
                            </p>
                            <details open={index == 0}>
                                <summary>"What changed"</summary>
                                <DiffView diff=entry.diff.clone()/>
                                <RawPatch log=entry.log.clone()/>
                            </details>
                            {can_restore.then(|| view! {
                                <button type="button" on:click=move |_| {
                                    chosen.set(Some(index));
                                    open.set(true);
                                }>"Restore this version"</button>
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="history">{items}</ol> {more} }.into_any()
        }
    };

    view! {
        <Show when=move || may_read(session, &tenant.get(), instance.get())>
            <section class="card history-section" aria-labelledby="history-title">
                <h2 id="history-title">"History"</h2>
                {list}
            </section>
        </Show>
        <ConfirmDialog open=open
            title="Restore this version?"
            message=Signal::derive(move || format!(
                "This writes back the version of {} through the usual API; the restore is itself recorded. From now, it changes:",
                chosen_date().unwrap_or_default()
            ))
            confirm_label="Restore"
            pending=Signal::derive(move || restore.action.pending().get() || !ready())
            on_confirm=Callback::new(move |()| { restore.action.dispatch(()); })>
            {move || match planned.get() {
                None | Some(None) => view! { <p class="muted" role="status">"Comparing with now…"</p> }.into_any(),
                Some(Some(Err(error))) => view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any(),
                Some(Some(Ok(plan))) => view! { <DiffView diff=plan.diff().clone()/> }.into_any(),
            }}
        </ConfirmDialog>
    }
}
