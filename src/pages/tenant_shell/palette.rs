//! The command palette: `Ctrl-K` / `Cmd-K` (or the header's Search button) anywhere in a
//! tenant opens one box that jumps to a page, starts an action ("Create group") or finds a
//! person, group, role or service account by name on the server, results grouped by kind,
//! the last places picked first. It follows the ARIA combobox pattern: the focus stays in the
//! box, arrows move the active option (`aria-activedescendant`), Enter goes, Escape closes.

use kestra_model::{Action, Resource};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::query::ListQuery;
use crate::api::{self};
use crate::components::leave_guard::use_leave_guard;
use crate::config::RuntimeConfig;
use crate::routes::{self, use_tenant};
use crate::session::use_session;

use super::sections;

/// How many of each kind the server is asked for.
const PER_KIND: usize = 5;
/// How many recent picks are kept.
const RECENT: usize = 5;
const RECENT_KEY: &str = "kestra-admin.palette-recent";

/// One result: what it is, what it is called, and where it leads (below the router's base).
#[derive(Clone, Debug, PartialEq)]
struct Item {
    kind: &'static str,
    label: String,
    detail: Option<String>,
    path: String,
}

/// The actions offered, with the right each needs: (label, page, resource, action).
type Offer = (&'static str, fn(&str) -> String, Resource, Action);
const ACTIONS: [Offer; 7] = [
    (
        "Create group",
        routes::group_new,
        Resource::Group,
        Action::Create,
    ),
    (
        "Create role",
        routes::role_new,
        Resource::Role,
        Action::Create,
    ),
    (
        "Give a role",
        |t| routes::binding_new(t, None),
        Resource::Binding,
        Action::Create,
    ),
    (
        "Invite someone",
        |t| routes::invitation_new(t, None),
        Resource::Invitation,
        Action::Create,
    ),
    (
        "Create service account",
        routes::service_account_new,
        Resource::ServiceAccount,
        Action::Create,
    ),
    (
        "Export access as code",
        |t| routes::access_export(t, None),
        Resource::Binding,
        Action::List,
    ),
    (
        "Copy access to another tenant",
        |t| routes::access_copy(t, None),
        Resource::Binding,
        Action::List,
    ),
];

/// The header's Search button and the palette it opens.
#[component]
pub fn CommandPalette() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let dialog = NodeRef::<html::Dialog>::new();
    let input = NodeRef::<html::Input>::new();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let open = move || {
        text.set(String::new());
        active.set(0);
        if let Some(dialog) = dialog.get_untracked()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open();
        }
    });
    on_cleanup(move || shortcut.remove());

    // Found on the server as the user types (two letters at least).
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get().trim().to_string());
        async move {
            if q.chars().count() < 2 {
                return Vec::new();
            }
            search(&tenant, &q).await
        }
    });
    let items = Memo::new(move |_| {
        let (tenant, q) = (tenant.get(), text.get().trim().to_lowercase());
        let matches = |label: &str| q.is_empty() || label.to_lowercase().contains(&q);
        let mut items: Vec<Item> = Vec::new();
        if q.is_empty() {
            items.extend(recent());
        }
        items.extend(
            sections::visible(session, &tenant)
                .filter(|s| matches(s.label))
                .map(|s| Item {
                    kind: "Pages",
                    label: s.label.to_string(),
                    detail: None,
                    path: (s.link)(&tenant),
                }),
        );
        items.extend(
            ACTIONS
                .iter()
                .filter(|(label, _, resource, action)| {
                    matches(label) && session.may(&tenant, *resource, *action) != Some(false)
                })
                .map(|(label, page, ..)| Item {
                    kind: "Actions",
                    label: label.to_string(),
                    detail: None,
                    path: page(&tenant),
                }),
        );
        items.extend(found.get().unwrap_or_default());
        items
    });
    let navigate = use_navigate();
    let unsaved = use_leave_guard();
    let base = expect_context::<RuntimeConfig>().router_base();
    let go = move |item: Item| {
        remember(&item);
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        if unsaved.may_leave_for(format!("{base}{}", item.path)) {
            navigate(&item.path, Default::default());
        }
    };
    let go = StoredValue::new_local(go);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = items.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|i| *i = (*i + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|i| *i = (*i + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                let picked =
                    items.with_untracked(|items| items.get(active.get_untracked()).cloned());
                if let Some(item) = picked {
                    go.with_value(|go| go(item));
                }
            }
            _ => {}
        }
    };
    // A new search starts at its first result.
    Effect::new(move |_| {
        text.track();
        active.set(0);
    });
    let option_id = |index: usize| format!("palette-option-{index}");
    let listing = move || {
        let items = items.get();
        let mut groups: Vec<(&'static str, Vec<(usize, Item)>)> = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            match groups.last_mut() {
                Some((kind, members)) if *kind == item.kind => members.push((index, item)),
                _ => groups.push((item.kind, vec![(index, item)])),
            }
        }
        groups
            .into_iter()
            .map(|(kind, members)| {
                let options = members
                    .into_iter()
                    .map(|(index, item)| {
                        let picked = item.clone();
                        view! {
                            <div role="option" id=option_id(index) class="palette-option"
                                class:active=move || active.get() == index
                                aria-selected=move || (active.get() == index).to_string()
                                on:mousedown=move |ev| ev.prevent_default()
                                on:click=move |_| go.with_value(|go| go(picked.clone()))>
                                <span>{item.label.clone()}</span>
                                {item.detail.clone().map(|d| view! { <span class="muted">{d}</span> })}
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <div role="group" aria-label=kind class="palette-group">
                        <div class="palette-kind" aria-hidden="true">{kind}</div>
                        {options}
                    </div>
                }
            })
            .collect_view()
    };
    let status = move || match items.with(Vec::len) {
        0 if found.get().is_none() => "Searching…".to_string(),
        0 => "Nothing matches.".to_string(),
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    };
    view! {
        <button type="button" class="palette-button" aria-label="Search" aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| open()>
            "Search" <kbd aria-hidden="true">"Ctrl K"</kbd>
        </button>
        <dialog node_ref=dialog class="palette" aria-label="Search and go">
            <input node_ref=input type="text" role="combobox" aria-expanded="true"
                aria-controls="palette-list" aria-autocomplete="list" autocomplete="off"
                aria-label="Search pages, actions, people, groups, roles and service accounts"
                placeholder="Go to a page, an action, a person, a group…"
                aria-activedescendant=move || (items.with(|i| !i.is_empty())).then(|| option_id(active.get()))
                bind:value=text on:keydown=on_key/>
            <div id="palette-list" role="listbox" aria-label="Results" class="palette-list">
                {listing}
            </div>
            <p class="muted palette-status" role="status">{status}</p>
        </dialog>
    }
}

