//! Suggestions for the type-ahead pickers, looked up as the user types.

use leptos::prelude::*;

use crate::api;
use crate::components::type_ahead::Choice;

/// The tenant's users whose name or email matches `text`.
pub fn user_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get());
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let users = api::tenant_access::autocomplete(&tenant, q.trim())
                .await
                .unwrap_or_default();
            users
                .into_iter()
                .filter_map(|u| {
                    let id = u.id?;
                    let username = u.username.unwrap_or_default();
                    let label = u
                        .display_name
                        .filter(|n| !n.is_empty())
                        .unwrap_or_else(|| username.clone());
                    let detail = (label != username).then_some(username);
                    Some(Choice { id, label, detail })
                })
                .collect()
        }
    });
    Signal::derive(move || found.get().unwrap_or_default())
}

/// The tenant's groups whose name matches `text`.
pub fn group_choices(tenant: Memo<String>, text: RwSignal<String>) -> Signal<Vec<Choice>> {
    let found = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), text.get());
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let groups = api::groups::autocomplete(&tenant, q.trim())
                .await
                .unwrap_or_default();
            groups
                .into_iter()
                .map(|g| Choice {
                    id: g.id,
                    label: g.name,
                    detail: g.description,
                })
                .collect()
        }
    });
    Signal::derive(move || found.get().unwrap_or_default())
}
