//! A change shown field by field, and a moment in the viewer's time.

use kestra_admin::components::diff_view::DiffView;
use kestra_admin::components::local_time::{LocalTime, day_bound};
use kestra_model::audit_diff;
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen_test::*;

use super::mount;

#[wasm_bindgen_test]
async fn a_change_reads_line_by_line_and_markup_stays_text() {
    let applied = [
        json!({"op": "add", "path": "/permissions/FLOW/1", "value": "EXECUTE"}),
        json!({"op": "replace", "path": "/name", "value": "<b>Ops</b>"}),
        json!({"op": "add", "path": "/members/bob", "value": "OWNER"}),
    ];
    let revert = [
        json!({"op": "remove", "path": "/permissions/FLOW/1"}),
        json!({"op": "replace", "path": "/name", "value": "Platform"}),
        json!({"op": "remove", "path": "/members/bob"}),
    ];
    let diff = audit_diff::from_patches(&applied, &revert);
    let root = mount(move || view! { <DiffView diff=diff/> });
    leptos::task::tick().await;
    let lines: Vec<String> = (0..3)
        .filter_map(|i| {
            let items = root.query_selector_all(".diff-lines li").unwrap();
            items.item(i).and_then(|n| n.text_content())
        })
        .collect();
    assert_eq!(
        lines,
        [
            "+EXECUTE on FLOW added",
            "+bob added as owner",
            "~name: “Platform” → “<b>Ops</b>”"
        ]
    );
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "a name is text, not markup"
    );
    assert!(
        root.query_selector(".diff-added .diff-mark[aria-hidden=true]")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn a_moment_keeps_its_exact_time_in_the_markup() {
    let root = mount(|| view! { <LocalTime iso="2026-01-31T09:30:00Z"/> });
    leptos::task::tick().await;
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-01-31T09:30:00Z")
    );
    assert_eq!(
        time.get_attribute("title").as_deref(),
        Some("2026-01-31T09:30:00Z")
    );
    assert!(!time.text_content().unwrap_or_default().is_empty());
    // A local day's bounds are instants in UTC, a day apart less a millisecond.
    let start = day_bound("2026-01-31", false).unwrap();
    let end = day_bound("2026-01-31", true).unwrap();
    assert!(start.ends_with('Z') && end.ends_with('Z'), "{start} {end}");
    let ms = |iso: &str| js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso)).get_time();
    assert_eq!(ms(&end) - ms(&start), 86_400_000.0 - 1.0);
    assert_eq!(day_bound("not a day", false), None);
}