/// People, groups, roles and service accounts of `tenant` matching `q`, a few of each, asked
/// at once; a kind the user may not list, or that fails, adds nothing.
async fn search(tenant: &str, q: &str) -> Vec<Item> {
    let query = ListQuery {
        size: PER_KIND as u32,
        search: Some(q.to_string()),
        ..Default::default()
    };
    let (people, groups, roles, accounts) = futures::join!(
        api::tenant_access::autocomplete(tenant, q, true),
        api::groups::autocomplete(tenant, q),
        api::roles::autocomplete(tenant, q),
        api::service_accounts::list_in_tenant(tenant, &query),
    );
    let mut items = Vec::new();
    items.extend(
        people
            .unwrap_or_default()
            .into_iter()
            .take(PER_KIND)
            .filter_map(|u| {
                let id = u.id?;
                let username = u.username.unwrap_or_default();
                let label = u
                    .display_name
                    .filter(|n| !n.is_empty())
                    .unwrap_or(username.clone());
                Some(Item {
                    kind: "People",
                    detail: (label != username).then_some(username),
                    label,
                    path: routes::user(tenant, &id),
                })
            }),
    );
    items.extend(
        groups
            .unwrap_or_default()
            .into_iter()
            .take(PER_KIND)
            .map(|g| Item {
                kind: "Groups",
                path: routes::group(tenant, &g.id),
                label: g.name,
                detail: g.description,
            }),
    );
    items.extend(
        roles
            .unwrap_or_default()
            .into_iter()
            .take(PER_KIND)
            .map(|r| Item {
                kind: "Roles",
                path: routes::role(tenant, &r.id),
                label: r.name,
                detail: r.description,
            }),
    );
    let accounts = accounts.map(|page| page.results).unwrap_or_default();
    items.extend(accounts.into_iter().take(PER_KIND).filter_map(|a| {
        Some(Item {
            kind: "Service accounts",
            path: routes::service_account(tenant, a.id.as_deref()?),
            label: a.label().to_string(),
            detail: a.description,
        })
    }));
    items
}

/// The last places picked, newest first, from this browser's storage.
fn recent() -> Vec<Item> {
    let stored = storage()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        .unwrap_or_default();
    stored
        .lines()
        .filter_map(|line| {
            let (label, path) = line.split_once('\t')?;
            Some(Item {
                kind: "Recent",
                label: label.to_string(),
                detail: None,
                path: path.to_string(),
            })
        })
        .collect()
}

/// Puts `item` first among the recent picks (label and path only: nothing secret).
fn remember(item: &Item) {
    let Some(storage) = storage() else { return };
    let mut lines = vec![format!("{}\t{}", item.label.replace('\t', " "), item.path)];
    lines.extend(
        recent()
            .into_iter()
            .filter(|r| r.path != item.path)
            .map(|r| format!("{}\t{}", r.label, r.path)),
    );
    lines.truncate(RECENT);
    let _ = storage.set_item(RECENT_KEY, &lines.join("\n"));
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
