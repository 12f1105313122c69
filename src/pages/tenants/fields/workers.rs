//! The worker selector: tags (suggested from the instance's, or typed), how they match, and
//! what happens when no worker matches.

use kestra_model::tenant::{WorkerQueueFallback, WorkerSelectorMatch};
use leptos::prelude::*;

use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::type_ahead::Choice;

use super::super::settings::TenantSettings;
use super::FieldErrors;

/// Tags (suggested from the instance's, or typed), how they match, and the fallback.
#[component]
pub(super) fn WorkerSelectorFields(
    settings: RwSignal<TenantSettings>,
    known_tags: Signal<Vec<String>>,
    errors: FieldErrors,
) -> impl IntoView {
    let as_choice = |tag: &String| Choice {
        id: tag.clone(),
        label: tag.clone(),
        detail: None,
    };
    let chosen: RwSignal<Vec<Choice>> =
        RwSignal::new(settings.with_untracked(|s| s.tags.iter().map(as_choice).collect()));
    Effect::new(move |_| {
        let tags: Vec<String> = chosen.with(|c| c.iter().map(|c| c.id.clone()).collect());
        if settings.with_untracked(|s| s.tags != tags) {
            settings.update(|s| s.tags = tags);
        }
    });
    let text = RwSignal::new(String::new());
    // What is typed is always offered as it is, so a tag no worker uses yet can be chosen.
    let options = Signal::derive(move || {
        let typed = text.get().trim().to_lowercase();
        let mut tags: Vec<String> = known_tags
            .get()
            .into_iter()
            .filter(|tag| tag.contains(&typed))
            .collect();
        if !typed.is_empty() && !tags.contains(&typed) {
            tags.insert(0, typed);
        }
        tags.iter().map(as_choice).collect()
    });
    let tags_error = errors.at("defaultWorkerSelector.tags");
    view! {
        <fieldset class="fields settings-section">
            <legend>"Workers"</legend>
            <p class="muted">"Which worker queues run this tenant's tasks by default, by their tags."</p>
            <ChipPicker label="Worker tags" add_label="Add worker tag" chosen=chosen text=text options=options
                placeholder="e.g. eu or gpu"/>
            {move || tags_error.get().map(|e| view! { <small class="error" role="alert">{e}</small> })}
            <Field label="Tags must match">
                <select on:change=move |ev| settings.update(|s| s.matches = match event_target_value(&ev).as_str() {
                    "ALL" => Some(WorkerSelectorMatch::All),
                    "ANY" => Some(WorkerSelectorMatch::Any),
                    _ => None,
                })>
                    <option value="" selected=move || settings.with(|s| s.matches.is_none())>"All of them (default)"</option>
                    <option value="ALL" selected=move || settings.with(|s| s.matches == Some(WorkerSelectorMatch::All))>"All of them"</option>
                    <option value="ANY" selected=move || settings.with(|s| s.matches == Some(WorkerSelectorMatch::Any))>"Any of them"</option>
                </select>
            </Field>
            <Field label="When no worker matches">
                <select on:change=move |ev| settings.update(|s| s.fallback = fallback_from(&event_target_value(&ev)))>
                    <option value="" selected=move || settings.with(|s| s.fallback.is_none())>"Fail (default)"</option>
                    {FALLBACKS.iter().map(|(value, label, fallback)| view! {
                        <option value=*value selected=move || settings.with(|s| s.fallback == Some(*fallback))>{*label}</option>
                    }).collect_view()}
                </select>
            </Field>
        </fieldset>
    }
}

const FALLBACKS: [(&str, &str, WorkerQueueFallback); 4] = [
    ("FAIL", "Fail the task", WorkerQueueFallback::Fail),
    (
        "WAIT",
        "Wait for a matching worker",
        WorkerQueueFallback::Wait,
    ),
    (
        "CANCEL",
        "Cancel the execution",
        WorkerQueueFallback::Cancel,
    ),
    ("IGNORE", "Run on any worker", WorkerQueueFallback::Ignore),
];

fn fallback_from(value: &str) -> Option<WorkerQueueFallback> {
    FALLBACKS
        .iter()
        .find(|(v, ..)| *v == value)
        .map(|(.., f)| *f)
}
