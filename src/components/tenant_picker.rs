//! The header's tenant dropdown.

use kestra_model::MeTenant;
use leptos::prelude::*;

/// A select of the tenants the user may use; a native `<select>` so it works with the keyboard
/// and screen readers out of the box.
#[component]
pub fn TenantPicker(
    /// The tenants to offer.
    #[prop(into)]
    tenants: Signal<Vec<MeTenant>>,
    /// The tenant shown as selected.
    #[prop(into)]
    current: Signal<String>,
    /// Called with the id of the tenant the user picked.
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="tenant-picker">
            <span class="visually-hidden">"Tenant"</span>
            <select on:change=move |ev| on_pick.run(event_target_value(&ev))
                prop:value=move || current.get()>
                <For each=move || tenants.get() key=|t| t.id.clone() let(tenant)>
                    <option value=tenant.id.clone() selected=move || current.get() == tenant.id>
                        {tenant.label().to_string()}
                    </option>
                </For>
            </select>
        </label>
    }
}
