//! The header's tenant switcher.

use kestra_admin::components::tenant_picker::TenantPicker;
use kestra_model::MeTenant;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{key, mount};

fn tenant(id: &str, name: &str) -> MeTenant {
    MeTenant {
        id: id.into(),
        name: Some(name.into()),
        logo: None,
    }
}

#[wasm_bindgen_test]
async fn tenant_picker_filters_by_typing_and_picks_with_enter() {
    let picked = RwSignal::new(String::new());
    let tenants = vec![
        tenant("dev", "Development"),
        tenant("prod", "Production"),
        tenant("qa", "Quality"),
    ];
    let root = mount(move || {
        view! { <TenantPicker tenants=tenants current="dev".to_string() on_pick=Callback::new(move |id| picked.set(id))/> }
    });
    leptos::task::tick().await;
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(button.text_content().unwrap().contains("Development"));

    button.click();
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector_all("[role=option]").unwrap().length(),
        3
    );
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("pro");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector_all("[role=option]").unwrap().length(),
        1
    );

    key(&input, "Enter");
    leptos::task::tick().await;
    assert_eq!(picked.get_untracked(), "prod");
    assert!(
        root.query_selector("[role=listbox]").unwrap().is_none(),
        "the list closes after a pick"
    );
}

#[wasm_bindgen_test]
async fn tenant_picker_moves_with_arrows_and_closes_with_escape() {
    let picked = RwSignal::new(String::new());
    let tenants = vec![tenant("dev", "Development"), tenant("prod", "Production")];
    let root = mount(move || {
        view! { <TenantPicker tenants=tenants current="dev".to_string() on_pick=Callback::new(move |id| picked.set(id))/> }
    });
    leptos::task::tick().await;
    let button = root.query_selector("button").unwrap().unwrap();
    key(&button, "ArrowDown");
    leptos::task::tick().await;
    let input = root.query_selector("input").unwrap().unwrap();
    key(&input, "ArrowDown");
    leptos::task::tick().await;
    let active = root
        .query_selector("[role=option][aria-selected=true]")
        .unwrap()
        .unwrap();
    assert!(active.text_content().unwrap().contains("Production"));

    key(&input, "Escape");
    leptos::task::tick().await;
    assert!(root.query_selector("[role=listbox]").unwrap().is_none());
    assert_eq!(picked.get_untracked(), "", "Escape picks nothing");
}

#[wasm_bindgen_test]
async fn tenant_picker_shows_tenant_names_as_text_not_html() {
    let tenants = vec![tenant("x", "<img src=x onerror=alert(1)>")];
    let root = mount(move || {
        view! { <TenantPicker tenants=tenants current="x".to_string() on_pick=Callback::new(|_| {})/> }
    });
    leptos::task::tick().await;
    root.query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(
        root.text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(1)>")
    );
}
