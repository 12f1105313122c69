//! `/ui/<tenant>/admin/access/effective?subject=<id>`: what one user or service account may
//! do in this tenant, resource by action, and through which binding: direct or via which
//! group, tenant-wide or in which namespace.
//!
//! It shows the roles the server itself reports for that subject
//! (`GET /{tenant}/tenant-access/{id}`), so the console never guesses at the rules.

use kestra_model::{Action, Resource, RoleOrigin, TenantAccess};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::{service_account_choices, user_choices};
use crate::routes::{self, href, use_tenant};

/// The effective permissions page.
#[component]
pub fn EffectivePermissions() -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let params = use_query_map();
    let subject = Memo::new(move |_| params.with(|p| p.get("subject")).filter(|s| !s.is_empty()));
    let text = RwSignal::new(String::new());
    let users = user_choices(tenant, text);
    let accounts = service_account_choices(tenant, text);
    let options = Signal::derive(move || {
        let mut all = users.get();
        all.extend(accounts.get().into_iter().map(|a| Choice {
            detail: Some("Service account".into()),
            ..a
        }));
        all
    });
    let on_pick = Callback::new(move |choice: Choice| {
        let path = routes::effective(&tenant.get_untracked(), Some(&choice.id));
        navigate(&path, Default::default());
    });
    let access = LocalResource::new(move || {
        let (tenant, subject) = (tenant.get(), subject.get());
        async move {
            match subject {
                None => Ok(None),
                Some(id) => api::tenant_access::get(&tenant, &id).await,
            }
        }
    });

    view! {
        <section>
            <p><a href=move || href(&routes::access(&tenant.get(), &[]))>"← Access"</a></p>
            <header class="page-header"><h1>"Effective permissions"</h1></header>
            <TypeAhead label="User or service account" text=text options=options on_pick=on_pick
                placeholder="Type a name or email…"/>
            <p class="muted">
                "A role bound on a namespace applies in that namespace and the namespaces below it only. "
                "Managing users, groups, roles, bindings, invitations and service accounts is tenant-wide, "
                "so only whole-tenant bindings allow it."
            </p>
            {move || match (subject.get(), access.get()) {
                (None, _) => view! { <p class="muted">"Pick a user or service account to see what they may do in this tenant."</p> }.into_any(),
                (Some(_), None) => view! { <p class="muted" role="status">"Loading permissions…"</p> }.into_any(),
                (Some(_), Some(Ok(None))) | (Some(_), Some(Err(ApiError::NotFound(_)))) => view! {
                    <p class="alert" role="alert">"This user or service account has no access to this tenant."</p>
                }.into_any(),
                (Some(_), Some(Err(error))) => view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any(),
                (Some(_), Some(Ok(Some(access)))) => view! { <Grants access=access/> }.into_any(),
            }}
        </section>
    }
}

