//! Check boxes for choosing tenants, e.g. the tenants a new user may use.

use leptos::prelude::*;

/// One check box per tenant; `chosen` holds the ticked ids.
#[component]
pub fn TenantChecklist(
    /// The legend, e.g. "Tenants".
    legend: &'static str,
    /// The tenants to choose from, as (id, name).
    #[prop(into)]
    tenants: Signal<Vec<(String, String)>>,
    /// The ticked tenant ids.
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="field checklist">
            <legend class="label">{legend}</legend>
            <For each=move || tenants.get() key=|t| t.0.clone() let((id, name))>
                <label class="check">
                    <input type="checkbox" prop:checked={
                        let id = id.clone();
                        move || chosen.with(|c| c.contains(&id))
                    } on:change={
                        let id = id.clone();
                        move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                c.retain(|t| *t != id);
                                if on { c.push(id.clone()); }
                            });
                        }
                    }/>
                    {format!("{name} ({id})")}
                </label>
            </For>
        </fieldset>
    }
}
