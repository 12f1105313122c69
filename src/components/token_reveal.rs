//! Shows a newly created API token once, with a copy button and a plain warning that it will
//! not be shown again. Closing the dialog forgets the token, so closing it (Done, or a stray
//! Escape) before the token was copied asks first.

use leptos::html;
use leptos::prelude::*;

/// A modal dialog shown while `token` holds (name, full token).
#[component]
pub fn TokenReveal(
    /// The token to show; set back to `None` when the dialog closes.
    token: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let copied = RwSignal::new(false);
    // "Close without copying?" is showing.
    let asking = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if token.with(Option::is_some) {
            copied.set(false);
            asking.set(false);
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let copy = move |_| {
        if let (Some((_, full)), Some(window)) = (token.get_untracked(), web_sys::window()) {
            let _ = window.navigator().clipboard().write_text(&full);
            copied.set(true);
        }
    };
    let done = move |_| {
        if copied.get_untracked() {
            token.set(None);
        } else {
            asking.set(true);
        }
    };
    view! {
        <dialog node_ref=dialog class="confirm token-reveal" aria-labelledby="token-reveal-title"
            on:cancel=move |ev: web_sys::Event| {
                // Escape: asks first, unless copied or already asking.
                if !copied.get_untracked() && !asking.get_untracked() {
                    ev.prevent_default();
                    asking.set(true);
                }
            }
            on:close=move |_| token.set(None)>
            <h2 id="token-reveal-title">{move || format!("Token “{}”", token.get().map(|t| t.0).unwrap_or_default())}</h2>
            <Show when=move || token.with(|t| t.as_ref().is_none_or(|t| !t.1.is_empty()))
                fallback=|| view! {
                    <p class="alert error" role="alert">"The token was created, but the server did not send its value, so it cannot be shown. Revoke it and create another."</p>
                }>
            <p class="alert" role="alert">"Copy this token now. It will not be shown again."</p>
            <label class="field">
                <span class="label">"Full token"</span>
                <input type="text" readonly prop:value=move || token.get().map(|t| t.1).unwrap_or_default()
                    on:copy=move |_| copied.set(true)
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
            </label>
            <div class="actions">
                <button type="button" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy token" }}</button>
            </div>
            </Show>
            <Show when=move || asking.get()
                fallback=move || view! {
                    <div class="actions">
                        <button type="button" class="primary" on:click=done>"Done"</button>
                    </div>
                }>
                <p class="alert error" role="alert">"You have not copied this token. Once closed, it cannot be shown again."</p>
                <div class="actions">
                    <button type="button" on:click=move |_| asking.set(false)>"Back to the token"</button>
                    <button type="button" class="danger" on:click=move |_| token.set(None)>"Close without copying"</button>
                </div>
            </Show>
        </dialog>
    }
}
