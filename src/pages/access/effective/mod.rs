//! `/ui/<tenant>/admin/access/effective?subject=<id>&namespace=<ns>&compare=<id>`: what one
//! user or service account may do, as the role editor's resource × action matrix, in the whole
//! tenant or one namespace; each granted cell says which role, group or direct binding and
//! scope it comes from, each empty one why not (the roles that would grant it and the binding
//! that would be needed), and a second subject can be shown beside the first.
//!
//! It reads the roles the server itself reports for the subject
//! (`GET /{tenant}/tenant-access/{id}`), so the console never re-decides what a role grants;
//! `kestra_model::effective` only applies the namespace scoping. Everything shown is in the
//! URL, so a reload or a shared link shows the same matrix.

mod data;
mod detail;
mod matrix;

use kestra_model::effective::{Scope, matrix as matrix_of};
use kestra_model::{Action, Resource, TenantAccess};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::{people_with_access_choices, service_account_choices};
use crate::routes::{self, EffectiveView, href, use_effective_view, use_tenant};

use data::{answer_for, use_access};
use detail::CellDetail;
use matrix::{AccessMatrix, Subject};

/// The effective access page.
#[component]
pub fn EffectivePermissions() -> impl IntoView {
    let tenant = use_tenant();
    let view = use_effective_view();
    let navigate = use_navigate();
    let go = Callback::new(move |next: EffectiveView| {
        navigate(
            &routes::effective_at(&tenant.get_untracked(), &next),
            Default::default(),
        )
    });
    let subject = Memo::new(move |_| view.with(|v| v.subject.clone()));
    let compare = Memo::new(move |_| view.with(|v| v.compare.clone()));
    let at = Memo::new(move |_| view.with(|v| Scope::from_namespace(v.namespace.as_deref())));
    let first = use_access(tenant, subject);
    let second = use_access(tenant, compare);
    let catalogue = LocalResource::new(move || data::catalogue(tenant.get()));
    let roles = LocalResource::new(move || data::tenant_roles(tenant.get()));
    let roles = Signal::derive(move || roles.get());
    let selected = RwSignal::new(None::<(Resource, Action)>);

    let pick_subject = Callback::new(move |choice: Choice| {
        selected.set(None);
        go.run(EffectiveView {
            subject: Some(choice.id),
            ..view.get_untracked()
        })
    });
    let pick_compare = Callback::new(move |choice: Choice| {
        go.run(EffectiveView {
            compare: Some(choice.id),
            ..view.get_untracked()
        })
    });
    let stop_comparing = move |_| {
        go.run(EffectiveView {
            compare: None,
            ..view.get_untracked()
        })
    };

    let content = move || {
        let Some(id) = subject.get() else {
            return view! {
                <p class="muted">"Pick a user or service account to see what they may do in this tenant."</p>
            }
            .into_any();
        };
        let shown = match (answer_for(first, &id), catalogue.get()) {
            (None, _) | (_, None) => {
                return view! { <p class="muted" role="status">"Loading permissions…"</p> }
                    .into_any();
            }
            (Some(Ok(None)) | Some(Err(ApiError::NotFound(_))), _) => {
                return view! {
                    <p class="alert" role="alert">"This user or service account has no access to this tenant."</p>
                }
                .into_any();
            }
            (Some(Err(error)), _) | (_, Some(Err(error))) => {
                return view! { <p class="alert error" role="alert">{error.user_message()}</p> }
                    .into_any();
            }
            (Some(Ok(Some(access))), Some(Ok(shown))) => (access, shown),
        };
        let (access, shown) = shown;
        let at = at.get();
        let mut subjects = vec![subject_of(&id, &access, &at)];
        let other = compare.get().map(|cid| match answer_for(second, &cid) {
            None => Err(view! { <p class="muted" role="status">"Loading the second person's permissions…"</p> }.into_any()),
            Some(Ok(Some(access))) => {
                subjects.push(subject_of(&cid, &access, &at));
                Ok(())
            }
            Some(Ok(None)) | Some(Err(ApiError::NotFound(_))) => Err(view! {
                <p class="alert" role="alert">"The user or service account to compare with has no access to this tenant."</p>
            }.into_any()),
            Some(Err(error)) => Err(view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any()),
        });
        let note = other.and_then(Result::err);
        let owner_note = subjects.iter().filter(|s| s.matrix.instance_owner).map(|s| {
            view! { <p class="alert" role="note">{format!("{} is an instance owner: they may do everything, in every tenant, whatever their bindings.", s.name)}</p> }
        }).collect_view();
        let heading = match subjects.as_slice() {
            [one] => one.name.clone(),
            [one, two, ..] => format!("{} and {}", one.name, two.name),
            [] => String::new(),
        };
        let summary = subjects
            .iter()
            .map(|s| summary(s, &at))
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <h2>{heading}</h2>
            {owner_note}
            {note}
            <p role="status">{summary}</p>
            <div class="effective-layout">
                <AccessMatrix shown=shown subjects=subjects.clone() at=at.clone() selected=selected/>
                <CellDetail subjects=subjects at=at selected=selected roles=roles tenant=tenant/>
            </div>
        }
        .into_any()
    };

    view! {
        <section>
            <p><a href=move || href(&routes::access(&tenant.get(), &[]))>"← Access"</a></p>
            <header class="page-header"><h1>"Effective permissions"</h1></header>
            <div class="filters effective-filters">
                <SubjectPicker label="User or service account" tenant=tenant on_pick=pick_subject/>
                <NamespaceChooser tenant=tenant view=view go=go/>
                <Show when=move || subject.with(Option::is_some)>
                    {move || match compare.get() {
                        None => view! { <SubjectPicker label="Compare with" tenant=tenant on_pick=pick_compare/> }.into_any(),
                        Some(_) => view! { <button type="button" on:click=stop_comparing>"Stop comparing"</button> }.into_any(),
                    }}
                </Show>
            </div>
            <p class="muted">
                "A role bound on a namespace applies in that namespace and the namespaces below it only. "
                "Managing users, groups, roles, bindings, invitations and service accounts is tenant-wide, "
                "so only whole-tenant bindings allow it."
            </p>
            {content}
        </section>
    }
}