/// One subject's permissions with where each comes from.
#[component]
fn Grants(access: TenantAccess) -> impl IntoView {
    let name = access
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .or(access.username.clone())
        .unwrap_or_default();
    let rows = effective(&access);
    let summary = match rows.len() {
        0 => format!("{name} holds no permission in this tenant."),
        1 => format!("{name} holds 1 permission in this tenant:"),
        n => format!("{name} holds {n} permissions in this tenant:"),
    };
    view! {
        <h2>{name.clone()}</h2>
        {access.super_admin.then(|| view! {
            <p class="alert" role="note">"An instance owner may do everything, in every tenant, whatever their bindings."</p>
        })}
        <p role="status">{summary}</p>
        <div class="data-table">
            <table aria-label="Effective permissions">
                <thead><tr><th scope="col">"Resource"</th><th scope="col">"Action"</th><th scope="col">"Granted through"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <td>{row.resource.as_str()}</td>
                            <td>{row.action.as_str()}</td>
                            <td><ul class="plain">{row.through.into_iter().map(|g| view! { <li>{g.describe()}</li> }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One permission the subject holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Granted {
    pub resource: Resource,
    pub action: Action,
    /// Every binding that gives it, in the server's order.
    pub through: Vec<Grant>,
}

/// One binding that gives a permission.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub role: String,
    /// `None` for a binding to the subject itself, else the group's name.
    pub group: Option<String>,
    /// `None` for the whole tenant.
    pub namespace: Option<String>,
}

impl Grant {
    /// "Developer, via group Developers, in namespace company.team only".
    pub fn describe(&self) -> String {
        let how = match &self.group {
            None => "bound directly".to_string(),
            Some(group) => format!("via group {group}"),
        };
        let scope = match &self.namespace {
            None => "whole tenant".to_string(),
            Some(ns) => format!("in namespace {ns} only"),
        };
        format!("{}, {how}, {scope}", self.role)
    }
}

/// Every permission `access` holds, resource by action in the enums' order, with the bindings
/// that give it.
pub fn effective(access: &TenantAccess) -> Vec<Granted> {
    let group_name = |id: &str| {
        access
            .groups
            .iter()
            .find(|g| g.id.as_deref() == Some(id))
            .and_then(|g| g.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut rows: Vec<Granted> = Vec::new();
    for role in &access.roles {
        let grant = Grant {
            role: role.name.clone().or(role.id.clone()).unwrap_or_default(),
            group: (role.origin == Some(RoleOrigin::Group))
                .then(|| group_name(role.source_id.as_deref().unwrap_or_default())),
            namespace: role.namespace.clone().filter(|n| !n.is_empty()),
        };
        for permission in &role.permissions {
            for &action in &permission.actions {
                let at = rows
                    .iter()
                    .position(|r| r.resource == permission.resource && r.action == action);
                match at {
                    Some(i) if !rows[i].through.contains(&grant) => {
                        rows[i].through.push(grant.clone())
                    }
                    Some(_) => {}
                    None => rows.push(Granted {
                        resource: permission.resource,
                        action,
                        through: vec![grant.clone()],
                    }),
                }
            }
        }
    }
    rows.sort_by_key(|r| (r.resource, r.action));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use kestra_model::{AccessGroup, RoleAssignment, UserPermission};

    fn role(
        name: &str,
        origin: RoleOrigin,
        source: &str,
        ns: Option<&str>,
        p: &[(Resource, &[Action])],
    ) -> RoleAssignment {
        RoleAssignment {
            id: Some(name.to_lowercase()),
            name: Some(name.into()),
            namespace: ns.map(str::to_string),
            origin: Some(origin),
            source_id: Some(source.into()),
            permissions: p
                .iter()
                .map(|(resource, actions)| UserPermission {
                    resource: *resource,
                    actions: actions.to_vec(),
                })
                .collect(),
        }
    }

    #[test]
    fn permissions_are_listed_in_enum_order_with_every_binding_that_gives_them() {
        let access = TenantAccess {
            groups: vec![AccessGroup {
                id: Some("g1".into()),
                name: Some("Ops".into()),
                external: false,
            }],
            roles: vec![
                role(
                    "Viewer",
                    RoleOrigin::Group,
                    "g1",
                    Some("company"),
                    &[
                        (Resource::Role, &[Action::List]),
                        (Resource::Group, &[Action::View]),
                    ],
                ),
                role(
                    "Lister",
                    RoleOrigin::Binding,
                    "b1",
                    None,
                    &[(Resource::Group, &[Action::List, Action::View])],
                ),
            ],
            ..Default::default()
        };
        let rows = effective(&access);
        let keys: Vec<_> = rows.iter().map(|r| (r.resource, r.action)).collect();
        assert_eq!(
            keys,
            [
                (Resource::Group, Action::View),
                (Resource::Group, Action::List),
                (Resource::Role, Action::List)
            ]
        );
        assert_eq!(rows[0].through.len(), 2);
        assert_eq!(
            rows[0].through[0].describe(),
            "Viewer, via group Ops, in namespace company only"
        );
        assert_eq!(
            rows[0].through[1].describe(),
            "Lister, bound directly, whole tenant"
        );
    }
}
