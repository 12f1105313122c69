//! The permission editor: resources grouped and described, instance-wide ones left out, chips
//! and row toggles, presets within Admin, what the editor does not show kept, and the keyboard
//! (one Tab stop, arrow keys inside).

use kestra_admin::components::permission_matrix::PermissionMatrix;
use kestra_model::Permissions;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{click, key, mount};

/// A small catalogue in the server's JSON, deliberately not in the enums' order, with one
/// instance-wide resource (BANNER).
const CATALOGUE: &str = r#"{"GROUP":["VIEW","LIST","MANAGE_MEMBERS"],"BANNER":["VIEW","UPDATE"],
    "FLOW":["EXECUTE","VIEW","LIST"],"ROLE":["LIST","VIEW"]}"#;

/// Mounts an editor whose value follows its own changes, as a page does; returns the root and
/// the value.
fn matrix(
    initial: &str,
    templates: Vec<(String, Permissions)>,
) -> (web_sys::HtmlElement, RwSignal<Permissions>) {
    let catalogue: Permissions = serde_json::from_str(CATALOGUE).unwrap();
    let value = RwSignal::new(serde_json::from_str::<Permissions>(initial).unwrap());
    let root = mount(move || {
        view! { <PermissionMatrix catalogue=catalogue value=value templates=templates on_change=Callback::new(move |p| value.set(p))/> }
    });
    (root, value)
}

fn json(value: RwSignal<Permissions>) -> String {
    serde_json::to_string(&value.get_untracked()).unwrap()
}

fn checkbox(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("input[aria-label=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no checkbox named {name}"))
        .unchecked_into()
}

fn tick(root: &web_sys::HtmlElement, name: &str) {
    click(root, &format!("input[aria-label=\"{name}\"]"));
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .filter_map(|i| found.get(i)?.text_content())
        .collect()
}

fn status(root: &web_sys::HtmlElement) -> String {
    texts(root, "[role=status]").concat()
}

fn button(root: &web_sys::HtmlElement, text: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.get(i))
        .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no button {text}"))
}

fn focused() -> String {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("aria-label"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn resources_are_grouped_described_and_only_offer_their_own_tenant_actions() {
    let (root, _) = matrix("{}", Vec::new());
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, "h2"),
        ["Flows & executions", "People & access"]
    );
    assert_eq!(
        texts(&root, ".permission-row .name"),
        ["Flows", "Groups", "Roles"]
    );
    let flows = checkbox(&root, "Flows: Execute");
    let description = flows.get_attribute("aria-describedby").unwrap();
    assert!(
        document()
            .get_element_by_id(&description)
            .unwrap()
            .text_content()
            .unwrap()
            .starts_with("Flow definitions"),
        "each permission is described by its resource's line"
    );
    assert!(
        root.query_selector("input[aria-label=\"Roles: Execute\"]")
            .unwrap()
            .is_none(),
        "EXECUTE does not apply to ROLE"
    );
    assert!(
        root.query_selector("input[aria-label^=\"Announcements\"]")
            .unwrap()
            .is_none(),
        "BANNER is instance-wide"
    );
    assert_eq!(status(&root), "0 permissions granted");
}

#[wasm_bindgen_test]
async fn a_chip_toggles_one_permission_and_the_json_is_the_servers() {
    let (root, value) = matrix("{}", Vec::new());
    leptos::task::tick().await;
    tick(&root, "Flows: Execute");
    tick(&root, "Flows: View");
    tick(&root, "Roles: List");
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","EXECUTE"],"ROLE":["LIST"]}"#
    );
    assert_eq!(status(&root), "3 permissions granted");
    tick(&root, "Roles: List");
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","EXECUTE"]}"#,
        "an emptied row disappears"
    );
}

#[wasm_bindgen_test]
async fn a_rows_all_toggle_shows_partial_grants_and_grants_or_takes_back_the_row() {
    let (root, value) = matrix(r#"{"GROUP":["LIST","VIEW"]}"#, Vec::new());
    leptos::task::tick().await;
    assert!(checkbox(&root, "Groups: View").checked());
    assert!(!checkbox(&root, "Groups: Manage members").checked());
    let all = checkbox(&root, "Groups: all actions");
    assert!(all.indeterminate() && !all.checked());
    tick(&root, "Groups: all actions");
    leptos::task::tick().await;
    assert_eq!(json(value), r#"{"GROUP":["VIEW","LIST","MANAGE_MEMBERS"]}"#);
    tick(&root, "Groups: all actions");
    leptos::task::tick().await;
    assert_eq!(json(value), "{}");
}

#[wasm_bindgen_test]
async fn presets_stay_within_admin_and_keep_what_the_editor_does_not_show() {
    let admin: Permissions = serde_json::from_str(
        r#"{"FLOW":["VIEW","LIST"],"ROLE":["VIEW","LIST"],"BANNER":["VIEW"]}"#,
    )
    .unwrap();
    let everything: Permissions = serde_json::from_str(CATALOGUE).unwrap();
    let templates = vec![
        ("ADMIN".to_string(), admin),
        ("EDITOR".to_string(), everything),
    ];
    let (root, value) = matrix(r#"{"BANNER":["UPDATE"]}"#, templates);
    leptos::task::tick().await;
    assert_eq!(status(&root), "1 permission granted");
    assert!(
        texts(&root, "[role=note]")
            .concat()
            .contains("1 permission on Announcements")
    );
    button(&root, "Editor").click();
    leptos::task::tick().await;
    assert_eq!(
        json(value),
        r#"{"FLOW":["VIEW","LIST"],"ROLE":["VIEW","LIST"],"BANNER":["UPDATE"]}"#,
        "the Editor template is cut to Admin, and BANNER stays as it was"
    );
    button(&root, "Clear").click();
    leptos::task::tick().await;
    assert_eq!(json(value), r#"{"BANNER":["UPDATE"]}"#);
    button(&root, "Remove them").click();
    leptos::task::tick().await;
    assert_eq!(json(value), "{}");
    assert!(texts(&root, "[role=note]").is_empty());
}

#[wasm_bindgen_test]
async fn the_grid_is_one_tab_stop_and_arrow_keys_move_inside_it() {
    let (root, _) = matrix("{}", Vec::new());
    leptos::task::tick().await;
    let stops = root
        .query_selector_all(".permission-grid input[tabindex=\"0\"]")
        .unwrap();
    assert_eq!(stops.length(), 1, "one Tab stop in the grid");
    let first: web_sys::HtmlElement = stops.get(0).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("aria-label").as_deref(),
        Some("Flows: all actions")
    );
    first.focus().unwrap();
    key(&first, "End");
    assert_eq!(focused(), "Flows: Execute");
    key(&document().active_element().unwrap(), "ArrowDown");
    assert_eq!(
        focused(),
        "Groups: Manage members",
        "the same column, or the row's last"
    );
    key(&document().active_element().unwrap(), "ArrowDown");
    assert_eq!(focused(), "Roles: List", "Roles is a shorter row");
    key(&document().active_element().unwrap(), "Home");
    assert_eq!(focused(), "Roles: all actions");
    leptos::task::tick().await;
    let stop = root
        .query_selector(".permission-grid input[tabindex=\"0\"]")
        .unwrap()
        .unwrap();
    assert_eq!(
        stop.get_attribute("aria-label").as_deref(),
        Some("Roles: all actions"),
        "the Tab stop follows focus"
    );
}
