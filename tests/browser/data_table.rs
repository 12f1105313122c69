//! The shared list table: its states, paging and sorting.

use kestra_admin::api::ApiError;
use kestra_admin::api::query::{Direction, ListQuery};
use kestra_admin::components::data_table::{Column, DataTable, Selectable};
use kestra_model::PagedResults;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{click, mount};

type Page = Option<Result<PagedResults<String>, ApiError>>;

/// Mounts a table of names; returns its root, the page signal and the last asked-for query.
fn table(
    page: Page,
    query: ListQuery,
) -> (
    web_sys::HtmlElement,
    RwSignal<Page>,
    RwSignal<Option<ListQuery>>,
) {
    let page = RwSignal::new(page);
    let asked = RwSignal::new(None);
    let root = mount(move || {
        let columns = vec![
            Column::new("Name", |n: &String| {
                view! { <span>{n.clone()}</span> }.into_any()
            })
            .sortable("name"),
        ];
        view! {
            <DataTable noun="groups" one="group" columns=columns page=page query=query
                on_query=Callback::new(move |q| asked.set(Some(q))) row_key=|n: &String| n.clone()
                empty_action=|| view! { <a href="#new">"Create the first group"</a> }/>
        }
    });
    (root, page, asked)
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

fn names(n: usize, total: u64) -> Page {
    Some(Ok(PagedResults {
        results: (0..n).map(|i| format!("group-{i}")).collect(),
        total,
    }))
}

#[wasm_bindgen_test]
async fn shows_rows_the_total_and_the_page_count() {
    let (root, _, _) = table(
        names(10, 25),
        ListQuery {
            size: 10,
            ..Default::default()
        },
    );
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 10);
    assert!(text(&root).contains("25 groups"));
    assert!(text(&root).contains("Page 1 of 3"));
    let previous = root.query_selector("nav button").unwrap().unwrap();
    assert!(
        previous.has_attribute("disabled"),
        "no previous page on page 1"
    );
}

#[wasm_bindgen_test]
async fn next_and_sort_ask_for_the_right_query() {
    let (root, _, asked) = table(
        names(10, 25),
        ListQuery {
            size: 10,
            ..Default::default()
        },
    );
    leptos::task::tick().await;
    click(&root, "nav button:last-of-type");
    assert_eq!(asked.get_untracked().map(|q| q.page), Some(2));

    click(&root, "th button.sort");
    let sorted = asked.get_untracked().unwrap();
    assert_eq!(sorted.sort, vec![("name".to_string(), Direction::Asc)]);
    assert_eq!(sorted.page, 1, "sorting goes back to the first page");
}

#[wasm_bindgen_test]
async fn an_empty_list_offers_to_create_and_a_failed_one_says_why() {
    let (root, page, _) = table(names(0, 0), ListQuery::default());
    leptos::task::tick().await;
    assert!(text(&root).contains("There are no groups yet."));
    assert!(root.query_selector("a[href='#new']").unwrap().is_some());

    page.set(Some(Err(ApiError::Forbidden(String::new()))));
    leptos::task::tick().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("You do not have permission")
    );
}

#[wasm_bindgen_test]
async fn a_search_without_results_says_so_and_offers_to_clear_it() {
    let query = ListQuery {
        search: Some("zzz".into()),
        ..Default::default()
    };
    let (root, _, asked) = table(names(0, 0), query);
    leptos::task::tick().await;
    assert!(text(&root).contains("No groups match “zzz”"));
    click(&root, "td.placeholder button");
    assert_eq!(asked.get_untracked().map(|q| q.search), Some(None));
}

#[wasm_bindgen_test]
async fn names_render_as_text_not_html() {
    let hostile = Some(Ok(PagedResults {
        results: vec!["<img src=x onerror=alert(1)>".to_string()],
        total: 1,
    }));
    let (root, _, _) = table(hostile, ListQuery::default());
    leptos::task::tick().await;
    assert!(root.query_selector("tbody img").unwrap().is_none());
    assert!(text(&root).contains("1 group"));
}

/// Resolves once the browser has run the timers due by then.
async fn timers() {
    let (done, fired) = futures::channel::oneshot::channel();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::from_millis(10),
    );
    let _ = fired.await;
}

#[wasm_bindgen_test]
async fn the_row_box_in_focus_keeps_it_when_the_list_is_fetched_again() {
    let page = RwSignal::new(names(3, 3));
    let chosen = RwSignal::new(std::collections::BTreeMap::new());
    let root = mount(move || {
        let columns = vec![Column::new("Name", |n: &String| {
            view! { <span>{n.clone()}</span> }.into_any()
        })];
        let selection = Selectable {
            chosen,
            label: |n: &String| n.clone(),
            enabled: Signal::stored(true),
        };
        view! {
            <DataTable noun="groups" one="group" columns=columns page=page query=ListQuery::default()
                on_query=Callback::new(|_| ()) row_key=|n: &String| n.clone() selection=selection
                empty_action=|| view! { <a href="#new">"Create the first group"</a> }/>
        }
    });
    leptos::task::tick().await;
    let ticked: web_sys::HtmlInputElement = root
        .query_selector("input[data-key='group-1']")
        .unwrap()
        .expect("a checkbox per row")
        .unchecked_into();
    ticked.focus().unwrap();
    ticked.click();
    assert!(chosen.get_untracked().contains_key("group-1"));

    // A refetch (as after a change to many rows): loading, then the same rows again.
    page.set(None);
    leptos::task::tick().await;
    page.set(names(3, 3));
    leptos::task::tick().await;
    timers().await;

    assert!(!ticked.is_connected(), "each answer draws its rows anew");
    let focused = document().active_element().expect("something has focus");
    assert_eq!(
        focused.get_attribute("data-key").as_deref(),
        Some("group-1")
    );
    let focused: web_sys::HtmlInputElement = focused.unchecked_into();
    assert!(focused.checked(), "the new row's box is still ticked");
}
