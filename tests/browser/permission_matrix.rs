//! The permission matrix: cell, row and column toggles, presets, and the round trip to and from
//! the server's permission JSON.

use kestra_admin::components::permission_matrix::PermissionMatrix;
use kestra_model::Permissions;
use leptos::prelude::*;
use wasm_bindgen_test::*;

use super::{click, key, mount};

/// A small catalogue in the server's JSON, deliberately not in the enums' order.
const CATALOGUE: &str = r#"{"GROUP":["VIEW","LIST","MANAGE_MEMBERS"],
    "FLOW":["EXECUTE","VIEW","LIST"],"ROLE":["LIST","VIEW"]}"#;

/// Mounts a matrix whose value follows its own changes, as a page does; returns the root and
/// the value.
fn matrix(initial: &str) -> (web_sys::HtmlElement, RwSignal<Permissions>) {
    let catalogue: Permissions = serde_json::from_str(CATALOGUE).unwrap();
    let value = RwSignal::new(serde_json::from_str::<Permissions>(initial).unwrap());
    let root = mount(move || {
        view! { <PermissionMatrix catalogue=catalogue value=value on_change=Callback::new(move |p| value.set(p))/> }
    });
    (root, value)
}

fn json(value: RwSignal<Permissions>) -> String {
    serde_json::to_string(&value.get_untracked()).unwrap()
}

fn checkbox(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlInputElement {
    use wasm_bindgen::JsCast;
    root.query_selector(&format!("input[aria-label=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no checkbox named {name}"))
        .unchecked_into()
}

fn status(root: &web_sys::HtmlElement) -> String {
    root.query_selector("[role=status]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn rows_and_columns_follow_the_enums_and_inapplicable_cells_have_no_checkbox() {
    let (root, _) = matrix("{}");
    leptos::task::tick().await;
    let rows: Vec<String> = (0..3)
        .map(|i| {
            root.query_selector_all("tbody th")
                .unwrap()
                .get(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(rows, ["FLOW", "GROUP", "ROLE"]);
    let header = root
        .query_selector("thead")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(header, "ResourceVIEWLISTEXECUTEMANAGE_MEMBERS");
    assert!(
        root.query_selector("input[aria-label=\"ROLE: EXECUTE\"]")
            .unwrap()
            .is_none(),
        "EXECUTE does not apply to ROLE"
    );
    assert_eq!(status(&root), "0 permissions granted");
}

#[wasm_bindgen_test]
async fn a_cell_toggles_one_permission_and_the_json_is_the_servers() {
    let (root, value) = matrix("{}");
    leptos::task::tick().await;
    click(&root, "input[aria-label=\"FLOW: EXECUTE\"]");
    click(&root, "input[aria-label=\"FLOW: VIEW\"]");
    click(&root, "input[aria-label=\"ROLE: LIST\"]");
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","EXECUTE"],"ROLE":["LIST"]}"#
    );
    assert_eq!(status(&root), "3 permissions granted");
    click(&root, "input[aria-label=\"ROLE: LIST\"]");
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","EXECUTE"]}"#,
        "an emptied row disappears"
    );
}

#[wasm_bindgen_test]
async fn permissions_from_the_server_show_checked_with_partial_toggles() {
    let (root, _) = matrix(r#"{"GROUP":["LIST","VIEW"]}"#);
    leptos::task::tick().await;
    assert!(checkbox(&root, "GROUP: VIEW").checked());
    assert!(!checkbox(&root, "GROUP: MANAGE_MEMBERS").checked());
    let row = checkbox(&root, "All GROUP actions");
    assert!(row.indeterminate() && !row.checked());
    assert!(checkbox(&root, "LIST on every resource").indeterminate());
    assert_eq!(status(&root), "2 permissions granted");
}

#[wasm_bindgen_test]
async fn row_and_column_toggles_grant_and_take_back_what_applies() {
    let (root, value) = matrix("{}");
    leptos::task::tick().await;
    click(&root, "input[aria-label=\"All GROUP actions\"]");
    leptos::task::tick().await;
    assert_eq!(json(value), r#"{"GROUP":["VIEW","LIST","MANAGE_MEMBERS"]}"#);
    assert!(checkbox(&root, "All GROUP actions").checked());

    click(&root, "input[aria-label=\"VIEW on every resource\"]");
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW"],"GROUP":["VIEW","LIST","MANAGE_MEMBERS"],"ROLE":["VIEW"]}"#
    );
    click(&root, "input[aria-label=\"VIEW on every resource\"]");
    leptos::task::tick().await;
    assert_eq!(json(value), r#"{"GROUP":["LIST","MANAGE_MEMBERS"]}"#);
}

#[wasm_bindgen_test]
async fn presets_give_read_only_everything_or_nothing() {
    let (root, value) = matrix("{}");
    leptos::task::tick().await;
    let button = |text: &str| {
        use wasm_bindgen::JsCast;
        let buttons = root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.get(i))
            .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
            .find(|b| b.text_content().as_deref() == Some(text))
            .unwrap_or_else(|| panic!("no button {text}"))
    };
    button("Read-only").click();
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","LIST"],"GROUP":["VIEW","LIST"],"ROLE":["VIEW","LIST"]}"#
    );
    assert_eq!(status(&root), "6 permissions granted");
    button("Everything").click();
    leptos::task::tick().await;
    assert_eq!(status(&root), "8 permissions granted");
    button("Clear").click();
    leptos::task::tick().await;
    assert_eq!(json(value), "{}");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_checkboxes_skipping_empty_cells() {
    let (root, _) = matrix("{}");
    leptos::task::tick().await;
    let start = checkbox(&root, "FLOW: EXECUTE");
    start.focus().unwrap();
    key(&start, "ArrowDown");
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("aria-label").as_deref(),
        Some("FLOW: EXECUTE"),
        "GROUP has no EXECUTE and ROLE neither: focus stays"
    );
    key(&start, "ArrowLeft");
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("aria-label").as_deref(),
        Some("FLOW: LIST")
    );
    key(&focused, "ArrowDown");
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("aria-label").as_deref(),
        Some("GROUP: LIST")
    );
}
