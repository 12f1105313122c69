//! Component tests and fetch-layer tests in headless Chromium (wasm-bindgen-test). Run by
//! `cargo xtask test`, which also starts the sandbox the fetch-layer tests talk to.

mod chip_picker;
mod client;
mod data_table;
mod diff_view;
mod permission_matrix;
mod tenant_picker;
mod token_reveal;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh element and returns that element.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), view).forget();
    root
}

/// Dispatches a keydown of `key` on `target`, as a keyboard user's key press.
pub fn key(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Clicks the element matched by `selector` inside `root`.
pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    let element: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .expect(selector)
        .unchecked_into();
    element.click();
}
