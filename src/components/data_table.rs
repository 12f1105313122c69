//! The one list table: server-side paging, sorting and search, with distinct loading, error,
//! empty and no-results states. The page owns the data; the table reports what the user asks
//! for through `on_query`. A list may offer row selection ([`Selectable`]): a checkbox per row
//! (Shift selects the range from the last one ticked) and one for the whole page; which rows
//! are selected is the page's, so it survives paging.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use kestra_model::PagedResults;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::api::query::{Direction, ListQuery};

/// Page sizes the user can pick.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];

/// How long typing pauses before the search is sent: long enough to send one request for a
/// word typed at speed, short enough that the result follows the last keystroke closely.
const SEARCH_DEBOUNCE_MS: u64 = 150;

/// One column of a [`DataTable`].
pub struct Column<T> {
    title: &'static str,
    sort: Option<&'static str>,
    cell: Arc<dyn Fn(&T) -> AnyView + Send + Sync>,
}

impl<T> Column<T> {
    /// A column titled `title` whose cells `cell` renders.
    pub fn new(
        title: &'static str,
        cell: impl Fn(&T) -> AnyView + Send + Sync + 'static,
    ) -> Column<T> {
        Column {
            title,
            sort: None,
            cell: Arc::new(cell),
        }
    }

    /// Lets the user sort by this column; `field` is the server's sort field.
    pub fn sortable(mut self, field: &'static str) -> Column<T> {
        self.sort = Some(field);
        self
    }
}

/// Row selection a list offers: a checkbox per row and one for the page.
pub struct Selectable<T> {
    /// The selected rows' keys, each with its row's name; the page keeps it across pages.
    pub chosen: RwSignal<BTreeMap<String, String>>,
    /// A row's name, which its checkbox reads ("Select Gavin Belson").
    pub label: fn(&T) -> String,
    /// Whether the checkboxes show (not to those who may change nothing).
    pub enabled: Signal<bool>,
}

impl<T> Clone for Selectable<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Selectable<T> {}

