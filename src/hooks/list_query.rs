//! A list's page, size, sort and search live in the URL query (`?page=2&size=50&sort=name:asc&q=ops`),
//! so a reload, a bookmark or a shared link reproduces the same view.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api::query::{Direction, ListQuery};
use crate::api::url::encode;

/// The most rows a list shows at once, asked for by URL (`?size=1000`); the page-size picker
/// offers fewer.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// Reads a list query from URL parameters (`param` looks one up by name); anything missing or
/// malformed takes its default.
pub fn from_params(param: impl Fn(&str) -> Option<String>) -> ListQuery {
    let mut query = ListQuery::default();
    if let Some(page) = param("page").and_then(|p| p.parse::<u32>().ok()) {
        query.page = page.max(1);
    }
    if let Some(size) = param("size").and_then(|s| s.parse::<u32>().ok()) {
        query.size = size.clamp(1, MAX_PAGE_SIZE);
    }
    if let Some(sort) = param("sort").as_deref().and_then(parse_sort) {
        query.sort = vec![sort];
    }
    query.search = param("q").filter(|q| !q.trim().is_empty());
    query
}

/// The URL query for a list query, leaving out defaults; empty when everything is default.
pub fn to_search(query: &ListQuery) -> String {
    let defaults = ListQuery::default();
    let mut parts = Vec::new();
    if query.page != defaults.page {
        parts.push(format!("page={}", query.page));
    }
    if query.size != defaults.size {
        parts.push(format!("size={}", query.size));
    }
    if let Some((field, direction)) = query.sort.first() {
        let dir = if *direction == Direction::Asc {
            "asc"
        } else {
            "desc"
        };
        parts.push(format!("sort={}", encode(&format!("{field}:{dir}"))));
    }
    if let Some(q) = &query.search {
        parts.push(format!("q={}", encode(q)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn parse_sort(text: &str) -> Option<(String, Direction)> {
    let (field, dir) = text.split_once(':').unwrap_or((text, "asc"));
    let direction = match dir {
        "asc" => Direction::Asc,
        "desc" => Direction::Desc,
        _ => return None,
    };
    (!field.is_empty()).then(|| (field.to_string(), direction))
}

/// The current page's list query, and a callback that changes it by navigating (so Back
/// returns to the previous page of results).
pub fn use_list_query() -> (Memo<ListQuery>, Callback<ListQuery>) {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        from_params(|name| params.get(name))
    });
    let location = use_location();
    let navigate = use_navigate();
    let change = Callback::new(move |next: ListQuery| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            resolve: false,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", to_search(&next)), options);
    });
    (query, change)
}

/// Navigates to the current page with a list query plus the page's own filters (e.g.
/// `type=group`), so one URL keeps both; empty filter values are left out.
pub fn use_filtered_navigation() -> Callback<(ListQuery, Vec<(&'static str, String)>)> {
    let location = use_location();
    let navigate = use_navigate();
    Callback::new(
        move |(query, filters): (ListQuery, Vec<(&'static str, String)>)| {
            let mut search = to_search(&query);
            for (name, value) in filters.into_iter().filter(|(_, v)| !v.is_empty()) {
                search.push(if search.is_empty() { '?' } else { '&' });
                search.push_str(&format!("{name}={}", encode(&value)));
            }
            let options = NavigateOptions {
                resolve: false,
                scroll: false,
                ..Default::default()
            };
            navigate(
                &format!("{}{search}", location.pathname.get_untracked()),
                options,
            );
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_list_url_round_trips() {
        let query = ListQuery {
            page: 3,
            size: 50,
            sort: vec![("name".into(), Direction::Desc)],
            search: Some("ops & dev".into()),
            filters: Vec::new(),
        };
        let search = to_search(&query);
        assert_eq!(search, "?page=3&size=50&sort=name%3Adesc&q=ops%20%26%20dev");
        let back = from_params(params(&[
            ("page", "3"),
            ("size", "50"),
            ("sort", "name:desc"),
            ("q", "ops & dev"),
        ]));
        assert_eq!(back, query);
    }

    #[test]
    fn defaults_leave_the_url_clean_and_garbage_falls_back() {
        assert_eq!(to_search(&ListQuery::default()), "");
        let query = from_params(params(&[
            ("page", "-2"),
            ("size", "x"),
            ("sort", "name:sideways"),
            ("q", "  "),
        ]));
        assert_eq!(query, ListQuery::default());
    }
}
