//! Before a role's permissions are saved: who holds the role (groups with their member
//! counts), what they gain and lose, and, in red, whether the admin would take away their own
//! way to manage access. A bounded number of requests, whatever the tenant's size: the role's
//! bindings (up to 5,000, read as the access list reads them), one member count per group for
//! the first [`COUNTED_GROUPS`] groups, and the admin's own access.

use std::collections::BTreeMap;

use kestra_model::preview::{
    HolderKind, PermissionChange, Reach, RoleHolder, list, locks_out, own_losses, role_holders,
};
use kestra_model::{Permissions, RoleAssignment};
use leptos::prelude::*;

use crate::api::bindings::BindingFilter;
use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::routes::use_tenant;
use crate::session::use_session;

/// Groups whose members are counted; past them the preview says the count is partial.
const COUNTED_GROUPS: usize = 20;
/// Holders listed by name; the rest are counted.
const LISTED_HOLDERS: usize = 10;
/// Bindings of the role read at most (the fetch layer narrows bindings by role itself).
const BINDINGS_READ: u32 = 5_000;

/// What the preview learns from the server.
#[derive(Clone)]
struct Facts {
    role_id: String,
    holders: Vec<RoleHolder>,
    /// Group id → members, for the groups counted.
    members: BTreeMap<String, u64>,
    /// The admin's own roles in the tenant; `None` for an instance owner (never locked out) or
    /// when the server would not say (`own_unknown`: reading one's own access needs
    /// `TENANT_ACCESS:VIEW`).
    my_roles: Option<Vec<RoleAssignment>>,
    own_unknown: bool,
}

/// The effect of changing role `role_id` by `change`, shown in the save confirmation.
#[component]
pub fn RoleChangePreview(
    role_id: String,
    #[prop(into)] change: Signal<PermissionChange>,
) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let facts = LocalResource::new(move || {
        let (tenant, role_id) = (tenant.get(), role_id.clone());
        let me = session
            .me
            .get()
            .filter(|me| !me.super_admin)
            .and_then(|me| me.id);
        async move { learn(&tenant, &role_id, me).await }
    });
    move || {
        match facts.get() {
        None => view! { <p class="muted" role="status">"Finding who holds this role…"</p> }.into_any(),
        Some(Err(error)) => view! {
            <p class="alert error" role="alert">"Could not find who holds this role: " {error.user_message()}</p>
        }
        .into_any(),
        Some(Ok(facts)) => view! { <ChangeEffect facts=facts change=change.get()/> }.into_any(),
    }
    }
}

/// The preview once the facts are in.
#[component]
fn ChangeEffect(facts: Facts, change: PermissionChange) -> impl IntoView {
    let reach = Reach::of(&facts.holders, &facts.members);
    let effect = if facts.holders.is_empty() {
        "Nobody holds this role yet: saving changes nobody's access now.".to_string()
    } else {
        format!("{}.", change.describe(reach))
    };
    let own = facts
        .my_roles
        .as_deref()
        .map(|mine| {
            let losses = own_losses(&change, &facts.role_id, mine);
            let locked_out = locks_out(&losses, mine);
            (losses, locked_out)
        })
        .filter(|(losses, _)| !losses.is_empty());
    let more = facts.holders.len().saturating_sub(LISTED_HOLDERS);
    let uncounted = facts
        .holders
        .iter()
        .filter(|h| h.kind == HolderKind::Group && !facts.members.contains_key(&h.id))
        .count();
    let listed: Vec<String> = facts
        .holders
        .iter()
        .take(LISTED_HOLDERS)
        .map(|h| h.describe(facts.members.get(&h.id).copied()))
        .collect();
    view! {
        <div class="change-preview">
            <p class="effect">{effect}</p>
            {(!change.lost.is_empty() && !facts.holders.is_empty()).then(|| view! {
                <p class="muted">"A holder keeps a lost action when another of their roles grants it."</p>
            })}
            {own.map(|(losses, locked_out)| own_warning(&losses, locked_out))}
            {(facts.own_unknown && !change.lost.is_empty()).then(|| view! {
                <p class="muted">"Whether you lose any of this yourself could not be checked: it needs permission to view tenant access."</p>
            })}
            {(!listed.is_empty()).then(|| view! {
                <h3>"Who holds it"</h3>
                <ul class="plain holders">{listed.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            })}
            {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more bindings.")}</p> })}
            {(uncounted > 0).then(|| view! {
                <p class="muted">{format!("The members of {uncounted} more groups were not counted.")}</p>
            })}
        </div>
    }
}

/// What the admin themselves would lose; in red when it is their last way to manage access.
fn own_warning(losses: &Permissions, locked_out: bool) -> AnyView {
    if locked_out {
        view! {
            <p class="alert error" role="alert">
                {format!("You hold this role and would lose {}: you could no longer manage access in this tenant. Only an instance owner or another admin could give it back.", list(losses))}
            </p>
        }
        .into_any()
    } else {
        view! { <p class="alert" role="note">{format!("You hold this role and would lose {}.", list(losses))}</p> }
            .into_any()
    }
}

/// Reads the role's bindings, counts its groups' members and the admin's own roles, the
/// counts side by side.
async fn learn(tenant: &str, role_id: &str, me: Option<String>) -> Result<Facts, ApiError> {
    let me_known = me.is_some();
    let query = ListQuery {
        size: BINDINGS_READ,
        ..ListQuery::default()
    };
    let filter = BindingFilter {
        role_id: Some(role_id.to_string()),
        ..BindingFilter::default()
    };
    let bindings = api::bindings::search(tenant, &query, &filter).await?;
    let holders = role_holders(&bindings.results);
    let mut groups: Vec<&str> = holders
        .iter()
        .filter(|h| h.kind == HolderKind::Group)
        .map(|h| h.id.as_str())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups.truncate(COUNTED_GROUPS);
    let one = ListQuery {
        size: 1,
        ..ListQuery::default()
    };
    let counts = futures::future::join_all(
        groups
            .iter()
            .map(|id| async { (id.to_string(), api::groups::members(tenant, id, &one).await) }),
    );
    let mine = async {
        match me {
            Some(id) => api::tenant_access::get(tenant, &id)
                .await
                .map(|access| access.map(|a| a.roles).unwrap_or_default())
                .map_err(drop),
            None => Err(()),
        }
    };
    let (counts, mine) = futures::join!(counts, mine);
    let members = counts
        .into_iter()
        .filter_map(|(id, answer)| answer.ok().map(|page| (id, page.total)))
        .collect();
    Ok(Facts {
        holders,
        members,
        own_unknown: me_known && mine.is_err(),
        my_roles: mine.ok(),
        role_id: role_id.to_string(),
    })
}
