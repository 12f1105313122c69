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

    // Done before copying asks; going back keeps the token on screen.
    click(&root, "button.primary");
    leptos::task::tick().await;
    assert!(dialog.open());
    let text = dialog.text_content().unwrap_or_default();
    assert!(text.contains("You have not copied this token."), "{text}");
    click(&root, "p.alert.error + .actions button");
    leptos::task::tick().await;
    assert!(dialog.open());
    assert_eq!(input.value(), "ksb_secret");

    // Copied, Done closes at once.
    input
        .dispatch_event(&web_sys::Event::new("copy").unwrap())
        .unwrap();
    click(&root, "button.primary");
    leptos::task::tick().await;
    assert!(!dialog.open());
    assert_eq!(token.get_untracked(), None);
    assert_eq!(input.value(), "", "the token must not linger in the page");
}

#[wasm_bindgen_test]
async fn closing_without_copying_forgets_the_token_once_confirmed() {
    let token = RwSignal::new(None::<(String, String)>);
    let root = mount(move || view! { <TokenReveal token=token/> });
    leptos::task::tick().await;
    let dialog: web_sys::HtmlDialogElement = root
        .query_selector("dialog")
        .unwrap()
        .unwrap()
        .unchecked_into();
    token.set(Some(("ci".into(), "ksb_other".into())));
    leptos::task::tick().await;

    click(&root, "button.primary");
    leptos::task::tick().await;
    click(&root, "button.danger");
    leptos::task::tick().await;
    assert!(!dialog.open());
    assert_eq!(token.get_untracked(), None);
}
