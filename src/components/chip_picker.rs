//! A set of chosen items shown as removable chips, with a type-ahead to add more (e.g. the
//! groups of a new user). The page looks the suggestions up; this component keeps the set.

use leptos::prelude::*;

use crate::components::type_ahead::{Choice, TypeAhead};

/// Chips for `chosen` and a type-ahead that adds to it.
#[component]
pub fn ChipPicker(
    /// What the set is, e.g. "Groups": the visible label, and "Add …" names the text box.
    label: &'static str,
    /// The type-ahead's accessible name, e.g. "Add group".
    add_label: &'static str,
    /// The chosen items.
    chosen: RwSignal<Vec<Choice>>,
    /// What is typed; the page looks up `options` from it.
    text: RwSignal<String>,
    /// The current suggestions.
    #[prop(into)]
    options: Signal<Vec<Choice>>,
    /// Placeholder of the text box.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let add = Callback::new(move |choice: Choice| {
        chosen.update(|list| {
            if !list.iter().any(|c| c.id == choice.id) {
                list.push(choice);
            }
        })
    });
    view! {
        <div class="field">
            <span class="label">{label}</span>
            <ul class="chips" aria-label=format!("Chosen {}", label.to_lowercase())>
                <For each=move || chosen.get() key=|c| c.id.clone() let(item)>
                    <li class="chip">
                        {item.label.clone()}
                        <button type="button" class="ghost" aria-label=format!("Remove {}", item.label)
                            on:click=move |_| chosen.update(|l| l.retain(|c| c.id != item.id))>"×"</button>
                    </li>
                </For>
            </ul>
            <TypeAhead label=add_label text=text options=options on_pick=add placeholder=placeholder/>
        </div>
    }
}
