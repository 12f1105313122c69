//! What a part of a page shows while its own request runs, and when it failed: the same
//! words and roles everywhere (a polite status, then an alert with the reason).

use leptos::prelude::*;

use crate::api::ApiError;

/// "Loading the history…", announced politely.
pub fn loading(text: &'static str) -> AnyView {
    view! { <p class="muted" role="status">{text}</p> }.into_any()
}

/// The reason a request failed, as an alert.
pub fn failed(error: &ApiError) -> AnyView {
    view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any()
}
