//! The table of bindings behind both the tenant's access list and a subject's own list:
//! subject (with a link), role, scope, and a delete button with confirmation.

use kestra_model::{BindingDetail, Resource};
use leptos::prelude::*;

use crate::api;
use crate::api::query::ListQuery;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::data_table::{Column, DataTable};
use crate::hooks::submit::use_confirmed;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use super::{
    AccessFilter, BindingEffect, BindingSketch, SubjectKind, subject_id, subject_label,
    subject_link,
};

/// The bindings matching `filter`, paged by `query`.
#[component]
pub fn BindingsTable(
    /// Which bindings to show.
    #[prop(into)]
    filter: Signal<AccessFilter>,
    /// The page, sort and search shown.
    #[prop(into)]
    query: Signal<ListQuery>,
    /// Called with the page, sort or search the user asks for.
    on_query: Callback<ListQuery>,
    /// Whether to show the subject column (not on a subject's own page).
    #[prop(optional)]
    hide_subject: bool,
    /// Shown when there are no bindings yet, e.g. a link to create one.
    #[prop(optional, into)]
    empty_action: ViewFn,
    /// Bumped by the page to load the list again (after a create elsewhere on the page).
    #[prop(optional, into)]
    reload: Signal<u32>,
) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let bindings = LocalResource::new(move || {
        let (tenant, filter, query) = (tenant.get(), filter.get(), query.get());
        reload.track();
        let search = filter.search();
        async move { api::bindings::search(&tenant, &query, &search).await }
    });

    let to_remove = RwSignal::new(None::<BindingDetail>);
    let removed = move || {
        to_remove
            .get_untracked()
            .map(|b| describe(&b))
            .unwrap_or_default()
    };
    let remove = use_confirmed(
        RwSignal::new(false),
        move |id: &String| {
            let (tenant, id) = (tenant.get_untracked(), id.clone());
            async move { api::bindings::delete(&tenant, &id).await }
        },
        move || {
            bindings.refetch();
            format!("Removed: {}", removed())
        },
        move |error| format!("Could not remove {}: {}", removed(), error.user_message()),
    );
    let may_delete = move || {
        session.may(
            &tenant.get(),
            Resource::Binding,
            kestra_model::Action::Delete,
        ) != Some(false)
    };

    let mut columns = Vec::new();
    if !hide_subject {
        columns.push(
            Column::new("Subject", move |b: &BindingDetail| {
                let kind = SubjectKind::of(b);
                let link = href(&subject_link(&tenant.get_untracked(), kind, &subject_id(b)));
                view! {
                    <a href=link>{subject_label(b)}</a>
                    " " <span class="badge muted">{kind.label()}</span>
                }
                .into_any()
            })
            .sortable("user.username"),
        );
    }
    columns.push(
        Column::new("Role", move |b: &BindingDetail| {
            let role = b.role.clone().unwrap_or_default();
            let link = href(&routes::role(
                &tenant.get_untracked(),
                &role.id.unwrap_or_default(),
            ));
            view! { <a href=link>{role.name.unwrap_or_default()}</a> }.into_any()
        })
        .sortable("role.name"),
    );
    columns.push(
        Column::new("Scope", |b: &BindingDetail| {
            match b.namespace.clone().filter(|n| !n.is_empty()) {
                Some(ns) => view! { <span>"Namespace " <code>{ns}</code></span> }.into_any(),
                None => view! { <span class="muted">"Whole tenant"</span> }.into_any(),
            }
        })
        .sortable("namespace"),
    );
    columns.push(Column::new("", move |b: &BindingDetail| {
        let binding = b.clone();
        let label = format!("Remove {}", describe(b));
        view! {
            <Show when=may_delete>
                <button type="button" class="ghost danger-text" aria-label=label.clone()
                    on:click={
                        let binding = binding.clone();
                        move |_| { to_remove.set(Some(binding.clone())); remove.open.set(true); }
                    }>"Remove"</button>
            </Show>
        }
        .into_any()
    }));

    view! {
        <DataTable noun="bindings" one="binding" columns=columns page=Signal::derive(move || bindings.get())
            query=query on_query=on_query row_key=|b: &BindingDetail| b.id.clone().unwrap_or_default()
            empty_action=empty_action/>
        <ConfirmDialog open=remove.open
            title=Signal::derive(move || format!("Remove {}?", to_remove.get().map(|b| describe(&b)).unwrap_or_default()))
            message="Removing it takes away what the role grants there:"
            confirm_label="Remove binding" pending=remove.action.pending()
            on_confirm=Callback::new(move |()| {
                if let Some(id) = to_remove.get_untracked().and_then(|b| b.id) { remove.action.dispatch(id); }
            })>
            <Show when=move || remove.open.get()>
                <BindingEffect gives=false
                    binding=Signal::derive(move || to_remove.get().as_ref().and_then(BindingSketch::of))/>
            </Show>
        </ConfirmDialog>
    }
}

/// "Developer of Developers in company.team": names a binding in toasts and dialogs.
pub fn describe(binding: &BindingDetail) -> String {
    let role = binding
        .role
        .as_ref()
        .and_then(|r| r.name.clone())
        .unwrap_or_default();
    let scope = match binding.namespace.as_deref().filter(|n| !n.is_empty()) {
        Some(ns) => format!("in {ns}"),
        None => "on the whole tenant".to_string(),
    };
    format!("{role} of {} {scope}", subject_label(binding))
}
