//! The grid of permissions: resources under their group's heading, each with its description
//! and, in a row of toggle chips, "All" and only the actions that apply to it. The grid takes
//! one Tab stop; arrow keys, Home and End move inside it (see `roving`), Space ticks.

use kestra_model::{Action, Permissions, Resource};
use leptos::html;
use leptos::prelude::*;

use super::grant::{is_granted, row_state, set_row, toggle};
use super::roving::{self, Cell, cell_attr};
use super::vocabulary::{action_label, resource_description, resource_label, sections};

/// Edits the part of a role's permissions that `shown` lists.
#[component]
pub fn PermissionGrid(
    /// The resources and actions to show (the tenant's part of the catalogue).
    #[prop(into)]
    shown: Signal<Permissions>,
    /// The permissions granted now.
    #[prop(into)]
    value: Signal<Permissions>,
    /// Called with the whole new permissions after each change.
    on_change: Callback<Permissions>,
    /// Shows the grant without letting it change.
    #[prop(into)]
    read_only: Signal<bool>,
) -> impl IntoView {
    let grid = NodeRef::<html::Div>::new();
    // Each group's resources, numbered as the grid's rows.
    let numbered = Memo::new(move |_| {
        let mut row = 0;
        shown
            .with(sections)
            .into_iter()
            .map(|(group, resources)| {
                let rows: Vec<(usize, Resource)> = resources
                    .into_iter()
                    .map(|r| {
                        row += 1;
                        (row - 1, r)
                    })
                    .collect();
                (group, rows)
            })
            .collect::<Vec<_>>()
    });
    // How many controls each row has ("All", then its actions): the grid's shape for the keys.
    let widths = Memo::new(move |_| {
        let rows = numbered.with(|s| {
            s.iter()
                .flat_map(|(_, rows)| rows.clone())
                .collect::<Vec<_>>()
        });
        shown.with(|s| {
            rows.iter()
                .map(|(_, r)| 1 + s.get(r).map_or(0, Vec::len))
                .collect::<Vec<_>>()
        })
    });
    // The control in the Tab order: the one last focused, or the first when that one is gone.
    let active = RwSignal::new((0, 0));
    let tab_stop = Memo::new(move |_| {
        let (row, col) = active.get();
        widths.with(|w| {
            if w.get(row).is_some_and(|&n| col < n) {
                (row, col)
            } else {
                (0, 0)
            }
        })
    });
    let row = move |(index, resource): (usize, Resource)| {
        let actions = shown.with_untracked(|s| s.get(&resource).cloned().unwrap_or_default());
        view! { <PermissionRow index=index resource=resource actions=actions shown=shown value=value
        on_change=on_change read_only=read_only tab_stop=tab_stop/> }
    };
    let groups = move || {
        numbered
            .get()
            .into_iter()
            .map(|(group, rows)| {
                let heading = format!("permission-group-{}", rows[0].0);
                view! {
                    <div class="permission-group" role="group" aria-labelledby=heading.clone()>
                        <h2 id=heading.clone()>{group.label()}</h2>
                        {rows.into_iter().map(row).collect_view()}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <Show when=move || !read_only.get()>
            <p class="muted grid-hint" id="permission-grid-hint">
                "The grid is one Tab stop: arrow keys move between permissions, Space ticks one, Home and End go to the ends of a row."
            </p>
        </Show>
        <div class="permission-grid" role="group" aria-label="Permissions by resource"
            aria-describedby=move || (!read_only.get()).then_some("permission-grid-hint") node_ref=grid
            on:focusin=move |ev| {
                if let Some(cell) = roving::cell_of(ev.target()) {
                    active.set(cell);
                }
            }
            on:keydown=move |ev| {
                if let Some(grid) = grid.get_untracked() {
                    widths.with_untracked(|w| roving::on_keydown(&grid, &ev, w));
                }
            }>
            {groups}
        </div>
    }
}

/// One resource: its name, description and wire name, then "All" and its actions.
#[component]
fn PermissionRow(
    index: usize,
    resource: Resource,
    actions: Vec<Action>,
    shown: Signal<Permissions>,
    value: Signal<Permissions>,
    on_change: Callback<Permissions>,
    read_only: Signal<bool>,
    tab_stop: Memo<Cell>,
) -> impl IntoView {
    let label = resource_label(resource);
    let described_by = format!("permission-{}", resource.as_str().to_lowercase());
    let tabindex = move |col: usize| {
        move || {
            if tab_stop.get() == (index, col) {
                "0"
            } else {
                "-1"
            }
        }
    };
    let state = move || shown.with(|s| value.with(|v| row_state(v, s, resource)));
    let chips = actions.into_iter().enumerate().map(|(i, action)| {
        let name = action_label(action);
        view! {
            <label class="chip-toggle">
                <input type="checkbox" aria-label=format!("{label}: {name}") aria-describedby=described_by.clone()
                    data-cell=cell_attr((index, i + 1)) tabindex=tabindex(i + 1)
                    prop:checked=move || value.with(|v| is_granted(v, resource, action))
                    disabled=read_only
                    on:change=move |_| on_change.run(value.with_untracked(|v| toggle(v, resource, action)))/>
                <span>{name}</span>
            </label>
        }
    }).collect_view();

    view! {
        <div class="permission-row">
            <div class="about">
                <span class="name">{label}</span>
                " "<code>{resource.as_str()}</code>
                <small class="muted" id=described_by.clone()>{resource_description(resource)}</small>
            </div>
            <div class="chips-row">
                <label class="chip-toggle all">
                    <input type="checkbox" aria-label=format!("{label}: all actions") aria-describedby=described_by.clone()
                        data-cell=cell_attr((index, 0)) tabindex=tabindex(0)
                        prop:checked=move || state() == Some(true) prop:indeterminate=move || state().is_none()
                        disabled=read_only
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            on_change.run(shown.with_untracked(|s| value.with_untracked(|v| set_row(v, s, resource, on))));
                        }/>
                    <span>"All"</span>
                </label>
                {chips}
            </div>
        </div>
    }
}
