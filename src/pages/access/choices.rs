//! Suggestions for the access pages' type-ahead pickers: roles and service accounts (people
//! and groups come from `pages::pickers`).

use leptos::prelude::*;

use crate::api;
use crate::api::query::ListQuery;
use crate::components::type_ahead::Choice;

/// The tenant's roles whose name matches `text`.
pub fn role_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get());
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let roles = api::roles::autocomplete(&tenant, q.trim())
                .await
                .unwrap_or_default();
            roles
                .into_iter()
                .map(|r| Choice {
                    id: r.id,
                    label: r.name,
                    detail: r.description,
                })
                .collect()
        }
    });
    Signal::derive(move || found.get().unwrap_or_default())
}

/// The tenant's service accounts whose name matches `text`.
pub fn service_account_choices(
    tenant: Memo<String>,
    text: RwSignal<String>,
) -> Signal<Vec<Choice>> {
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get());
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let query = ListQuery {
                size: 20,
                search: Some(q.trim().to_string()),
                ..Default::default()
            };
            let accounts = api::service_accounts::list_in(&tenant, &query).await;
            accounts
                .map(|page| page.results)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| {
                    Some(Choice {
                        id: a.id?,
                        label: a.name,
                        detail: a.description,
                    })
                })
                .collect()
        }
    });
    Signal::derive(move || found.get().unwrap_or_default())
}
