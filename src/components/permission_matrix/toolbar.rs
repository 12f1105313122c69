//! The presets above the grid: one button per preset and "Clear", in a toolbar that takes one
//! Tab stop (arrow keys, Home and End move between its buttons).

use kestra_model::Permissions;
use leptos::html;
use leptos::prelude::*;

use super::presets::Preset;
use super::roving::{self, cell_attr};

/// Offers `presets`, then "Clear"; `on_pick` gets the chosen preset's permissions (nothing for
/// "Clear").
#[component]
pub fn PresetBar(
    /// The presets, in the order offered.
    #[prop(into)]
    presets: Signal<Vec<Preset>>,
    /// Called with the permissions of the button pressed.
    on_pick: Callback<Permissions>,
) -> impl IntoView {
    let bar = NodeRef::<html::Div>::new();
    // The button in the Tab order: the one last focused.
    let active = RwSignal::new(0usize);
    let button = move |i: usize, label: String, permissions: Permissions| {
        let permissions = StoredValue::new(permissions);
        view! {
            <button type="button" data-cell=cell_attr((0, i))
                tabindex=move || if active.get().min(presets.with(Vec::len)) == i { "0" } else { "-1" }
                on:click=move |_| on_pick.run(permissions.get_value())>
                {label}
            </button>
        }
    };
    let buttons = move || {
        let presets = presets.get();
        let clear = button(presets.len(), "Clear".into(), Permissions::new());
        let offered = presets.into_iter().enumerate();
        (
            offered
                .map(|(i, p)| button(i, p.label, p.permissions))
                .collect_view(),
            clear,
        )
    };
    view! {
        <div class="preset-bar" role="toolbar" aria-labelledby="preset-bar-label" node_ref=bar
            on:focusin=move |ev| {
                if let Some((_, i)) = roving::cell_of(ev.target()) {
                    active.set(i);
                }
            }
            on:keydown=move |ev| {
                if let Some(bar) = bar.get_untracked() {
                    roving::on_keydown(&bar, &ev, &[presets.with_untracked(Vec::len) + 1]);
                }
            }>
            <span class="muted" id="preset-bar-label">"Start from:"</span>
            {buttons}
        </div>
    }
}
