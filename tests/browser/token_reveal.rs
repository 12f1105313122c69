//! The dialog that shows a new API token once.

use kestra_admin::components::token_reveal::TokenReveal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{click, mount};

#[wasm_bindgen_test]
async fn a_new_token_is_shown_with_a_warning_and_forgotten_when_done() {
    let token = RwSignal::new(None::<(String, String)>);
    let root = mount(move || view! { <TokenReveal token=token/> });
    leptos::task::tick().await;
    let dialog: web_sys::HtmlDialogElement = root
        .query_selector("dialog")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!dialog.open());

    token.set(Some(("deploy".into(), "ksb_secret".into())));
    leptos::task::tick().await;
    assert!(dialog.open());
    let text = dialog.text_content().unwrap_or_default();
    assert!(text.contains("Token “deploy”"), "{text}");
    assert!(text.contains("It will not be shown again."), "{text}");
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "ksb_secret");
    assert!(input.read_only());

    click(&root, "button.primary");
    leptos::task::tick().await;
    assert!(!dialog.open());
    assert_eq!(token.get_untracked(), None);
    assert_eq!(input.value(), "", "the token must not linger in the page");
}
