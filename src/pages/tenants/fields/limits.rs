//! Execution limits: the concurrency limit and its behaviour, and the quotas.

use kestra_model::tenant::{ConcurrencyBehavior, QuotaBehavior};
use leptos::prelude::*;

use crate::components::field::Field;

use super::super::settings::{QuotaRow, TenantSettings};
use super::FieldErrors;

/// The concurrency limit and the quotas.
#[component]
pub(super) fn ExecutionLimits(
    settings: RwSignal<TenantSettings>,
    errors: FieldErrors,
) -> impl IntoView {
    let count = move || settings.with(|s| s.quotas.len());
    view! {
        <fieldset class="fields settings-section">
            <legend>"Executions"</legend>
            <div class="field-row">
                <Field label="Concurrency limit" hint="Executions running at once; empty for no limit." error=errors.at("concurrency.limit")>
                    <input type="number" min="1" inputmode="numeric"
                        prop:value=move || settings.with(|s| s.concurrency_limit.clone())
                        on:input=move |ev| settings.update(|s| s.concurrency_limit = event_target_value(&ev))/>
                </Field>
                <Field label="Over the limit">
                    <select on:change=move |ev| settings.update(|s| s.concurrency_behavior = match event_target_value(&ev).as_str() {
                        "CANCEL" => Some(ConcurrencyBehavior::Cancel),
                        "FAIL" => Some(ConcurrencyBehavior::Fail),
                        _ => Some(ConcurrencyBehavior::Queue),
                    })>
                        <option value="QUEUE" selected=move || settings.with(|s| matches!(s.concurrency_behavior, None | Some(ConcurrencyBehavior::Queue)))>"Queue it"</option>
                        <option value="CANCEL" selected=move || settings.with(|s| s.concurrency_behavior == Some(ConcurrencyBehavior::Cancel))>"Cancel it"</option>
                        <option value="FAIL" selected=move || settings.with(|s| s.concurrency_behavior == Some(ConcurrencyBehavior::Fail))>"Fail it"</option>
                    </select>
                </Field>
            </div>
            <div class="field">
                <span class="label" id="quotas-label">"Quotas"</span>
                <Show when=move || count() == 0>
                    <p class="muted">"No quota: executions are not counted."</p>
                </Show>
                <For each=move || 0..count() key=|i| *i let(i)>
                    <QuotaFields settings=settings index=i errors=errors/>
                </For>
                <div>
                    <button type="button" on:click=move |_| settings.update(|s| s.quotas.push(QuotaRow::default()))>"Add quota"</button>
                </div>
            </div>
        </fieldset>
    }
}

/// One quota: its period, limit and behaviour, and a remove button.
#[component]
fn QuotaFields(
    settings: RwSignal<TenantSettings>,
    index: usize,
    errors: FieldErrors,
) -> impl IntoView {
    let row = move |read: fn(&QuotaRow) -> String| {
        settings.with(|s| s.quotas.get(index).map(read).unwrap_or_default())
    };
    let edit = move |write: &dyn Fn(&mut QuotaRow)| {
        settings.update(|s| {
            if let Some(row) = s.quotas.get_mut(index) {
                write(row)
            }
        })
    };
    let behavior_is = move |behavior: QuotaBehavior| {
        settings.with(|s| s.quotas.get(index).is_some_and(|q| q.behavior == behavior))
    };
    let number = index + 1;
    view! {
        <div class="field-row quota" role="group" aria-label=format!("Quota {number}")>
            <Field label="Per period" hint="ISO-8601, e.g. P1D (a day) or PT1H (an hour)." error=errors.at(format!("quotas[{index}].duration"))>
                <input type="text" prop:value=move || row(|q| q.duration.clone())
                    on:input=move |ev| edit(&|q| q.duration = event_target_value(&ev))/>
            </Field>
            <Field label="At most" error=errors.at(format!("quotas[{index}].limit"))>
                <input type="number" min="1" inputmode="numeric" prop:value=move || row(|q| q.limit.clone())
                    on:input=move |ev| edit(&|q| q.limit = event_target_value(&ev))/>
            </Field>
            <Field label="Then">
                <select on:change=move |ev| {
                    let behavior = if event_target_value(&ev) == "CANCEL" { QuotaBehavior::Cancel } else { QuotaBehavior::Fail };
                    edit(&|q| q.behavior = behavior)
                }>
                    <option value="FAIL" selected=move || behavior_is(QuotaBehavior::Fail)>"Fail new executions"</option>
                    <option value="CANCEL" selected=move || behavior_is(QuotaBehavior::Cancel)>"Cancel new executions"</option>
                </select>
            </Field>
            <button type="button" class="ghost" aria-label=format!("Remove quota {number}")
                on:click=move |_| settings.update(|s| { if index < s.quotas.len() { s.quotas.remove(index); } })>"Remove"</button>
        </div>
    }
}
