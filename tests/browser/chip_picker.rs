//! Chosen items as chips, with a type-ahead to add more.

use kestra_admin::components::chip_picker::ChipPicker;
use kestra_admin::components::type_ahead::Choice;
use leptos::prelude::*;

use super::mount;

fn choice(id: &str, label: &str) -> Choice {
    Choice {
        id: id.into(),
        label: label.into(),
        detail: None,
    }
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn chips_show_markup_as_text_and_can_be_removed() {
    let chosen = RwSignal::new(vec![choice("g1", "<b>Ops</b>"), choice("g2", "Devs")]);
    let text = RwSignal::new(String::new());
    let root = mount(move || {
        view! { <ChipPicker label="Groups" add_label="Add group" chosen=chosen text=text options=Signal::derive(Vec::new)/> }
    });
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all(".chip").unwrap().length(), 2);
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "a label was rendered as markup"
    );

    super::click(&root, "button[aria-label='Remove <b>Ops</b>']");
    leptos::task::tick().await;
    assert_eq!(chosen.get_untracked(), vec![choice("g2", "Devs")]);
    assert_eq!(root.query_selector_all(".chip").unwrap().length(), 1);
}
