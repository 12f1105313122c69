//! `/ui/<tenant>/admin`: the tenant's overview, where the console lands after sign-in: how many
//! people, groups, roles, service accounts and pending invitations it has (each a link), who
//! holds its Admin role, which API tokens expire soon, and its last changes from the audit trail.
//!
//! Each count is one list request of one row, read for its `total`; each part loads on its own
//! and is left out for people who may not list what it counts.

mod expiring_tokens;

use kestra_model::{Action, InvitationStatus, Resource};
use leptos::prelude::*;

use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::load_state::{failed, loading};
use crate::routes::{self, href, use_tenant};
use crate::sections::audit::RecentChanges;
use crate::sections::bindings::subject_label;
use crate::session::use_session;

/// The tenant's overview.
#[component]
pub fn TenantHome() -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let label = move || {
        let id = tenant.get();
        session
            .me
            .get()
            .and_then(|me| me.tenants.into_iter().find(|t| t.id == id))
            .map(|t| t.label().to_string())
            .unwrap_or(id)
    };
    let who = move || {
        session
            .me
            .get()
            .map(|me| me.display_name())
            .unwrap_or_default()
    };
    let one = || ListQuery {
        size: 1,
        ..Default::default()
    };
    let people = LocalResource::new(move || {
        let t = tenant.get();
        async move { Ok::<_, ApiError>(api::tenant_access::list(&t, &one()).await?.total) }
    });
    let groups = LocalResource::new(move || {
        let t = tenant.get();
        async move { Ok::<_, ApiError>(api::groups::search(&t, &one()).await?.total) }
    });
    let roles = LocalResource::new(move || {
        let t = tenant.get();
        async move { Ok::<_, ApiError>(api::roles::search(&t, &one()).await?.total) }
    });
    let accounts = LocalResource::new(move || {
        let t = tenant.get();
        async move {
            Ok::<_, ApiError>(
                api::service_accounts::list_in_tenant(&t, &one())
                    .await?
                    .total,
            )
        }
    });
    let invitations = LocalResource::new(move || {
        let t = tenant.get();
        async move {
            let pending = Some(InvitationStatus::Pending);
            Ok::<_, ApiError>(
                api::invitations::search(&t, &one(), None, pending)
                    .await?
                    .total,
            )
        }
    });
    view! {
        <section>
            <h1>{label}</h1>
            <p class="muted">"Tenant " <code>{tenant}</code> " · signed in as " <strong>{who}</strong></p>
            <ul class="counts" aria-label="In this tenant">
                <Count label="People" resource=Resource::TenantAccess link=routes::users count=people/>
                <Count label="Groups" resource=Resource::Group link=routes::groups count=groups/>
                <Count label="Roles" resource=Resource::Role link=routes::roles count=roles/>
                <Count label="Service accounts" resource=Resource::ServiceAccount
                    link=routes::service_accounts count=accounts/>
                <Count label="Pending invitations" resource=Resource::Invitation
                    link=routes::invitations count=invitations/>
            </ul>
            <AdminHolders/>
            <expiring_tokens::ExpiringTokens/>
            <RecentChanges/>
        </section>
    }
}

/// One count, linking to its list.
#[component]
fn Count(
    /// What is counted ("Groups").
    label: &'static str,
    /// The resource whose `LIST` right the count needs.
    resource: Resource,
    /// The list page.
    link: fn(&str) -> String,
    /// The count in the current tenant.
    count: LocalResource<Result<u64, ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let shown = move || match count.get() {
        None => "…".to_string(),
        Some(Ok(n)) => n.to_string(),
        Some(Err(_)) => "?".to_string(),
    };
    view! {
        <Show when=move || session.may(&tenant.get(), resource, Action::List) != Some(false)>
            <li class="count card">
                <a href=move || href(&link(&tenant.get()))>
                    <span class="number">{shown}</span>
                    <span class="what">{label}</span>
                </a>
            </li>
        </Show>
    }
}

/// Who holds the tenant's Admin role (Kestra's managed role), tenant-wide or on a namespace.
#[component]
fn AdminHolders() -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let holders = LocalResource::new(move || {
        let tenant = tenant.get();
        async move {
            let query = ListQuery {
                size: 100,
                search: Some("Admin".into()),
                ..Default::default()
            };
            let roles = api::roles::search(&tenant, &query).await?.results;
            let Some(admin) = roles
                .iter()
                .find(|r| r.is_managed && r.name.eq_ignore_ascii_case("admin"))
                .or_else(|| roles.iter().find(|r| r.name.eq_ignore_ascii_case("admin")))
            else {
                return Ok(None);
            };
            let filter = api::bindings::BindingFilter {
                role_id: Some(admin.id.clone()),
                ..Default::default()
            };
            let bindings = api::bindings::search(
                &tenant,
                &ListQuery {
                    size: 100,
                    ..Default::default()
                },
                &filter,
            )
            .await?
            .results;
            let mut names: Vec<String> = bindings.iter().map(subject_label).collect();
            names.sort();
            names.dedup();
            Ok::<_, ApiError>(Some((admin.id.clone(), names)))
        }
    });
    let allowed =
        move || session.may(&tenant.get(), Resource::Binding, Action::List) != Some(false);
    let body = move || match holders.get() {
        None => loading("Loading…"),
        Some(Err(error)) => failed(&error),
        Some(Ok(None)) => {
            view! { <p class="muted">"This tenant has no Admin role."</p> }.into_any()
        }
        Some(Ok(Some((_, names)))) if names.is_empty() => {
            view! { <p>"Nobody holds the Admin role."</p> }.into_any()
        }
        Some(Ok(Some((id, names)))) => {
            let link = href(&routes::access(
                &tenant.get_untracked(),
                &[("role", Some(&id))],
            ));
            view! {
                <p>{names.join(", ")}</p>
                <p><a href=link>"Every Admin binding"</a></p>
            }
            .into_any()
        }
    };
    view! {
        <Show when=allowed>
            <section class="card" aria-labelledby="admins-title">
                <h2 id="admins-title">"Who holds the Admin role"</h2>
                {body}
            </section>
        </Show>
    }
}
