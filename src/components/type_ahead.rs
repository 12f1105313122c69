//! A text box that suggests matches as the user types (a WAI-ARIA combobox). The page looks
//! the matches up; this component only shows them and reports the pick.

use leptos::prelude::*;

/// One suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// A second line, e.g. the email under a name.
    pub detail: Option<String>,
}

/// Suggests `options` for what is typed into `text`; arrows move, Enter picks, Escape closes.
#[component]
pub fn TypeAhead(
    /// The accessible name of the text box, e.g. "Add member".
    label: &'static str,
    /// What is typed; the page looks up `options` from it.
    text: RwSignal<String>,
    /// The current suggestions.
    #[prop(into)]
    options: Signal<Vec<Choice>>,
    /// Called with the picked suggestion; the text box is then cleared.
    on_pick: Callback<Choice>,
    /// Placeholder text.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let list_id = format!("type-ahead-{}", label.to_lowercase().replace(' ', "-"));
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let pick = move |choice: Choice| {
        open.set(false);
        text.set(String::new());
        on_pick.run(choice);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                open.set(true);
                active.update(|i| *i = (*i + 1) % count);
            }
            "ArrowUp" if count > 0 => active.update(|i| *i = (*i + count - 1) % count),
            "Enter" if open.get_untracked() => {
                if let Some(choice) =
                    options.with_untracked(|o| o.get(active.get_untracked()).cloned())
                {
                    pick(choice);
                }
            }
            "Escape" => open.set(false),
            _ => return,
        }
        ev.prevent_default();
    };
    let active_id = {
        let option_id = option_id.clone();
        move || open.get().then(|| option_id(active.get()))
    };
    view! {
        <div class="type-ahead">
            <input type="text" role="combobox" aria-label=label aria-autocomplete="list"
                aria-controls=list_id.clone() aria-expanded=move || open.get().to_string()
                aria-activedescendant=active_id placeholder=placeholder autocomplete="off"
                prop:value=move || text.get()
                on:input=move |ev| { text.set(event_target_value(&ev)); active.set(0); open.set(true); }
                on:keydown=on_keydown on:blur=move |_| open.set(false)/>
            <Show when=move || open.get() && !text.with(String::is_empty)>
                <ul id=list_id.clone() role="listbox" aria-label=label class="popover">
                    {
                        let option_id = option_id.clone();
                        move || {
                            let choices = options.get();
                            if choices.is_empty() {
                                return view! { <li class="muted empty">"No matches"</li> }.into_any();
                            }
                            choices.into_iter().enumerate().map(|(i, choice)| {
                                let picked = choice.clone();
                                view! {
                                    <li id=option_id(i) role="option" aria-selected=move || (active.get() == i).to_string()
                                        class:active=move || active.get() == i
                                        on:mousedown=move |ev| { ev.prevent_default(); pick(picked.clone()) }>
                                        <span>{choice.label}</span>
                                        {choice.detail.map(|d| view! { <small class="muted">{d}</small> })}
                                    </li>
                                }
                            }).collect_view().into_any()
                        }
                    }
                </ul>
            </Show>
        </div>
    }
}
