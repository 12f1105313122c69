//! The permission editor of a tenant's role: presets, a count of what is granted, and the
//! grid of resources (grouped, described in plain words) with their actions as toggle chips.
//!
//! It is pure: the page passes the server's catalogue (which actions apply to which resource),
//! the current permissions and Kestra's role templates, and gets every change back through
//! `on_change`. Instance-wide resources are not shown (a tenant's role has no business granting
//! them), and what the editor does not show is handed back unchanged, never dropped silently;
//! a note says it is there and offers to remove it.
//!
//! Its vocabulary (resources and actions in plain words, the resource groups) and its keyboard
//! moves (`roving`) are public: the effective-access page reads permissions in the same words
//! and moves through its matrix with the same keys.

mod grant;
mod grid;
mod presets;
pub mod roving;
mod toolbar;
pub mod vocabulary;

use kestra_model::Permissions;
use leptos::prelude::*;

use grant::{count, count_label, outside, permissions_phrase, replace_shown, within};
pub use grant::{normalize, tenant_catalogue};
use grid::PermissionGrid;
use presets::presets;
use toolbar::PresetBar;
use vocabulary::resource_label;

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
    /// Kestra's role templates to start from, as (Kestra's name, permissions), e.g. the
    /// server's `GET /{tenant}/acls/templates`; without any, "Read-only" and "Everything".
    #[prop(optional, into)]
    templates: Signal<Vec<(String, Permissions)>>,
) -> impl IntoView {
    let shown = Memo::new(move |_| catalogue.with(tenant_catalogue));
    let offered = Memo::new(move |_| shown.with(|s| templates.with(|t| presets(s, t))));
    let hidden = Memo::new(move |_| shown.with(|s| value.with(|v| outside(s, v))));
    let pick = move |preset: Permissions| {
        on_change
            .run(shown.with_untracked(|s| value.with_untracked(|v| replace_shown(v, s, &preset))));
    };
    let remove_hidden = move |_: leptos::ev::MouseEvent| {
        on_change.run(shown.with_untracked(|s| value.with_untracked(|v| within(s, v))))
    };
    let hidden_note = move || {
        let kept = hidden.get();
        (!kept.is_empty()).then(|| {
            let names: Vec<&str> = kept.keys().map(|r| resource_label(*r)).collect();
            view! {
                <p class="alert matrix-note" role="note">
                    {format!(
                        "This role also holds {} on {}, which a tenant's role does not offer here.",
                        permissions_phrase(count(&kept)),
                        names.join(", "),
                    )}
                    <Show when=move || !read_only.get()>
                        " Saving keeps them. "<button type="button" on:click=remove_hidden>"Remove them"</button>
                    </Show>
                </p>
            }
        })
    };

    view! {
        <div class="permission-matrix">
            <div class="matrix-toolbar">
                <span class="count" role="status">{move || count_label(value.with(count))}</span>
                <Show when=move || !read_only.get()>
                    <PresetBar presets=offered on_pick=Callback::new(pick)/>
                </Show>
            </div>
            {hidden_note}
            <PermissionGrid shown=shown value=value on_change=on_change read_only=read_only/>
        </div>
    }
}
