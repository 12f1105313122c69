//! Beside the matrix: the chosen cell in words. For each subject, where a granted permission
//! comes from (role, via which group or directly, on which scope); for one not granted, "why
//! not?": where they hold it only elsewhere, which of the tenant's roles would grant it (each
//! with a link to give it) and which binding would be needed.

use kestra_model::effective::{Scope, Source, why_not};
use kestra_model::{Action, Resource, Role};
use leptos::prelude::*;

use super::matrix::Subject;
use crate::api::ApiError;
use crate::components::permission_matrix::vocabulary::{action_label, resource_label};
use crate::routes::{self, href};

/// The chosen cell's detail for `subjects` in `at`.
#[component]
pub fn CellDetail(
    /// One subject, or two compared.
    subjects: Vec<Subject>,
    /// Where the matrix looks.
    at: Scope,
    /// The chosen cell.
    selected: RwSignal<Option<(Resource, Action)>>,
    /// The tenant's roles with their permissions, once loaded.
    #[prop(into)]
    roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
    tenant: Memo<String>,
) -> impl IntoView {
    let subjects = StoredValue::new(subjects);
    let at = StoredValue::new(at);
    let body = move || {
        let Some((resource, action)) = selected.get() else {
            return view! {
                <p class="muted">"Choose a cell of the matrix to see where the permission comes from, or why not."</p>
            }
            .into_any();
        };
        let at = at.get_value();
        let many = subjects.with_value(Vec::len) > 1;
        let parts = subjects
            .get_value()
            .into_iter()
            .map(|s| {
                view! {
                    {many.then(|| view! { <h4>{s.name.clone()}</h4> })}
                    <SubjectCell subject=s resource=resource action=action at=at.clone() roles=roles tenant=tenant nested=many/>
                }
            })
            .collect_view();
        view! {
            <h3>{format!("{}: {}", resource_label(resource), action_label(action))}</h3>
            {parts}
        }
        .into_any()
    };
    // Focusable: on a phone it is a strip along the bottom of the screen that may scroll.
    view! {
        <aside class="cell-detail" id="effective-cell-detail" aria-label="The chosen permission" aria-live="polite"
            tabindex="0">
            {body}
        </aside>
    }
}

/// One subject's part of the detail.
#[component]
fn SubjectCell(
    subject: Subject,
    resource: Resource,
    action: Action,
    at: Scope,
    roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
    tenant: Memo<String>,
    /// Under the subject's own heading (when two are compared), so one level deeper.
    nested: bool,
) -> impl IntoView {
    let place = at.describe();
    if subject.matrix.instance_owner {
        return view! { <p>{format!("Granted in {place}: {} is an instance owner.", subject.name)}</p> }
            .into_any();
    }
    let cell = subject.matrix.cell(resource, action);
    if cell.granted() {
        let also = (!cell.elsewhere.is_empty()).then(|| {
            view! { <p class="muted">"Also bound, but not applying here:"</p><Sources sources=cell.elsewhere/> }
        });
        return view! {
            <p class="granted-note"><span aria-hidden="true">"✓ "</span>{format!("Granted in {place} by:")}</p>
            <Sources sources=cell.applies/>
            {also}
        }
        .into_any();
    }
    let elsewhere = (!cell.elsewhere.is_empty()).then(|| {
        let why = if resource.is_tenant_wide_only() {
            "A role bound on a namespace never grants this; they hold it only through:"
        } else {
            "They hold it elsewhere only, through:"
        };
        view! { <p>{why}</p><Sources sources=cell.elsewhere.clone()/> }
    });
    let name = subject.name.clone();
    let offers = move || {
        let why = match roles.get() {
            None => return view! { <p class="muted" role="status">"Looking up the roles that would grant it…"</p> }.into_any(),
            Some(Err(error)) => return view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any(),
            Some(Ok(roles)) => why_not(&roles, resource, action, &at),
        };
        let needed = match (&why.needed, why.tenant_wide_only) {
            (Scope::WholeTenant, true) => "It needs a binding on the whole tenant: managing people, groups, roles and access is tenant-wide only.".to_string(),
            (Scope::WholeTenant, false) => "It needs a binding on the whole tenant.".to_string(),
            (Scope::Namespace(ns), _) => format!("It needs a binding on namespace {ns} (or a namespace above it, or the whole tenant)."),
        };
        let tenant = tenant.get();
        let list = if why.roles.is_empty() {
            view! {
                <p>"No role of this tenant grants it. "
                    <a href=href(&routes::role_new(&tenant))>"Create a role"</a></p>
            }
            .into_any()
        } else {
            let items = why
                .roles
                .iter()
                .map(|offer| {
                    let give = routes::binding_for(
                        &tenant,
                        Some(("user", &subject.id)),
                        offer.id.as_deref(),
                        why.needed.namespace(),
                    );
                    let text = format!(
                        "Give {} to {} on {}",
                        offer.name,
                        name,
                        why.needed.describe()
                    );
                    view! {
                        <li>
                            <span class="role-name">{format!("Role {}", offer.name)}</span>" "
                            <a href=href(&give)>{text}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p>"Roles that would grant it:"</p>
                <ul class="offers">{items}</ul>
            }
            .into_any()
        };
        view! { <p>{needed}</p>{list} }.into_any()
    };
    view! {
        <p>{format!("Not granted in {place}.")}</p>
        {if nested {
            view! { <h5 class="why-not">"Why not?"</h5> }.into_any()
        } else {
            view! { <h4 class="why-not">"Why not?"</h4> }.into_any()
        }}
        {elsewhere}
        {offers}
    }
    .into_any()
}

/// Bindings a permission comes from, one a line.
#[component]
fn Sources(sources: Vec<Source>) -> impl IntoView {
    view! {
        <ul class="sources">
            {sources.into_iter().map(|s| view! { <li>{s.describe()}</li> }).collect_view()}
        </ul>
    }
}
