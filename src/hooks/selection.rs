//! The rows a list has selected for a change to many at once: kept across pages (and
//! searches) until cleared or the tenant changes, plus "select all N matching", which asks the
//! server for every row the current search matches, in pages of [`GATHER_PAGE`], with progress.
//! The table draws the checkboxes (`components::data_table::Selectable`); the bulk section acts.

use std::collections::BTreeMap;
use std::future::Future;

use kestra_model::PagedResults;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::query::ListQuery;
use crate::components::data_table::Selectable;

/// How many rows one request of "select all matching" reads.
pub const GATHER_PAGE: u32 = 500;

/// A list's selection: ids with the names the list shows for them.
#[derive(Clone, Copy)]
pub struct Selection {
    /// The selected ids, each with its name ("Gavin Belson").
    pub chosen: RwSignal<BTreeMap<String, String>>,
    /// While "select all matching" reads: (rows read, rows matching).
    pub gathering: RwSignal<Option<(u64, u64)>>,
    /// Why "select all matching" stopped, when it failed.
    pub gather_error: RwSignal<Option<String>>,
    /// Bumped by `clear`, so a gathering still under way stops adding.
    generation: StoredValue<u32>,
}

/// A selection that empties when `tenant` changes.
pub fn use_selection(tenant: Memo<String>) -> Selection {
    let selection = Selection {
        chosen: RwSignal::new(BTreeMap::new()),
        gathering: RwSignal::new(None),
        gather_error: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    Effect::new(move |previous: Option<String>| {
        let now = tenant.get();
        if previous.is_some_and(|p| p != now) {
            selection.clear();
        }
        now
    });
    selection
}

impl Selection {
    /// How many rows are selected.
    pub fn count(self) -> usize {
        self.chosen.with(BTreeMap::len)
    }

    /// The selected rows as `(id, name)`.
    pub fn items(self) -> Vec<(String, String)> {
        self.chosen.get_untracked().into_iter().collect::<Vec<_>>()
    }

    /// Selects nothing, and stops a "select all matching" under way.
    pub fn clear(self) {
        self.generation.update_value(|g| *g += 1);
        self.chosen.set(BTreeMap::new());
        self.gathering.set(None);
        self.gather_error.set(None);
    }

    /// Unselects `ids` (those a change went through for).
    pub fn remove(self, ids: &[String]) {
        self.chosen.update(|c| {
            for id in ids {
                c.remove(id);
            }
        });
    }

    /// The table's checkboxes for rows of `T`, named by `label`, shown while `enabled`.
    pub fn selectable<T>(self, label: fn(&T) -> String, enabled: Signal<bool>) -> Selectable<T> {
        Selectable {
            chosen: self.chosen,
            label,
            enabled,
        }
    }

    /// Adds every row the list's search `query` matches: `fetch` reads one page of it (the
    /// same search, larger pages), `row` names a row as `(id, name)`. Progress shows in
    /// `gathering`; a failure stops it, keeping what was read, and says why in `gather_error`.
    pub fn select_all_matching<T, F, Fut>(
        self,
        query: ListQuery,
        fetch: F,
        row: fn(&T) -> Option<(String, String)>,
    ) where
        T: 'static,
        F: Fn(ListQuery) -> Fut + 'static,
        Fut: Future<Output = Result<PagedResults<T>, ApiError>> + 'static,
    {
        if self.gathering.get_untracked().is_some() {
            return;
        }
        let mine = self.generation.get_value();
        self.gather_error.set(None);
        self.gathering.set(Some((0, 0)));
        leptos::task::spawn_local(async move {
            let mut page = 1;
            let mut read = 0u64;
            loop {
                let answer = fetch(ListQuery {
                    page,
                    size: GATHER_PAGE,
                    ..query.clone()
                })
                .await;
                if self.generation.get_value() != mine {
                    return;
                }
                match answer {
                    Ok(found) => {
                        let last = found.results.len() < GATHER_PAGE as usize;
                        read += found.results.len() as u64;
                        self.chosen
                            .update(|c| c.extend(found.results.iter().filter_map(row)));
                        self.gathering.set(Some((read, found.total)));
                        if last || read >= found.total {
                            break;
                        }
                        page += 1;
                    }
                    Err(error) => {
                        self.gather_error.set(Some(error.user_message()));
                        break;
                    }
                }
            }
            self.gathering.set(None);
        });
    }
}
