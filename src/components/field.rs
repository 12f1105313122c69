//! A labelled form control with its hint and error message.

use leptos::prelude::*;

/// Wraps one input: the label names it (which is also how tests and screen readers find it),
/// and the error, from the browser-side rule or the server, sits right under it.
#[component]
pub fn Field(
    /// The visible label.
    label: &'static str,
    /// A short help text under the control.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The error to show, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The control.
    children: Children,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="label">{label}</span>
            {children()}
            {hint.map(|hint| view! { <small class="muted">{hint}</small> })}
            {move || error.get().map(|error| view! { <small class="error" role="alert">{error}</small> })}
        </label>
    }
}
