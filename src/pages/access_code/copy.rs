//! `/ui/<tenant>/admin/access/copy?to=<tenant>`: copying this tenant's roles, groups with
//! their members, bindings and namespaces to another tenant the admin manages. The page
//! reads both tenants, shows what the copy would create, what is already there and what
//! conflicts (a same-named role granting otherwise, overwritten only if ticked), asks, then
//! carries the steps out under a progress bar and reports each one.

use kestra_model::access_code::{AccessSnapshot, CopyPlan, Verdict};
use kestra_model::{Action, Resource};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::load_state::{failed, loading};
use crate::routes::{self, href, use_tenant};
use crate::sections::access_code::{StepOutcome, read_snapshot, run_copy};
use crate::session::use_session;

/// Both tenants read, and the plan.
#[derive(Clone)]
struct Planned {
    plan: CopyPlan,
    there: AccessSnapshot,
    /// Lists the reading cut short, in either tenant.
    cut: Vec<String>,
}

/// The copy page.
#[component]
pub fn AccessCopy() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let params = use_query_map();
    let to = Memo::new(move |_| params.with(|p| p.get("to")).filter(|t| !t.is_empty()));
    let navigate = use_navigate();
    // The other tenants the admin could create roles in.
    let targets = Memo::new(move |_| {
        let here = tenant.get();
        session.me.with(|me| {
            me.iter()
                .flat_map(|me| me.tenants.iter())
                .filter(|t| t.id != here)
                .filter(|t| session.may(&t.id, Resource::Role, Action::Create) != Some(false))
                .map(|t| (t.id.clone(), t.label().to_string()))
                .collect::<Vec<_>>()
        })
    });
    let on_target = move |ev| {
        let value = event_target_value(&ev);
        let to = (!value.is_empty()).then_some(value);
        navigate(
            &routes::access_copy(&tenant.get_untracked(), to.as_deref()),
            Default::default(),
        );
    };
    let planned = LocalResource::new(move || {
        let (here, to) = (tenant.get(), to.get());
        async move {
            let Some(to) = to else { return Ok(None) };
            let (source, target) = futures::join!(read_snapshot(&here), read_snapshot(&to));
            let (source, target) = (source?, target?);
            let mut cut: Vec<String> = source.cut.iter().map(|c| format!("{here}: {c}")).collect();
            cut.extend(target.cut.iter().map(|c| format!("{to}: {c}")));
            Ok(Some(Planned {
                plan: CopyPlan::new(&source.access, &target.access),
                there: target.access,
                cut,
            }))
        }
    });

    view! {
        <section>
            <p><a href=move || href(&routes::access(&tenant.get(), &[]))>"← Access"</a></p>
            <header class="page-header"><h1>"Copy access to another tenant"</h1></header>
            <p class="muted">
                "Roles, groups with their members, bindings and namespaces of this tenant are "
                "created in the tenant you choose, matched by name. Nothing there is deleted; a role "
                "of the same name that grants other permissions is changed only if you tick it."
            </p>
            <label class="field">
                <span class="label">"Copy to"</span>
                <select on:change=on_target
                    prop:value=move || to.get().unwrap_or_default()>
                    <option value="">"Choose a tenant…"</option>
                    {move || targets.get().into_iter().map(|(id, label)| view! {
                        <option value=id.clone() selected=to.get().as_deref() == Some(id.as_str())>
                            {label}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            {move || (targets.get().is_empty() && session.me.with(Option::is_some)).then(|| view! {
                <p class="muted">"You manage no other tenant to copy to."</p>
            })}
            {move || match (to.get(), planned.get()) {
                (None, _) => ().into_any(),
                (Some(_), None) => loading("Reading both tenants…"),
                (Some(_), Some(Err(error))) => failed(&error),
                (Some(_), Some(Ok(None))) => ().into_any(),
                (Some(target), Some(Ok(Some(planned)))) =>
                    view! { <CopyPreview target=target planned=planned/> }.into_any(),
            }}
        </section>
    }
}

/// The plan, the choice of conflicts to overwrite, the run and its report.
#[component]
fn CopyPreview(target: String, planned: Planned) -> impl IntoView {
    let Planned { plan, there, cut } = planned;
    let (create, exists, conflicts) = plan.counts();
    let steps = plan.steps.len();
    let overwrite = RwSignal::new(vec![false; steps]);
    let outcomes = RwSignal::new(vec![None::<StepOutcome>; steps]);
    let running = RwSignal::new(false);
    let ran = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let chosen = move || overwrite.with(|o| o.iter().filter(|o| **o).count());
    let plan = StoredValue::new(plan);
    let there = StoredValue::new(there);
    let target_name = StoredValue::new(target.clone());

    let run = move |()| {
        confirm.set(false);
        running.set(true);
        outcomes.set(vec![None; steps]);
        leptos::task::spawn_local(async move {
            let ticked = overwrite.get_untracked();
            let (plan, there) = (plan.get_value(), there.get_value());
            run_copy(
                &target_name.get_value(),
                &plan,
                &there,
                &|i| ticked[i],
                &|i, outcome| outcomes.update(|o| o[i] = Some(outcome)),
            )
            .await;
            running.set(false);
            ran.set(true);
        });
    };
    let finished = move || outcomes.with(|o| o.iter().filter(|o| o.is_some()).count());
    let tally = move || {
        outcomes.with(|o| {
            let count = |f: fn(&StepOutcome) -> bool| o.iter().flatten().filter(|x| f(x)).count();
            (
                count(|x| *x == StepOutcome::Done),
                count(|x| matches!(x, StepOutcome::Skipped(_))),
                count(|x| matches!(x, StepOutcome::Failed(_))),
            )
        })
    };
    let left_out = plan.with_value(|p| p.left_out.clone());
    let rows = plan.with_value(|p| p.steps.clone());

    view! {
        <p>{format!(
            "{create} to create, {exists} already there, {conflicts} in conflict, in tenant {target}."
        )}</p>
        {(!cut.is_empty()).then(|| view! {
            <p class="alert" role="alert">
                "Only part of some lists was read, so the copy would not be complete: " {cut.join(", ")} "."
            </p>
        })}
        {(!left_out.is_empty()).then(|| view! {
            <div class="alert">
                <p>"Left out of the copy:"</p>
                <ul>{left_out.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="scroll-x">
            <table class="simple">
                <caption class="visually-hidden">"What the copy does"</caption>
                <thead><tr><th scope="col">"Item"</th><th scope="col">{format!("In {target}")}</th><th scope="col">"Outcome"</th></tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, step)| {
                        let summary = step.summary();
                        let there = match step.verdict {
                            Verdict::Create => view! { <span>"Missing: to be created"</span> }.into_any(),
                            Verdict::Exists => view! { <span class="muted">"Already there"</span> }.into_any(),
                            Verdict::Conflict(why) => view! {
                                <span class="conflict">{why}</span>
                                <label class="inline">
                                    <input type="checkbox" prop:checked=move || overwrite.with(|o| o[i])
                                        disabled=move || running.get() || ran.get()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            overwrite.update(|o| o[i] = on);
                                        }/>
                                    {format!("Overwrite {summary}")}
                                </label>
                            }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{summary.clone()}</td>
                                <td>{there}</td>
                                <td>{move || outcomes.with(|o| match &o[i] {
                                    None => String::new(),
                                    Some(StepOutcome::Done) => "Done".to_string(),
                                    Some(StepOutcome::Skipped(why)) => format!("Skipped: {why}"),
                                    Some(StepOutcome::Failed(why)) => format!("Failed: {why}"),
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Show when=move || running.get() || ran.get()>
            <progress max=steps value=finished aria-label="Copy progress"></progress>
        </Show>
        <p role="status">{move || {
            let (done, skipped, failed) = tally();
            if running.get() {
                format!("Copying: {} of {steps} steps…", finished())
            } else if ran.get() {
                format!("Copied: {done} done, {skipped} skipped, {failed} failed.")
            } else {
                String::new()
            }
        }}</p>
        <div class="actions start">
            <Show when=move || !ran.get()>
                <button type="button" class="primary" disabled=move || running.get() || create + chosen() == 0
                    on:click=move |_| confirm.set(true)>
                    {move || format!("Copy to {}", target_name.get_value())}
                </button>
            </Show>
            <Show when=move || ran.get()>
                <a class="button" href=href(&routes::access(&target_name.get_value(), &[]))>
                    {format!("Open the access of {}", target_name.get_value())}
                </a>
            </Show>
        </div>
        <ConfirmDialog open=confirm
            title=Signal::derive(move || format!("Copy access to {}?", target_name.get_value()))
            message=Signal::derive(move || format!(
                "{create} items are created and {} roles overwritten in tenant {}. Nothing is deleted.",
                chosen(), target_name.get_value()
            ))
            confirm_label="Copy" pending=running on_confirm=Callback::new(run)/>
    }
}
