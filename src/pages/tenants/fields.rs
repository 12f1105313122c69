//! The tenant form's fields, shared by the create form and a tenant's page: name, worker
//! selector, concurrency and quotas, storage and secret backends, and the switches.
//! Each field shows the browser-side check of [`TenantSettings::problems`] or, failing that,
//! the server's 422 message for the same path.

use kestra_model::tenant::{
    ConcurrencyBehavior, QuotaBehavior, WorkerQueueFallback, WorkerSelectorMatch,
};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::type_ahead::Choice;

use super::settings::{Backend, Entry, Problems, QuotaRow, TenantSettings};

/// Where each field's error comes from: the browser-side checks, then the server's answer.
#[derive(Clone, Copy)]
pub struct FieldErrors {
    pub problems: Signal<Problems>,
    pub server: Signal<Option<ApiError>>,
}

impl FieldErrors {
    /// The message for `path` (e.g. `quotas[0].limit`), if any.
    fn at(self, path: impl Into<String>) -> Signal<Option<String>> {
        let path = path.into();
        Signal::derive(move || {
            self.problems
                .with(|problems| {
                    problems
                        .iter()
                        .find(|(p, _)| *p == path)
                        .map(|(_, m)| m.clone())
                })
                .or_else(|| {
                    self.server
                        .with(|e| e.as_ref().and_then(|e| server_message(e, &path)))
                })
        })
    }
}

/// The server's message for `path` or for an item of it (`defaultWorkerSelector.tags[3]`
/// shows at the tags).
fn server_message(error: &ApiError, path: &str) -> Option<String> {
    let ApiError::Invalid { fields, .. } = error else {
        return None;
    };
    let item = format!("{path}[");
    fields
        .iter()
        .find(|f| {
            f.path
                .as_deref()
                .is_some_and(|p| p == path || p.starts_with(&item))
        })
        .map(|f| f.message.clone())
}

/// Every editable setting of a tenant.
#[component]
pub fn TenantFields(
    /// What the form holds.
    settings: RwSignal<TenantSettings>,
    /// Tags the instance's worker queues use, offered as the admin types.
    #[prop(into)]
    known_tags: Signal<Vec<String>>,
    /// The errors to show under the fields.
    errors: FieldErrors,
) -> impl IntoView {
    view! {
        <Field label="Name" error=errors.at("name")>
            <input type="text" required prop:value=move || settings.with(|s| s.name.clone())
                on:input=move |ev| settings.update(|s| s.name = event_target_value(&ev))/>
        </Field>
        <WorkerSelectorFields settings=settings known_tags=known_tags errors=errors/>
        <ExecutionLimits settings=settings errors=errors/>
        <BackendFields settings=settings errors=errors secret=false/>
        <BackendFields settings=settings errors=errors secret=true/>
        <fieldset class="fields settings-section">
            <legend>"Namespaces and outputs"</legend>
            <Switch settings=settings label="Flows may only use namespaces that exist"
                get=|s| s.require_existing_namespace set=|s, on| s.require_existing_namespace = on/>
            <Switch settings=settings label="Keep task outputs in internal storage"
                get=|s| s.outputs_in_internal_storage set=|s, on| s.outputs_in_internal_storage = on/>
        </fieldset>
    }
}

