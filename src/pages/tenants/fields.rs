//! The name and worker-group inputs, shared by the create form and a tenant's page.

use leptos::prelude::*;

use crate::components::field::Field;

/// The tenant's name (required) and worker group (optional).
#[component]
pub fn TenantFields(
    /// The name being typed.
    name: RwSignal<String>,
    /// The worker group key being typed.
    worker_group: RwSignal<String>,
    /// The name's error: the browser-side rule or the server's.
    #[prop(into)]
    name_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <Field label="Name" error=name_error>
            <input type="text" bind:value=name required/>
        </Field>
        <Field label="Worker group" hint="Optional: the worker group that runs this tenant's tasks by default.">
            <input type="text" bind:value=worker_group/>
        </Field>
    }
}

/// The browser-side rule for a tenant's name, the one the server applies.
pub fn name_rule(name: &str) -> Option<String> {
    name.trim()
        .is_empty()
        .then(|| "A tenant needs a name.".to_string())
}