/// A paged, sortable, searchable table of `T`.
#[component]
pub fn DataTable<T>(
    /// What the rows are, in the plural ("groups"): used in counts and messages.
    noun: &'static str,
    /// One row, in the singular ("group"), for a count of one.
    one: &'static str,
    /// The columns, left to right.
    columns: Vec<Column<T>>,
    /// The current page: `None` while loading.
    #[prop(into)]
    page: Signal<Option<Result<PagedResults<T>, ApiError>>>,
    /// The page, size, sort and search being shown.
    #[prop(into)]
    query: Signal<ListQuery>,
    /// Called with the query the user asks for.
    on_query: Callback<ListQuery>,
    /// A stable key per row.
    row_key: fn(&T) -> String,
    /// Shown when there is nothing at all yet (no search active), e.g. a create button.
    #[prop(optional, into)]
    empty_action: ViewFn,
    /// Leaves out the search box, for lists the server cannot search by text.
    #[prop(optional)]
    no_search: bool,
    /// Whether the page's own filters narrow the list, so an empty page means "no match".
    #[prop(optional, into)]
    filtered: Signal<bool>,
    /// Clears the page's own filters, offered when nothing matches them.
    #[prop(optional)]
    on_clear_filters: Option<Callback<()>>,
    /// Row selection with checkboxes, for lists that offer changes to many rows at once.
    #[prop(optional)]
    selection: Option<Selectable<T>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let columns = StoredValue::new(columns);
    // The last rows shown stay on screen (dimmed) while the next page loads: no flicker.
    let shown = RwSignal::new(None::<PagedResults<T>>);
    // Counts the answers shown: each one draws its rows afresh (see `body_rows`).
    let answer = RwSignal::new(0u64);
    Effect::new(move |_| {
        if let Some(Ok(results)) = page.get() {
            let focused = focused_row();
            shown.set(Some(results));
            answer.update(|n| *n += 1);
            // The ticked box the keyboard was on went with the old rows: give focus to the
            // same row's box in the new ones, once they are drawn.
            if let Some(key) = focused {
                set_timeout(move || focus_row(&key), std::time::Duration::ZERO);
            }
        }
    });
    let loading = move || page.with(Option::is_none);
    let error = move || page.get().and_then(Result::err);

    let search = RwSignal::new(query.get_untracked().search.unwrap_or_default());
    let typed = StoredValue::new(0u32);
    let on_search_input = move |ev| {
        search.set(event_target_value(&ev));
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.get_value() == mine {
                    let text = search.get_untracked();
                    let next = ListQuery {
                        page: 1,
                        search: Some(text).filter(|t| !t.trim().is_empty()),
                        ..query.get_untracked()
                    };
                    if next != query.get_untracked() {
                        on_query.run(next);
                    }
                }
            },
            std::time::Duration::from_millis(SEARCH_DEBOUNCE_MS),
        );
    };
    let sort_by = move |field: &'static str| {
        let current = query.get_untracked();
        let direction = match current.sort.first() {
            Some((f, Direction::Asc)) if f == field => Direction::Desc,
            _ => Direction::Asc,
        };
        on_query.run(ListQuery {
            page: 1,
            sort: vec![(field.to_string(), direction)],
            ..current
        });
    };
    let go_to = move |page: u32| {
        on_query.run(ListQuery {
            page,
            ..query.get_untracked()
        })
    };
    let total = move || shown.with(|s| s.as_ref().map(|r| r.total).unwrap_or(0));
    let pages = move || total().div_ceil(u64::from(query.get().size.max(1))).max(1) as u32;

    let header = move || {
        columns.with_value(|columns| {
            columns
                .iter()
                .map(|column| {
                    let title = column.title;
                    match column.sort {
                        // A column of row actions has no title to show; screen readers still
                        // hear one.
                        None if title.is_empty() => view! {
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        }
                        .into_any(),
                        None => view! { <th scope="col">{title}</th> }.into_any(),
                        Some(field) => {
                            let state = move || match query.get().sort.first() {
                                Some((f, Direction::Asc)) if f == field => "ascending",
                                Some((f, Direction::Desc)) if f == field => "descending",
                                _ => "none",
                            };
                            view! {
                                <th scope="col" aria-sort=state>
                                    <button type="button" class="sort" on:click=move |_| sort_by(field)>
                                        {title}
                                        <span aria-hidden="true" class="sort-mark">{move || match state() {
                                            "ascending" => " ▲",
                                            "descending" => " ▼",
                                            _ => "",
                                        }}</span>
                                    </button>
                                </th>
                            }
                            .into_any()
                        }
                    }
                })
                .collect_view()
        })
    };
    // One memo for every row: a thousand rows read it, not the permission checks behind it.
    let selecting = Memo::new(move |_| selection.is_some_and(|s| s.enabled.get()));
    let column_count = move || columns.with_value(Vec::len) + usize::from(selecting.get());

    // The row last ticked or unticked, where a Shift-click's range starts.
    let anchor = StoredValue::new(None::<String>);
    let page_keys = move || -> Vec<String> {
        shown.with(|s| {
            s.as_ref()
                .map(|r| r.results.iter().map(row_key).collect())
                .unwrap_or_default()
        })
    };
    // The rows of this page among `keys`, with their names, in the page's order.
    let named = move |keys: &[String]| -> Vec<(String, String)> {
        let Some(selection) = selection else {
            return Vec::new();
        };
        let keys: BTreeSet<&String> = keys.iter().collect();
        shown.with(|s| {
            s.iter()
                .flat_map(|r| &r.results)
                .filter_map(|row| {
                    let key = row_key(row);
                    keys.contains(&key).then(|| (key, (selection.label)(row)))
                })
                .collect()
        })
    };
    let toggle_row = move |key: String, shift: bool| {
        let Some(selection) = selection else { return };
        let on = !selection.chosen.with_untracked(|c| c.contains_key(&key));
        let keys = page_keys();
        let anchor_key = anchor.get_value().filter(|_| shift);
        let range = named(clicked_range(&keys, anchor_key.as_deref(), &key));
        selection.chosen.update(|chosen| {
            for (k, label) in range {
                if on {
                    chosen.insert(k, label);
                } else {
                    chosen.remove(&k);
                }
            }
        });
        anchor.set_value(Some(key));
    };
    // How many of the page's rows are selected, of how many.
    let page_state = Memo::new(move |_| {
        let Some(selection) = selection else {
            return (0, 0);
        };
        let keys = page_keys();
        let picked = selection
            .chosen
            .with(|c| keys.iter().filter(|k| c.contains_key(*k)).count());
        (picked, keys.len())
    });
    let toggle_page = move |_| {
        let Some(selection) = selection else { return };
        let (picked, of) = page_state.get_untracked();
        let rows = named(&page_keys());
        selection.chosen.update(|chosen| {
            for (key, label) in rows {
                if picked == of {
                    chosen.remove(&key);
                } else {
                    chosen.insert(key, label);
                }
            }
        });
    };
    let select_header = move || {
        selecting.get().then(|| {
            view! {
                <th scope="col" class="select">
                    <input type="checkbox" aria-label="Select all on this page"
                        prop:checked=move || { let (p, of) = page_state.get(); of > 0 && p == of }
                        prop:indeterminate=move || { let (p, of) = page_state.get(); p > 0 && p < of }
                        disabled=move || page_state.get().1 == 0
                        on:change=toggle_page/>
                </th>
            }
        })
    };
    // A row's checkbox carries its key; one listener on the body handles every row's click
    // (and Space, which clicks), so a page of a thousand rows adds no listener per row.
    let select_cell = move |row: &T| {
        let selection = selection?;
        let key = row_key(row);
        let name = format!("Select {}", (selection.label)(row));
        let checked_key = key.clone();
        Some(view! {
            <td class="select">
                <input type="checkbox" aria-label=name data-key=key
                    prop:checked=move || selection.chosen.with(|c| c.contains_key(&checked_key))/>
            </td>
        })
    };
    let on_body_click = move |ev: leptos::ev::MouseEvent| {
        let checkbox = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(key) = checkbox.and_then(|c| c.get_attribute("data-key")) {
            toggle_row(key, ev.shift_key());
        }
    };
    // Each answer draws its rows into a new body, built before it is put in the table, and
    // the old body leaves in one step. Updating rows in place, or a keyed list (a thousand
    // removals, a thousand insertions into the live table), took most of a re-sort's time.
    let body_rows = move |selecting: bool| {
        shown.with_untracked(|s| {
            s.iter()
                .flat_map(|r| &r.results)
                .map(|row| view! {
                    <tr>{selecting.then(|| select_cell(row))}{columns.with_value(|columns| columns.iter().map(|c| view! { <td>{(c.cell)(row)}</td> }).collect_view())}</tr>
                })
                .collect_view()
        })
    };

    view! {
        <div class="data-table">
            <div class="toolbar">
                {(!no_search).then(|| view! {
                    <input type="search" class="search" aria-label=format!("Search {noun}") placeholder=format!("Search {noun}…")
                        prop:value=move || search.get() on:input=on_search_input/>
                })}
                <span class="muted count" role="status">{move || {
                    match (shown.with(Option::is_none), total()) {
                        (true, _) => String::new(),
                        (false, 1) => format!("1 {one}"),
                        (false, n) => format!("{n} {noun}"),
                    }
                }}</span>
            </div>
            {move || error().map(|error| view! {
                <div class="alert error" role="alert">
                    {error.user_message()}
                    " "
                    <button type="button" on:click=move |_| on_query.run(query.get_untracked())>"Retry"</button>
                </div>
            })}
            <table aria-busy=move || loading().to_string()>
                <thead><tr>{select_header}{header}</tr></thead>
                // Rows of the previous answer are dimmed while the next loads; the first
                // "Loading…" is not, so it keeps its contrast.
                <For each=move || [(answer.get(), selecting.get())] key=|drawn| *drawn let((_, selecting))>
                    <tbody class:stale=move || loading() && shown.with(Option::is_some) on:click=on_body_click>
                        {body_rows(selecting)}
                    </tbody>
                </For>
                <tbody>
                    {move || {
                        let empty = shown.with(|s| s.as_ref().is_some_and(|r| r.results.is_empty()));
                        let searching = query.with(|q| q.search.is_some());
                        let narrowed = !searching && filtered.get();
                        match (shown.with(Option::is_none), empty, searching || narrowed) {
                            (true, _, _) if error().is_none() => Some(view! {
                                <tr><td colspan=column_count class="muted placeholder">{format!("Loading {noun}…")}</td></tr>
                            }.into_any()),
                            (false, true, true) if narrowed => Some(view! {
                                <tr><td colspan=column_count class="placeholder">
                                    {format!("No {noun} match these filters. ")}
                                    {on_clear_filters.map(|clear| view! {
                                        <button type="button" on:click=move |_| clear.run(())>"Clear filters"</button>
                                    })}
                                </td></tr>
                            }.into_any()),
                            (false, true, true) => Some(view! {
                                <tr><td colspan=column_count class="placeholder">
                                    {move || format!("No {noun} match “{}”. ", query.get().search.unwrap_or_default())}
                                    <button type="button" on:click=move |_| { search.set(String::new()); on_query.run(ListQuery { page: 1, search: None, ..query.get_untracked() }); }>"Clear search"</button>
                                </td></tr>
                            }.into_any()),
                            (false, true, false) => Some(view! {
                                <tr><td colspan=column_count class="placeholder">
                                    <p>{format!("There are no {noun} yet.")}</p>
                                    {empty_action.run()}
                                </td></tr>
                            }.into_any()),
                            _ => None,
                        }
                    }}
                </tbody>
            </table>
            <nav class="pager" aria-label=format!("Pages of {noun}")>
                <label>"Rows per page "
                    <select on:change=move |ev| {
                        let size = event_target_value(&ev).parse().unwrap_or(25);
                        on_query.run(ListQuery { page: 1, size, ..query.get_untracked() });
                    }>
                        {PAGE_SIZES.iter().map(|size| view! {
                            <option value=size.to_string() selected=move || query.get().size == *size>{size.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" disabled=move || { query.get().page <= 1 } on:click=move |_| go_to(query.get_untracked().page - 1)>"Previous"</button>
                <span>{move || format!("Page {} of {}", query.get().page, pages())}</span>
                <button type="button" disabled=move || { query.get().page >= pages() } on:click=move |_| go_to(query.get_untracked().page + 1)>"Next"</button>
            </nav>
        </div>
    }
}

/// The rows a click on row `key` sets: `rows[anchor..=key]` (either way round) when Shift
/// was held and the anchor (the row last clicked) is on this page, else the clicked row alone;
/// nothing when `key` is not on the page.
fn clicked_range<'a>(rows: &'a [String], anchor: Option<&str>, key: &str) -> &'a [String] {
    let at = |k: &str| rows.iter().position(|r| r == k);
    match (anchor.and_then(at), at(key)) {
        (Some(from), Some(to)) => &rows[from.min(to)..=from.max(to)],
        (None, Some(to)) => &rows[to..=to],
        (_, None) => &[],
    }
}

/// The key of the row whose checkbox has focus, if one has.
fn focused_row() -> Option<String> {
    document().active_element()?.get_attribute("data-key")
}

/// Focuses the checkbox of the row with `key`, unless focus went elsewhere meanwhile: the
/// page's other controls keep it.
fn focus_row(key: &str) {
    if document()
        .active_element()
        .is_some_and(|el| el.tag_name() != "BODY")
    {
        return;
    }
    // Inside a CSS string only a backslash or a double quote (in an id, unlikely) ends it early.
    let key = key.replace('\\', "\\\\").replace('"', "\\\"");
    let found = document()
        .query_selector(&format!("input[data-key=\"{key}\"]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(row_box) = found {
        let _ = row_box.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::clicked_range;

    #[test]
    fn shift_takes_the_range_from_the_last_click_either_way_round() {
        let rows: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let keys = |range: &[String]| range.to_vec();
        assert_eq!(keys(clicked_range(&rows, Some("b"), "d")), ["b", "c", "d"]);
        assert_eq!(
            keys(clicked_range(&rows, Some("d"), "a")),
            ["a", "b", "c", "d"]
        );
        // No anchor, or one on another page: the clicked row alone.
        assert_eq!(keys(clicked_range(&rows, None, "c")), ["c"]);
        assert_eq!(keys(clicked_range(&rows, Some("z"), "c")), ["c"]);
        assert!(clicked_range(&rows, Some("a"), "z").is_empty());
    }
}