/// Tags (suggested from the instance's, or typed), how they match, and the fallback.
#[component]
fn WorkerSelectorFields(
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

/// The concurrency limit and the quotas.
#[component]
fn ExecutionLimits(settings: RwSignal<TenantSettings>, errors: FieldErrors) -> impl IntoView {
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

/// The storage backend, or (with `secret`) the secret backend and its read-only switch.
/// Secret values are masked.
#[component]
fn BackendFields(
    settings: RwSignal<TenantSettings>,
    errors: FieldErrors,
    secret: bool,
) -> impl IntoView {
    let (title, prefix, noun) = if secret {
        ("Secrets", "secret", "secret")
    } else {
        ("Internal storage", "storage", "storage")
    };
    let backend = move || -> Backend {
        settings.with(|s| {
            if secret {
                s.secret.clone()
            } else {
                s.storage.clone()
            }
        })
    };
    let edit = move |write: &dyn Fn(&mut Backend)| {
        settings.update(|s| {
            write(if secret {
                &mut s.secret
            } else {
                &mut s.storage
            })
        })
    };
    let count = move || backend().entries.len();
    let type_label = if secret {
        "Secret backend type"
    } else {
        "Storage backend type"
    };
    let type_hint = if secret {
        "e.g. vault, aws-secret-manager; empty for Kestra's default."
    } else {
        "e.g. s3, gcs, azure; empty for Kestra's default."
    };
    view! {
        <fieldset class="fields settings-section">
            <legend>{title}</legend>
            <Field label=type_label hint=type_hint error=errors.at(format!("{prefix}Type"))>
                <input type="text" autocomplete="off" prop:value=move || backend().kind
                    on:input=move |ev| edit(&|b| b.kind = event_target_value(&ev))/>
            </Field>
            <div class="field">
                <span class="label">{format!("{} configuration", if secret { "Secret backend" } else { "Storage" })}</span>
                <For each=move || 0..count() key=|i| *i let(i)>
                    <EntryFields settings=settings secret=secret index=i errors=errors prefix=prefix/>
                </For>
                <div>
                    <button type="button" on:click=move |_| edit(&|b| b.entries.push(Entry::default()))>
                        {format!("Add {noun} setting")}
                    </button>
                </div>
            </div>
            {secret.then(|| view! {
                <Switch settings=settings label="Secrets are read-only"
                    get=|s| s.secret_read_only set=|s, on| s.secret_read_only = on/>
            })}
        </fieldset>
    }
}

/// One configuration entry: key, value (masked for secrets) and a remove button.
#[component]
fn EntryFields(
    settings: RwSignal<TenantSettings>,
    secret: bool,
    index: usize,
    errors: FieldErrors,
    prefix: &'static str,
) -> impl IntoView {
    let read = move |part: fn(&Entry) -> String| {
        settings.with(|s| {
            let backend = if secret { &s.secret } else { &s.storage };
            backend.entries.get(index).map(part).unwrap_or_default()
        })
    };
    let edit = move |write: &dyn Fn(&mut Entry)| {
        settings.update(|s| {
            let backend = if secret {
                &mut s.secret
            } else {
                &mut s.storage
            };
            if let Some(entry) = backend.entries.get_mut(index) {
                write(entry)
            }
        })
    };
    let number = index + 1;
    let shown = RwSignal::new(false);
    view! {
        <div class="field-row entry" role="group" aria-label=format!("{} setting {number}", if secret { "Secret" } else { "Storage" })>
            <Field label="Key" error=errors.at(format!("{prefix}Configuration[{index}]"))>
                <input type="text" autocomplete="off" prop:value=move || read(|e| e.key.clone())
                    on:input=move |ev| edit(&|e| e.key = event_target_value(&ev))/>
            </Field>
            <Field label="Value">
                <input type=move || if secret && !shown.get() { "password" } else { "text" } autocomplete="off"
                    prop:value=move || read(|e| e.value.clone())
                    on:input=move |ev| edit(&|e| e.value = event_target_value(&ev))/>
            </Field>
            {secret.then(|| view! {
                <button type="button" class="ghost" aria-pressed=move || shown.get().to_string()
                    aria-label=format!("Show secret value {number}")
                    on:click=move |_| shown.update(|s| *s = !*s)>{move || if shown.get() { "Hide" } else { "Show" }}</button>
            })}
            <button type="button" class="ghost" aria-label=format!("Remove {} setting {number}", if secret { "secret" } else { "storage" })
                on:click=move |_| settings.update(|s| {
                    let backend = if secret { &mut s.secret } else { &mut s.storage };
                    if index < backend.entries.len() { backend.entries.remove(index); }
                })>"Remove"</button>
        </div>
    }
}

/// A checkbox bound to one boolean setting.
#[component]
fn Switch(
    settings: RwSignal<TenantSettings>,
    label: &'static str,
    get: fn(&TenantSettings) -> bool,
    set: fn(&mut TenantSettings, bool),
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || settings.with(get)
                on:change=move |ev| settings.update(|s| set(s, event_target_checked(&ev)))/>
            {label}
        </label>
    }
}
