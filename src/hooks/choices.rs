//! What the type-ahead pickers suggest as the user types, and the tenants a form may offer:
//! one lookup shape (`lookup`), wrapped once per kind of thing.

use std::future::Future;

use leptos::prelude::*;

use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::type_ahead::Choice;
use crate::session::Session;

/// Suggestions for `text` in `tenant`: `find(tenant, text)` runs whenever either changes and
/// something is typed; a failed lookup suggests nothing (the picker says "No matches").
pub fn lookup<F, Fut>(tenant: Memo<String>, text: RwSignal<String>, find: F) -> Signal<Vec<Choice>>
where
    F: Fn(String, String) -> Fut + 'static,
    Fut: Future<Output = Result<Vec<Choice>, ApiError>> + 'static,
{
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get().trim().to_string());
        let lookup = (!q.is_empty()).then(|| find(tenant, q));
        async move {
            match lookup {
                Some(lookup) => lookup.await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    Signal::derive(move || found.get().unwrap_or_default())
}

/// The tenant's users whose name or email matches `text` (the email under the name).
pub fn user_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    lookup(tenant, text, |tenant, q| async move {
        let users = api::tenant_access::autocomplete(&tenant, &q, false).await?;
        Ok(users.into_iter().filter_map(person_choice).collect())
    })
}

/// The people who may use the tenant already whose name or email matches `text`: whose
/// access there is to read (people of other tenants, who could be given access, are not).
pub fn people_with_access_choices(
    tenant: Memo<String>,
    text: RwSignal<String>,
) -> Signal<Vec<Choice>> {
    lookup(tenant, text, |tenant, q| async move {
        let users = api::tenant_access::autocomplete(&tenant, &q, true).await?;
        Ok(users.into_iter().filter_map(person_choice).collect())
    })
}

/// People who may join group `group`: those matching `text` who are not in it yet. People
/// without access to the tenant are offered too (joining gives it), marked as such and
/// listed in `outsiders`.
pub struct Candidates {
    pub choices: Signal<Vec<Choice>>,
    pub outsiders: Signal<Vec<String>>,
}

pub fn member_candidates(
    tenant: Memo<String>,
    text: RwSignal<String>,
    group: Signal<String>,
) -> Candidates {
    let found = LocalResource::new(move || {
        let (tenant, q, group) = (tenant.get(), text.get().trim().to_string(), group.get());
        async move {
            if q.is_empty() {
                return (Vec::new(), Vec::new());
            }
            let (everyone, inside) = futures::join!(
                api::tenant_access::autocomplete(&tenant, &q, false),
                api::tenant_access::autocomplete(&tenant, &q, true),
            );
            let inside: Vec<String> = inside
                .unwrap_or_default()
                .into_iter()
                .filter_map(|u| u.id)
                .collect();
            let mut outsiders = Vec::new();
            let choices = everyone
                .unwrap_or_default()
                .into_iter()
                .filter(|u| !u.groups.iter().any(|g| g.id.as_deref() == Some(&group)))
                .filter_map(person_choice)
                .map(|mut choice| {
                    if !inside.contains(&choice.id) {
                        outsiders.push(choice.id.clone());
                        let note = "no access to this tenant yet";
                        choice.detail = Some(match choice.detail.take() {
                            Some(detail) => format!("{detail} · {note}"),
                            None => note.to_string(),
                        });
                    }
                    choice
                })
                .collect();
            (choices, outsiders)
        }
    });
    Candidates {
        choices: Signal::derive(move || found.get().map(|f| f.0).unwrap_or_default()),
        outsiders: Signal::derive(move || found.get().map(|f| f.1).unwrap_or_default()),
    }
}

/// A person as a picker shows them: their name, their username (email) under it.
fn person_choice(user: kestra_model::UserTenantAccess) -> Option<Choice> {
    let id = user.id?;
    let username = user.username.unwrap_or_default();
    let label = user
        .display_name
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| username.clone());
    let detail = (label != username).then_some(username);
    Some(Choice { id, label, detail })
}

/// The tenant's groups whose name matches `text`.
pub fn group_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    lookup(tenant, text, |tenant, q| async move {
        let groups = api::groups::autocomplete(&tenant, &q).await?;
        Ok(groups
            .into_iter()
            .map(|g| Choice {
                id: g.id,
                label: g.name,
                detail: g.description,
            })
            .collect())
    })
}

/// The tenant's roles whose name matches `text`.
pub fn role_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    lookup(tenant, text, |tenant, q| async move {
        let roles = api::roles::autocomplete(&tenant, &q).await?;
        Ok(roles
            .into_iter()
            .map(|r| Choice {
                id: r.id,
                label: r.name,
                detail: r.description,
            })
            .collect())
    })
}

/// The tenant's service accounts whose name matches `text` (Kestra has no autocomplete for
/// them: the first page of a search).
pub fn service_account_choices(
    tenant: Memo<String>,
    text: RwSignal<String>,
) -> Signal<Vec<Choice>> {
    lookup(tenant, text, |tenant, q| async move {
        let query = ListQuery {
            size: 20,
            search: Some(q),
            ..Default::default()
        };
        let accounts = api::service_accounts::list_in_tenant(&tenant, &query).await?;
        Ok(accounts
            .results
            .into_iter()
            .filter_map(|a| {
                Some(Choice {
                    id: a.id?,
                    label: a.name,
                    detail: a.description,
                })
            })
            .collect())
    })
}

/// The tenants the signed-in user may use, as (id, name) for a tenant checklist.
pub fn tenant_choices(session: Session) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        session
            .me
            .get()
            .map(|me| {
                me.tenants
                    .into_iter()
                    .map(|t| (t.id.clone(), t.name.unwrap_or(t.id)))
                    .collect()
            })
            .unwrap_or_default()
    })
}
