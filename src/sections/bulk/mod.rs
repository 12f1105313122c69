//! Changes to many rows of a list at once (#16): the bar under a list's heading once rows are
//! selected, with "select all N matching", the changes the user may make (give a role, add to
//! or remove from a group, remove access to the tenant), one confirmation naming exactly what
//! happens, and the outcome. A role goes to all of them in one all-or-nothing request
//! (`POST /{tenant}/bindings/bulk`); the rest have no bulk endpoint, so `run.rs` sends them a
//! few at a time under a progress bar and lists who failed and why, with a retry.
//!
//! What a change is and how it is described is `kestra_model::bulk`; the selection itself is
//! `hooks::selection`.

mod run;

use kestra_model::bulk::{self, BulkChange, Outcome, Subjects};
use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::toasts::use_toasts;
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::{group_choices, role_choices};
use crate::hooks::selection::Selection;
use crate::routes::use_tenant;

/// The change being prepared: which picker the bar shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    Role,
    AddToGroup,
    RemoveFromGroup,
}

/// The bulk changes bar of a list; shown while rows are selected or a change reports.
#[component]
pub fn BulkBar(
    /// What the list's rows are.
    subjects: Subjects,
    /// The list's selection.
    selection: Selection,
    /// How many rows the list's current search matches (its `total`), once known.
    #[prop(into)]
    matching: Signal<Option<u64>>,
    /// Selects every row the current search matches (the page reads them with its query).
    on_select_matching: Callback<()>,
    /// Whether the user may give roles.
    #[prop(optional, into)]
    may_give_role: Signal<bool>,
    /// Whether the user may add people to groups and remove them.
    #[prop(optional, into)]
    may_change_groups: Signal<bool>,
    /// Whether the user may take away access to the tenant.
    #[prop(optional, into)]
    may_remove_access: Signal<bool>,
    /// Called after a change, so the list shows it.
    on_changed: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let toasts = use_toasts();
    let panel = RwSignal::new(None::<Panel>);
    let picked = RwSignal::new(None::<Choice>);
    let text = RwSignal::new(String::new());
    let namespaces = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<String>);
    let roles = role_choices(tenant, text);
    let groups = group_choices(tenant, text);

    // What the confirmation asks about, and for whom.
    let asked = RwSignal::new(None::<(BulkChange, Vec<(String, String)>)>);
    let confirming = RwSignal::new(false);
    // While a change runs: (done, of).
    let progress = RwSignal::new(None::<(usize, usize)>);
    // The last one-by-one change's outcome, or an all-or-nothing change's refusal.
    let outcome = RwSignal::new(None::<(BulkChange, Outcome)>);
    let refused = RwSignal::new(None::<(BulkChange, Vec<(String, String)>, String)>);

    let open = move |which: Panel| {
        let again = panel.get_untracked() == Some(which);
        panel.set((!again).then_some(which));
        picked.set(None);
        text.set(String::new());
        form_error.set(None);
    };
    let ask = move |change: BulkChange, items: Vec<(String, String)>| {
        asked.set(Some((change, items)));
        confirming.set(true);
    };
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(which) = panel.get_untracked() else {
            return;
        };
        let Some(choice) = picked.get_untracked() else {
            form_error.set(Some(match which {
                Panel::Role => "Pick a role.".into(),
                _ => "Pick a group.".into(),
            }));
            return;
        };
        let change = match which {
            Panel::Role => match bulk::parse_namespaces(&namespaces.get_untracked()) {
                Ok(namespaces) => BulkChange::GiveRole {
                    role_id: choice.id,
                    role_name: choice.label,
                    namespaces,
                },
                Err(message) => {
                    form_error.set(Some(message));
                    return;
                }
            },
            Panel::AddToGroup => BulkChange::AddToGroup {
                group_id: choice.id,
                group_name: choice.label,
            },
            Panel::RemoveFromGroup => BulkChange::RemoveFromGroup {
                group_id: choice.id,
                group_name: choice.label,
            },
        };
        form_error.set(None);
        ask(change, selection.items());
    };

    let start = move |change: BulkChange, items: Vec<(String, String)>| {
        let tenant = tenant.get_untracked();
        outcome.set(None);
        refused.set(None);
        progress.set(Some((0, items.len())));
        leptos::task::spawn_local(async move {
            let ids: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
            if change.is_all_or_nothing() {
                match run::all_at_once(&tenant, subjects, &change, &ids).await {
                    Ok(()) => {
                        toasts.success(format!("{}.", change.done(subjects, ids.len())));
                        selection.remove(&ids);
                        panel.set(None);
                    }
                    Err(reason) => refused.set(Some((change, items, reason))),
                }
            } else {
                let done = run::one_by_one(&tenant, subjects, &change, items, progress).await;
                selection.remove(&done.succeeded);
                // The picker closes either way: what is left to do is in the outcome.
                panel.set(None);
                if done.failed.is_empty() {
                    toasts.success(done.summary(&change, subjects));
                } else {
                    outcome.set(Some((change, done)));
                }
            }
            progress.set(None);
            on_changed.run(());
        });
    };

    let shown = move || {
        selection.count() > 0
            || progress.with(Option::is_some)
            || outcome.with(Option::is_some)
            || refused.with(Option::is_some)
            || selection.gathering.with(Option::is_some)
    };
    let count_text = move || match selection.gathering.get() {
        Some((read, of)) if of > 0 => format!("Selecting all {of} matching… {read} so far"),
        Some(_) => "Selecting all matching…".to_string(),
        None => format!("{} selected", subjects.count(selection.count())),
    };
    let more_matching = move || {
        matching.get().filter(|n| {
            *n as usize > selection.count() && selection.gathering.with(Option::is_none)
        })
    };
    let idle = move || progress.with(Option::is_none);
    let has_any = move || selection.count() > 0;
    let action_button = move |which: Panel, label: &'static str| {
        view! {
            <button type="button" aria-expanded=move || (panel.get() == Some(which)).to_string()
                disabled=move || !idle() on:click=move |_| open(which)>{label}</button>
        }
    };
    let remove_access = move |_| {
        panel.set(None);
        let change = BulkChange::RemoveAccess {
            tenant: tenant.get_untracked(),
        };
        ask(change, selection.items());
    };
    let asked_sentence = move || {
        asked.with(|a| {
            a.as_ref()
                .map(|(change, items)| change.sentence(subjects, items.len()))
                .unwrap_or_default()
        })
    };

    view! {
        <Show when=shown>
            <section class="bulk-bar" aria-label="Bulk changes">
                <div class="bulk-selection">
                    <span class="count" role="status">{count_text}</span>
                    {move || more_matching().map(|n| view! {
                        <button type="button" class="link" on:click=move |_| on_select_matching.run(())>
                            {format!("Select all {n} matching")}
                        </button>
                    })}
                    <Show when=move || has_any() && idle()>
                        <button type="button" class="link" on:click=move |_| {
                            selection.clear();
                            panel.set(None);
                            outcome.set(None);
                            refused.set(None);
                        }>"Clear selection"</button>
                    </Show>
                    {move || selection.gather_error.get().map(|e| view! {
                        <span class="error" role="alert">{format!("Could not select them all: {e}")}</span>
                    })}
                </div>
                <Show when=has_any>
                    <div class="bulk-actions" role="group" aria-label="Change the selected">
                        <Show when=move || may_give_role.get()>{action_button(Panel::Role, "Give a role")}</Show>
                        <Show when=move || may_change_groups.get() && subjects != Subjects::Groups>
                            {action_button(Panel::AddToGroup, "Add to group")}
                            {action_button(Panel::RemoveFromGroup, "Remove from group")}
                        </Show>
                        <Show when=move || may_remove_access.get() && subjects == Subjects::People>
                            <button type="button" class="danger" disabled=move || !idle() on:click=remove_access>"Remove access"</button>
                        </Show>
                    </div>
                </Show>
                {move || panel.get().filter(|_| selection.count() > 0).map(|which| {
                    let (label, placeholder, options) = match which {
                        Panel::Role => ("Role", "Type a role name…", roles),
                        _ => ("Group", "Type a group name…", groups),
                    };
                    view! {
                        <form class="bulk-form" on:submit=review>
                            <div class="field">
                                <span class="label">{label}</span>
                                {move || picked.get().map(|choice| view! {
                                    <span class="chip">
                                        {choice.label.clone()}
                                        <button type="button" class="ghost" aria-label=format!("Change {}", label.to_lowercase())
                                            on:click=move |_| picked.set(None)>"×"</button>
                                    </span>
                                })}
                                <Show when=move || picked.with(Option::is_none)>
                                    <TypeAhead label=label text=text options=options placeholder=placeholder
                                        on_pick=Callback::new(move |c| { picked.set(Some(c)); form_error.set(None); })/>
                                </Show>
                            </div>
                            {(which == Panel::Role).then(|| view! {
                                <label class="field">
                                    <span class="label">"Namespaces"</span>
                                    <input type="text" bind:value=namespaces placeholder="Empty for the whole tenant; e.g. company.data, company.ops"/>
                                </label>
                            })}
                            {move || form_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                            <div class="actions">
                                <button type="button" on:click=move |_| panel.set(None)>"Cancel"</button>
                                <button type="submit" class="primary" disabled=move || !idle()>"Review the change"</button>
                            </div>
                        </form>
                    }
                })}
                {move || progress.get().map(|(done, of)| view! {
                    <div class="bulk-progress">
                        <progress max=of.to_string() value=done.to_string() aria-label="Progress of the change"></progress>
                        <span role="status">{format!("{done} of {of} done")}</span>
                    </div>
                })}
                {move || refused.get().map(|(change, items, reason)| {
                    let again = (change.clone(), items.clone());
                    view! {
                        <div class="alert error" role="alert">
                            {format!("Nothing was changed: {reason}")}
                            " "
                            <button type="button" disabled=move || !idle()
                                on:click=move |_| start(again.0.clone(), again.1.clone())>"Try again"</button>
                        </div>
                    }
                })}
                {move || outcome.get().map(|(change, done)| {
                    let summary = done.summary(&change, subjects);
                    let retry = done.retry();
                    view! {
                        <div class="bulk-outcome" aria-live="polite">
                            <p><strong>{summary}</strong></p>
                            <ul class="failures">
                                {done.failed.iter().map(|f| view! {
                                    <li><span>{f.label.clone()}</span>": "<span class="error">{f.reason.clone()}</span></li>
                                }).collect_view()}
                            </ul>
                            <div class="actions">
                                <button type="button" class="primary" disabled=move || !idle()
                                    on:click=move |_| start(change.clone(), retry.clone())>"Retry the failed ones"</button>
                                <button type="button" on:click=move |_| outcome.set(None)>"Dismiss"</button>
                            </div>
                        </div>
                    }
                })}
            </section>
        </Show>
        <ConfirmDialog open=confirming
            title=Signal::derive(move || format!("{}?", asked_sentence()))
            message=Signal::derive(move || asked.with(|a| a.as_ref().map(|(c, _)| c.consequence(subjects)).unwrap_or_default()))
            confirm_label=Signal::derive(move || asked.with(|a| a.as_ref().map(|(c, _)| c.verb().to_string()).unwrap_or_default()))
            pending=Signal::derive(move || progress.with(Option::is_some))
            on_confirm=Callback::new(move |()| {
                confirming.set(false);
                if let Some((change, items)) = asked.get_untracked() {
                    start(change, items);
                }
            })/>
    }
}