/// One subject's matrix in `at`, named as the server names them.
fn subject_of(id: &str, access: &TenantAccess, at: &Scope) -> Subject {
    let name = access
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .or(access.username.clone())
        .unwrap_or_else(|| id.to_string());
    Subject {
        id: id.to_string(),
        name,
        matrix: matrix_of(access, at),
    }
}

/// "Aisha may do 12 things in namespace company.data."
fn summary(subject: &Subject, at: &Scope) -> String {
    let place = at.describe();
    match subject.matrix.granted_count() {
        _ if subject.matrix.instance_owner => {
            format!("{} may do everything in {place}.", subject.name)
        }
        0 => format!("{} holds no permission in {place}.", subject.name),
        1 => format!("{} holds 1 permission in {place}.", subject.name),
        n => format!("{} holds {n} permissions in {place}.", subject.name),
    }
}

/// A type-ahead over the people with access to the tenant and its service accounts.
#[component]
fn SubjectPicker(
    /// The text box's accessible name.
    label: &'static str,
    tenant: Memo<String>,
    /// Called with the picked person or service account.
    on_pick: Callback<Choice>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let users = people_with_access_choices(tenant, text);
    let accounts = service_account_choices(tenant, text);
    let options = Signal::derive(move || {
        let mut all = users.get();
        all.extend(accounts.get().into_iter().map(|a| Choice {
            detail: Some("Service account".into()),
            ..a
        }));
        all
    });
    view! {
        <div class="field inline">
            <span class="label" aria-hidden="true">{label}</span>
            <TypeAhead label=label text=text options=options on_pick=on_pick placeholder="Type a name or email…"/>
        </div>
    }
}

/// Where to look: a namespace (typed, with the tenant's namespaces suggested) or the whole
/// tenant; kept in the URL.
#[component]
fn NamespaceChooser(
    tenant: Memo<String>,
    view: Memo<EffectiveView>,
    go: Callback<EffectiveView>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    // The box shows the namespace of the URL, after a reload or a link too.
    Effect::new(move |_| text.set(view.with(|v| v.namespace.clone().unwrap_or_default())));
    let namespaces = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get());
        async move {
            api::namespaces::autocomplete(&tenant, q.trim())
                .await
                .unwrap_or_default()
        }
    });
    let show = move |namespace: Option<String>| {
        go.run(EffectiveView {
            namespace,
            ..view.get_untracked()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ns = text.get_untracked().trim().to_string();
        show((!ns.is_empty()).then_some(ns));
    };
    view! {
        <form class="namespace-chooser" on:submit=on_submit>
            <label class="field inline">
                <span class="label">"Namespace"</span>
                <input type="text" list="effective-namespaces" bind:value=text placeholder="Whole tenant"/>
            </label>
            <datalist id="effective-namespaces">
                {move || namespaces.get().unwrap_or_default().into_iter()
                    .map(|ns| view! { <option value=ns></option> }).collect_view()}
            </datalist>
            <button type="submit">"Show"</button>
            <Show when=move || view.with(|v| v.namespace.is_some())>
                <button type="button" on:click=move |_| show(None)>"Whole tenant"</button>
            </Show>
        </form>
    }
}
