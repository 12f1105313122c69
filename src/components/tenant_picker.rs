//! The header's tenant switcher: a button showing the current tenant that opens a filterable
//! list (a WAI-ARIA combobox), operable entirely with the keyboard.

use kestra_model::MeTenant;
use leptos::html;
use leptos::prelude::*;

/// Lists the tenants the user may use; typing filters them by name or id, the arrow keys move
/// through them, Enter picks one and Escape closes the list.
#[component]
pub fn TenantPicker(
    /// The tenants to offer.
    #[prop(into)]
    tenants: Signal<Vec<MeTenant>>,
    /// The id of the current tenant.
    #[prop(into)]
    current: Signal<String>,
    /// Called with the id of the tenant the user picked.
    on_pick: Callback<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input_ref = NodeRef::<html::Input>::new();
    let button_ref = NodeRef::<html::Button>::new();

    let matches = Memo::new(move |_| filter_tenants(&tenants.get(), &filter.get()));
    let current_label = move || {
        let id = current.get();
        tenants
            .get()
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.label().to_string())
            .unwrap_or(id)
    };
    let show = move || {
        filter.set(String::new());
        let selected = tenants
            .get_untracked()
            .iter()
            .position(|t| t.id == current.get_untracked());
        active.set(selected.unwrap_or(0));
        open.set(true);
    };
    let close = move || {
        open.set(false);
        if let Some(button) = button_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let pick = move |id: String| {
        close();
        if id != current.get_untracked() {
            on_pick.run(id);
        }
    };
    Effect::new(move |_| {
        if let (true, Some(input)) = (open.get(), input_ref.get()) {
            let _ = input.focus();
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = matches.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => active.update(|i| *i = (*i + 1) % count),
            "ArrowUp" if count > 0 => active.update(|i| *i = (*i + count - 1) % count),
            "Home" => active.set(0),
            "End" => active.set(count.saturating_sub(1)),
            "Enter" => {
                if let Some(tenant) =
                    matches.with_untracked(|m| m.get(active.get_untracked()).cloned())
                {
                    pick(tenant.id);
                }
            }
            "Escape" | "Tab" => close(),
            _ => return,
        }
        ev.prevent_default();
    };

    view! {
        <div class="tenant-picker">
            <button type="button" node_ref=button_ref aria-haspopup="listbox"
                aria-expanded=move || open.get().to_string() aria-label=move || format!("Tenant: {}", current_label())
                on:click=move |_| if open.get_untracked() { close() } else { show() }
                on:keydown=move |ev| if matches!(ev.key().as_str(), "ArrowDown" | "ArrowUp") { ev.prevent_default(); show() }>
                <span class="tenant-current">{current_label}</span>
                <span aria-hidden="true">" ▾"</span>
            </button>
            <Show when=move || open.get()>
                <div class="backdrop" on:click=move |_| close()></div>
                <div class="popover">
                    <input type="text" node_ref=input_ref role="combobox" aria-label="Filter tenants"
                        aria-expanded="true" aria-controls="tenant-options" aria-autocomplete="list"
                        aria-activedescendant=move || format!("tenant-option-{}", active.get())
                        placeholder="Filter tenants…" bind:value=filter on:keydown=on_keydown
                        on:input=move |_| active.set(0)/>
                    <ul id="tenant-options" role="listbox" aria-label="Tenants">
                        {move || {
                            let list = matches.get();
                            if list.is_empty() {
                                return view! { <li class="muted empty">"No tenant matches"</li> }.into_any();
                            }
                            list.into_iter().enumerate().map(|(i, tenant)| {
                                let id = tenant.id.clone();
                                let is_current = tenant.id == current.get_untracked();
                                view! {
                                    <li id=format!("tenant-option-{i}") role="option"
                                        aria-selected=move || (active.get() == i).to_string()
                                        class:active=move || active.get() == i class:current=is_current
                                        on:mousemove=move |_| active.set(i)
                                        on:click=move |_| pick(id.clone())>
                                        <span>{tenant.label().to_string()}</span>
                                        <small class="muted">{tenant.id.clone()}</small>
                                    </li>
                                }
                            }).collect_view().into_any()
                        }}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

/// The tenants whose name or id contains `filter` (case-insensitive), in their given order.
pub fn filter_tenants(tenants: &[MeTenant], filter: &str) -> Vec<MeTenant> {
    let needle = filter.trim().to_lowercase();
    tenants
        .iter()
        .filter(|t| {
            needle.is_empty()
                || t.id.to_lowercase().contains(&needle)
                || t.label().to_lowercase().contains(&needle)
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: &str, name: &str) -> MeTenant {
        MeTenant {
            id: id.into(),
            name: Some(name.into()),
            logo: None,
        }
    }

    #[test]
    fn filtering_matches_names_and_ids_ignoring_case() {
        let all = [
            tenant("dev", "Development"),
            tenant("prod", "Production"),
            tenant("eu-1", "Europe"),
        ];
        let ids = |f: &str| {
            filter_tenants(&all, f)
                .into_iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(""), ["dev", "prod", "eu-1"]);
        assert_eq!(ids("PROD"), ["prod"]);
        assert_eq!(ids("eu"), ["eu-1"]);
        assert_eq!(ids(" op"), ["dev", "eu-1"]);
        assert!(ids("zzz").is_empty());
    }
}
