//! A form's submit button: disabled while the request runs, and saying so ("Saving…"), so a
//! double click never sends twice.

use leptos::prelude::*;

/// The primary submit button of a form.
#[component]
pub fn SubmitButton(
    /// What it says, e.g. "Create group".
    label: &'static str,
    /// What it says while the request runs, e.g. "Creating…".
    pending_label: &'static str,
    /// True while the request runs.
    #[prop(into)]
    pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <button type="submit" class="primary" disabled=move || pending.get()>
            {move || if pending.get() { pending_label } else { label }}
        </button>
    }
}
