//! The groups tab of a person's page: their groups in the current tenant, replaced at once.

use kestra_model::AccessGroup;
use leptos::prelude::*;

use crate::api;
use crate::components::chip_picker::ChipPicker;
use crate::components::submit_button::SubmitButton;
use crate::components::type_ahead::Choice;
use crate::hooks::choices::group_choices;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::use_tenant;
use crate::session::use_session;

/// The groups tab.
#[component]
pub fn UserGroups(
    /// The person's id.
    id: String,
    /// Their groups in this tenant.
    groups: Vec<AccessGroup>,
    /// Called after a change, to reload the page's data.
    refresh: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let chosen = RwSignal::new(
        groups
            .into_iter()
            .filter_map(|g| {
                let id = g.id?;
                Some(Choice {
                    label: g.name.unwrap_or_else(|| id.clone()),
                    id,
                    detail: None,
                })
            })
            .collect::<Vec<_>>(),
    );
    let text = RwSignal::new(String::new());
    let options = group_choices(tenant, text);
    let save = use_submit(
        move |ids: &Vec<String>| {
            let (tenant, id, ids) = (tenant.get_untracked(), id.clone(), ids.clone());
            async move { api::users::set_groups(&tenant, &id, ids).await }
        },
        move |()| {
            refresh.run(());
            "Groups saved".into()
        },
        OnFailure::toast("save the groups"),
    );
    let session = use_session();
    let may_manage = move || session.may_manage_members(&tenant.get());
    track_unsaved_action(
        "their groups",
        move || chosen.get().into_iter().map(|c| c.id).collect::<Vec<_>>(),
        save,
    );
    view! {
        <Show when=may_manage fallback=move || view! {
            <ul class="plain-list" aria-label="Groups in this tenant">
                {chosen.get_untracked().into_iter().map(|g| view! { <li>{g.label}</li> }).collect_view()}
            </ul>
        }>
            <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                save.dispatch(chosen.get_untracked().into_iter().map(|c| c.id).collect());
            }>
                <ChipPicker label="Groups in this tenant" add_label="Add group" chosen=chosen text=text
                    options=options placeholder="Add a group…"/>
                <div class="actions">
                    <SubmitButton label="Save groups" pending_label="Saving…" pending=save.pending()/>
                </div>
            </form>
        </Show>
    }
}
