//! The storage and secret backends: a type and key/value configuration each (secret values
//! masked), and the secrets' read-only switch.

use leptos::prelude::*;

use crate::components::field::Field;

use super::super::settings::{Backend, Entry, TenantSettings};
use super::{FieldErrors, Switch};

/// The storage backend, or (with `secret`) the secret backend and its read-only switch.
/// Secret values are masked.
#[component]
pub(super) fn BackendFields(
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
