//! A labelled form control with its hint and error message.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Wraps one input: the label names it (which is also how tests and screen readers find it),
/// and the error, from the browser-side rule or the server, sits right under it. The control
/// is marked `aria-invalid` and described by its hint and error (`aria-describedby`); when an
/// error appears while the focus is not in another field (the user just pressed a button,
/// say Create), the control takes the focus, so the refusal is where the user looks.
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
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let (hint_id, error_id) = (format!("field-hint-{n}"), format!("field-error-{n}"));
    let wrapper = NodeRef::<html::Label>::new();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move |has_error: bool| {
            let ids = [
                hint.map(|_| hint_id.as_str()),
                has_error.then_some(error_id.as_str()),
            ];
            ids.into_iter().flatten().collect::<Vec<_>>().join(" ")
        }
    };
    Effect::new(move |had_error: Option<bool>| {
        let has_error = error.with(Option::is_some);
        let Some(control) = wrapper.get().and_then(|label| control_in(&label)) else {
            return has_error;
        };
        let _ = control.set_attribute("aria-invalid", if has_error { "true" } else { "false" });
        match described_by(has_error) {
            ids if ids.is_empty() => control.remove_attribute("aria-describedby").unwrap_or(()),
            ids => control
                .set_attribute("aria-describedby", &ids)
                .unwrap_or(()),
        }
        if has_error && had_error == Some(false) && !focus_in_a_field() {
            let _ = control.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
        has_error
    });
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label node_ref=wrapper>
                <span class="label">{label}</span>
                {children()}
            </label>
            {hint.map(|hint| view! { <small id=hint_id class="muted">{hint}</small> })}
            {move || error.get().map(|message| view! {
                <small id=error_id.clone() class="error" role="alert">{message}</small>
            })}
        </div>
    }
}

/// The input, select or textarea inside `label`.
fn control_in(label: &web_sys::HtmlLabelElement) -> Option<web_sys::Element> {
    label
        .query_selector("input, select, textarea")
        .ok()
        .flatten()
}

/// Whether the focus is in a text field or list, where the user is typing or choosing.
fn focus_in_a_field() -> bool {
    document()
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}
