//! `/ui/<tenant>/admin/roles/new`: create a role with its permissions, from scratch or, with
//! `?from=<id>` ("Duplicate role"), from a copy of another role.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use kestra_model::{RoleCreateOrUpdateRequest, RoleDetail};

use crate::api;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::routes::{self, href, use_tenant};

use super::form::RoleForm;

/// The create-role form.
#[component]
pub fn RoleCreate() -> impl IntoView {
    let tenant = use_tenant();
    let query = use_query_map();
    let from = Memo::new(move |_| query.read().get("from").filter(|id| !id.is_empty()));
    // The role to copy, read again on a reload since its id is in the URL.
    let source = LocalResource::new(move || {
        let (tenant, from) = (tenant.get(), from.get());
        async move {
            match from {
                Some(id) => api::roles::get(&tenant, &id).await,
                None => Ok(None),
            }
        }
    });
    let form = move || match (from.get(), source.get()) {
        (None, _) => {
            view! { <NewRoleForm initial=RoleCreateOrUpdateRequest::default()/> }.into_any()
        }
        (Some(_), None) => {
            view! { <p class="muted" role="status">"Loading the role to copy…"</p> }.into_any()
        }
        (Some(_), Some(Ok(Some(role)))) => {
            view! { <NewRoleForm initial=copy_of(&role)/> }.into_any()
        }
        (Some(_), Some(found)) => {
            let why = match found {
                Err(error) => error.user_message(),
                Ok(_) => "The role to copy no longer exists.".to_string(),
            };
            view! {
                <p class="alert error" role="alert">{why}</p>
                <NewRoleForm initial=RoleCreateOrUpdateRequest::default()/>
            }
            .into_any()
        }
    };
    view! {
        <section>
            <p><a href=move || href(&routes::roles(&tenant.get()))>"← Roles"</a></p>
            <header class="page-header"><h1>"Create role"</h1></header>
            {form}
        </section>
    }
}

/// The form, sending a new role and opening its page once created.
#[component]
fn NewRoleForm(initial: RoleCreateOrUpdateRequest) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let save = use_submit(
        move |request: &RoleCreateOrUpdateRequest| {
            let (tenant, request) = (tenant.get_untracked(), request.clone());
            async move { api::roles::create(&tenant, &request).await }
        },
        move |role| {
            let id = role.id.unwrap_or_default();
            navigate(
                &routes::role(&tenant.get_untracked(), &id),
                Default::default(),
            );
            format!("Role “{}” created", role.name.unwrap_or_default())
        },
        OnFailure::FormShows,
    );
    view! {
        <RoleForm initial=initial submit_label="Create role" pending_label="Creating…"
            pending=save.pending() error=Signal::derive(move || save.value().get().and_then(Result::err))
            on_submit=Callback::new(move |request| { save.dispatch(request); })>
            <a class="button" href=move || href(&routes::roles(&tenant.get()))>"Cancel"</a>
        </RoleForm>
    }
}

/// A new role holding what `role` holds: its permissions and description, named "Copy of …"
/// and not the default (a tenant has one default role, and copying should not move it).
/// Fields this console does not know stay with the original: they may be the server's own
/// bookkeeping about that role, meaningless for a new one.
fn copy_of(role: &RoleDetail) -> RoleCreateOrUpdateRequest {
    RoleCreateOrUpdateRequest {
        name: format!("Copy of {}", role.name.as_deref().unwrap_or_default()),
        is_default: Some(false),
        other: Default::default(),
        ..RoleCreateOrUpdateRequest::from(role)
    }
}

#[cfg(test)]
mod tests {
    use kestra_model::{Action, Permissions, Resource};

    use super::*;

    #[test]
    fn a_copy_keeps_the_permissions_and_description_under_a_new_name_and_is_not_the_default() {
        let role: RoleDetail = serde_json::from_value(serde_json::json!({
            "id": "r1", "name": "Developer", "description": "Writes flows",
            "permissions": {"FLOW": ["VIEW", "EXECUTE"], "BANNER": ["VIEW"]},
            "isDefault": true, "isManaged": false, "createdAt": "2026-01-01",
        }))
        .unwrap();
        let copy = copy_of(&role);
        assert_eq!(copy.name, "Copy of Developer");
        assert_eq!(copy.description.as_deref(), Some("Writes flows"));
        assert_eq!(copy.is_default, Some(false));
        assert_eq!(
            copy.permissions,
            Permissions::from([
                (Resource::Flow, vec![Action::View, Action::Execute]),
                (Resource::Banner, vec![Action::View]),
            ])
        );
        assert!(copy.other.is_empty(), "{:?}", copy.other);
    }
}
