//! The permission editor: a grid of resources (rows) by actions (columns), one checkbox per
//! permission, with a toggle per row and per column, presets (Kestra's role templates when the
//! server has them, else "read-only" and "everything") and a count of what is granted.
//!
//! It is pure: the page passes the server's catalogue (which actions apply to which resource)
//! and the current permissions, and gets every change back through `on_change`. Rows and columns
//! follow the order of Kestra's `Resource` and `Action` enums; cells that the catalogue does not
//! list are rendered empty, not as checkboxes. Arrow keys move between checkboxes.

use kestra_model::{Action, Permissions, Resource};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Edits a role's permissions within `catalogue`.
#[component]
pub fn PermissionMatrix(
    /// Every resource and the actions that apply to it (`GET /{tenant}/acls/permissions`).
    #[prop(into)]
    catalogue: Signal<Permissions>,
    /// The permissions granted now.
    #[prop(into)]
    value: Signal<Permissions>,
    /// Called with the whole new permissions after each change.
    on_change: Callback<Permissions>,
    /// Shows the grant without letting it change (e.g. a managed role).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Preset roles to start from, as (Kestra's name, permissions), e.g. the server's
    /// `GET /{tenant}/acls/templates`; without any, "Read-only" and "Everything" are offered.
    #[prop(optional, into)]
    templates: Signal<Vec<(String, Permissions)>>,
) -> impl IntoView {
    let table = NodeRef::<html::Table>::new();
    let rows = Memo::new(move |_| catalogue.with(rows));
    let columns = Memo::new(move |_| catalogue.with(columns));
    let change = move |edit: &dyn Fn(&mut Permissions, &Permissions)| {
        let mut next = value.get_untracked();
        catalogue.with_untracked(|c| edit(&mut next, c));
        on_change.run(normalize(next));
    };
    let granted = move |r: Resource, a: Action| value.with(|p| is_granted(p, r, a));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let (dr, dc) = match ev.key().as_str() {
            "ArrowUp" => (-1, 0),
            "ArrowDown" => (1, 0),
            "ArrowLeft" => (0, -1),
            "ArrowRight" => (0, 1),
            _ => return,
        };
        if let Some(table) = table.get_untracked()
            && move_focus(&table, &ev, dr, dc)
        {
            ev.prevent_default();
        }
    };

    let header =
        move || {
            columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(c, action)| {
                let all = move || {
                    let on = catalogue.with(|cat| column_state(&value.get(), cat, action));
                    on == Some(true)
                };
                let some = move || {
                    catalogue.with(|cat| column_state(&value.get(), cat, action)).is_none()
                };
                view! {
                    <th scope="col">
                        <label class="column-toggle">
                            <span>{action.as_str()}</span>
                            <input type="checkbox" aria-label=format!("{action} on every resource")
                                data-row="-1" data-col=c.to_string()
                                prop:checked=all prop:indeterminate=some disabled=read_only
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    change(&|p, cat| set_column(p, cat, action, on));
                                }/>
                        </label>
                    </th>
                }
            })
            .collect_view()
        };
    let body = move || {
        let columns = columns.get();
        rows.get()
            .into_iter()
            .enumerate()
            .map(|(r, resource)| {
                let applicable = catalogue.with(|c| c.get(&resource).cloned().unwrap_or_default());
                let all = move || {
                    catalogue.with(|cat| row_state(&value.get(), cat, resource)) == Some(true)
                };
                let some =
                    move || catalogue.with(|cat| row_state(&value.get(), cat, resource)).is_none();
                let cells = columns
                    .iter()
                    .enumerate()
                    .map(|(c, &action)| {
                        if !applicable.contains(&action) {
                            return view! { <td class="na"></td> }.into_any();
                        }
                        view! {
                            <td>
                                <input type="checkbox" aria-label=format!("{resource}: {action}")
                                    data-row=r.to_string() data-col=c.to_string()
                                    prop:checked=move || granted(resource, action) disabled=read_only
                                    on:change=move |_| change(&|p, _| toggle(p, resource, action))/>
                            </td>
                        }
                        .into_any()
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">
                            <label class="row-toggle">
                                <input type="checkbox" aria-label=format!("All {resource} actions")
                                    data-row=r.to_string() data-col="-1"
                                    prop:checked=all prop:indeterminate=some disabled=read_only
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        change(&|p, cat| set_row(p, cat, resource, on));
                                    }/>
                                <span>{resource.as_str()}</span>
                            </label>
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="permission-matrix">
            <div class="matrix-toolbar">
                <span class="count" role="status">{move || count_label(value.with(count))}</span>
                <Show when=move || !read_only.get()>
                    <Show when=move || templates.with(Vec::is_empty) fallback=move || view! {
                        <span class="templates" role="group" aria-labelledby="matrix-templates">
                            <span class="muted" id="matrix-templates">"Start from:"</span>
                            {move || templates.get().into_iter().map(|(name, permissions)| {
                                let permissions = StoredValue::new(permissions);
                                view! {
                                    <button type="button"
                                        on:click=move |_| on_change.run(catalogue.with_untracked(|c| within(c, &permissions.get_value())))>
                                        {template_label(&name)}
                                    </button>
                                }
                            }).collect_view()}
                        </span>
                    }>
                        <button type="button" on:click=move |_| on_change.run(catalogue.with_untracked(read_only_preset))>"Read-only"</button>
                        <button type="button" on:click=move |_| on_change.run(catalogue.with_untracked(everything))>"Everything"</button>
                    </Show>
                    <button type="button" on:click=move |_| on_change.run(Permissions::new())>"Clear"</button>
                </Show>
            </div>
            <div class="matrix-scroll">
                <table node_ref=table aria-label="Permissions" on:keydown=on_keydown>
                    <thead><tr><th scope="col" class="corner">"Resource"</th>{header}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

/// The resources of the catalogue, in the enum's order (`UNKNOWN` never shows).
pub fn rows(catalogue: &Permissions) -> Vec<Resource> {
    Resource::ALL
        .iter()
        .copied()
        .filter(|r| *r != Resource::Unknown && catalogue.get(r).is_some_and(|a| !a.is_empty()))
        .collect()
}

/// The actions that apply to at least one resource, in the enum's order.
pub fn columns(catalogue: &Permissions) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| *a != Action::Unknown && catalogue.values().any(|list| list.contains(a)))
        .collect()
}

/// How many actions are granted, over all resources.
pub fn count(permissions: &Permissions) -> usize {
    permissions.values().map(Vec::len).sum()
}

/// "12 permissions granted".
pub fn count_label(count: usize) -> String {
    match count {
        1 => "1 permission granted".to_string(),
        n => format!("{n} permissions granted"),
    }
}

/// Every action of every resource shown.
pub fn everything(catalogue: &Permissions) -> Permissions {
    keep(catalogue, |_| true)
}

/// `VIEW` and `LIST` on every resource where they apply.
pub fn read_only_preset(catalogue: &Permissions) -> Permissions {
    keep(catalogue, |a| matches!(a, Action::View | Action::List))
}

/// `template`'s permissions that the catalogue shows (a template may name more than a server's
/// catalogue lists), normalised.
pub fn within(catalogue: &Permissions, template: &Permissions) -> Permissions {
    let kept = template.iter().filter_map(|(resource, actions)| {
        let shown = catalogue.get(resource)?;
        Some((
            *resource,
            actions
                .iter()
                .copied()
                .filter(|a| shown.contains(a))
                .collect(),
        ))
    });
    normalize(kept.collect())
}

/// A template's name as a person reads it: `DEVELOPER` → "Developer".
fn template_label(name: &str) -> String {
    let lower = name.to_lowercase().replace('_', " ");
    let mut chars = lower.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The catalogue's rows, with the actions `wanted` keeps.
fn keep(catalogue: &Permissions, wanted: impl Fn(Action) -> bool) -> Permissions {
    let kept = rows(catalogue).into_iter().map(|r| {
        let actions = catalogue[&r]
            .iter()
            .copied()
            .filter(|a| wanted(*a))
            .collect();
        (r, actions)
    });
    normalize(kept.collect())
}

/// Actions in the enum's order, each once, and no resource left with an empty list: the shape
/// the server answers with, so an unchanged role compares equal to what was loaded.
pub fn normalize(mut permissions: Permissions) -> Permissions {
    for actions in permissions.values_mut() {
        actions.sort();
        actions.dedup();
    }
    permissions.retain(|_, actions| !actions.is_empty());
    permissions
}

fn is_granted(permissions: &Permissions, resource: Resource, action: Action) -> bool {
    permissions
        .get(&resource)
        .is_some_and(|a| a.contains(&action))
}

fn toggle(permissions: &mut Permissions, resource: Resource, action: Action) {
    let actions = permissions.entry(resource).or_default();
    if let Some(i) = actions.iter().position(|a| *a == action) {
        actions.remove(i);
    } else {
        actions.push(action);
    }
}

fn set(permissions: &mut Permissions, resource: Resource, action: Action, on: bool) {
    if is_granted(permissions, resource, action) != on {
        toggle(permissions, resource, action);
    }
}

fn set_row(permissions: &mut Permissions, catalogue: &Permissions, resource: Resource, on: bool) {
    for &action in catalogue.get(&resource).into_iter().flatten() {
        set(permissions, resource, action, on);
    }
}

fn set_column(permissions: &mut Permissions, catalogue: &Permissions, action: Action, on: bool) {
    for (&resource, actions) in catalogue {
        if actions.contains(&action) {
            set(permissions, resource, action, on);
        }
    }
}

/// `Some(true)` when every applicable cell of the row is granted, `Some(false)` when none is,
/// `None` when some are (the toggle shows as indeterminate).
fn row_state(
    permissions: &Permissions,
    catalogue: &Permissions,
    resource: Resource,
) -> Option<bool> {
    let cells = catalogue.get(&resource).into_iter().flatten();
    all_or_none(cells.map(|&a| is_granted(permissions, resource, a)))
}

fn column_state(
    permissions: &Permissions,
    catalogue: &Permissions,
    action: Action,
) -> Option<bool> {
    let cells = catalogue
        .iter()
        .filter(|(_, actions)| actions.contains(&action));
    all_or_none(cells.map(|(&r, _)| is_granted(permissions, r, action)))
}

fn all_or_none(cells: impl Iterator<Item = bool>) -> Option<bool> {
    let (mut any_on, mut any_off) = (false, false);
    for on in cells {
        any_on |= on;
        any_off |= !on;
    }
    match (any_on, any_off) {
        (true, true) => None,
        (on, _) => Some(on),
    }
}

/// Moves focus from the checkbox that got the key to the next one in direction (`dr`, `dc`),
/// skipping inapplicable cells; false when there is none.
fn move_focus(
    table: &web_sys::HtmlTableElement,
    ev: &leptos::ev::KeyboardEvent,
    dr: i32,
    dc: i32,
) -> bool {
    let Some(from) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let read = |name: &str| from.get_attribute(name).and_then(|v| v.parse::<i32>().ok());
    let (Some(mut row), Some(mut col)) = (read("data-row"), read("data-col")) else {
        return false;
    };
    // At most one full sweep of the grid in that direction.
    for _ in 0..200 {
        row += dr;
        col += dc;
        if row < -1 || col < -1 {
            return false;
        }
        let selector = format!("input[data-row=\"{row}\"][data-col=\"{col}\"]");
        match table.query_selector(&selector) {
            Ok(Some(next)) => {
                if let Ok(next) = next.dyn_into::<web_sys::HtmlElement>() {
                    let _ = next.focus();
                }
                return true;
            }
            _ if row > 200 || col > 200 => return false,
            _ => continue,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_cut_to_what_the_catalogue_shows_and_named_for_people() {
        let template = Permissions::from([
            (
                Resource::Flow,
                vec![Action::Execute, Action::View, Action::Delete],
            ),
            (Resource::Instance, vec![Action::View]),
        ]);
        assert_eq!(
            within(&catalogue(), &template),
            Permissions::from([(Resource::Flow, vec![Action::View, Action::Execute])])
        );
        assert_eq!(template_label("DEVELOPER"), "Developer");
        assert_eq!(template_label("KILL_SWITCH"), "Kill switch");
    }

    fn catalogue() -> Permissions {
        Permissions::from([
            (
                Resource::Flow,
                vec![Action::View, Action::List, Action::Execute],
            ),
            (
                Resource::Group,
                vec![Action::View, Action::List, Action::ManageMembers],
            ),
            (Resource::Unknown, vec![Action::View]),
        ])
    }

    #[test]
    fn rows_and_columns_follow_the_enums_and_only_the_catalogue() {
        assert_eq!(rows(&catalogue()), [Resource::Flow, Resource::Group]);
        assert_eq!(
            columns(&catalogue()),
            [
                Action::View,
                Action::List,
                Action::Execute,
                Action::ManageMembers
            ]
        );
    }

    #[test]
    fn row_and_column_toggles_touch_only_applicable_cells() {
        let mut p = Permissions::new();
        set_column(&mut p, &catalogue(), Action::Execute, true);
        assert_eq!(
            normalize(p.clone()),
            Permissions::from([(Resource::Flow, vec![Action::Execute])])
        );
        set_row(&mut p, &catalogue(), Resource::Group, true);
        assert_eq!(row_state(&p, &catalogue(), Resource::Group), Some(true));
        assert_eq!(column_state(&p, &catalogue(), Action::View), None);
        set_row(&mut p, &catalogue(), Resource::Group, false);
        assert_eq!(count(&normalize(p)), 1);
    }

    #[test]
    fn normalized_permissions_match_the_servers_json() {
        let mut p = Permissions::new();
        toggle(&mut p, Resource::Flow, Action::Execute);
        toggle(&mut p, Resource::Flow, Action::View);
        toggle(&mut p, Resource::Group, Action::List);
        toggle(&mut p, Resource::Group, Action::List);
        let json = serde_json::to_string(&normalize(p)).unwrap();
        assert_eq!(json, r#"{"FLOW":["VIEW","EXECUTE"]}"#);
        assert_eq!(count_label(1), "1 permission granted");
        assert_eq!(count(&read_only_preset(&catalogue())), 4);
        assert_eq!(count(&everything(&catalogue())), 6);
    }
}
