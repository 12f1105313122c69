//! The tenant form's fields, shared by the create form and a tenant's page: name, worker
//! selector, concurrency and quotas, storage and secret backends, and the switches.
//! Each field shows the browser-side check of [`TenantSettings::problems`] or, failing that,
//! the server's 422 message for the same path.

mod backends;
mod limits;
mod workers;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::field::Field;

use super::settings::{Problems, TenantSettings};

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
        <workers::WorkerSelectorFields settings=settings known_tags=known_tags errors=errors/>
        <limits::ExecutionLimits settings=settings errors=errors/>
        <backends::BackendFields settings=settings errors=errors secret=false/>
        <backends::BackendFields settings=settings errors=errors secret=true/>
        <fieldset class="fields settings-section">
            <legend>"Namespaces and outputs"</legend>
            <Switch settings=settings label="Flows may only use namespaces that exist"
                get=|s| s.require_existing_namespace set=|s, on| s.require_existing_namespace = on/>
            <Switch settings=settings label="Keep task outputs in internal storage"
                get=|s| s.outputs_in_internal_storage set=|s, on| s.outputs_in_internal_storage = on/>
        </fieldset>
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
