//! `/ui/<tenant>/admin/users/<id>`: one person, in tabs: overview, authentication, groups,
//! access in this tenant, API tokens. The tenant view (`tenant-access`) is always read; the
//! instance view (`/users/{id}`, for edits) only by instance owners, who alone may use it.

use kestra_model::users::shown_name;
use kestra_model::{TenantAccess, User};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::api::api_tokens::Owner;
use crate::components::detail_states::DetailStates;
use crate::components::owners_only::OwnersOnly;
use crate::routes::{self, UserTab, href, use_item_id, use_tenant, use_user_tab};
use crate::sections::audit::History;
use crate::sections::sign_in_methods::UserAuthentication;
use crate::sections::tokens::TokenSection;
use crate::session::use_session;

use super::access::UserAccess;
use super::groups::UserGroups;
use super::overview::UserOverview;

/// What each tab's button says.
fn label(tab: UserTab) -> &'static str {
    match tab {
        UserTab::Overview => "Overview",
        UserTab::Authentication => "Authentication",
        UserTab::Groups => "Groups",
        UserTab::Access => "Access",
        UserTab::Tokens => "API tokens",
        UserTab::History => "History",
    }
}

/// A person's page.
#[component]
pub fn UserDetailPage() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let id = use_item_id();
    let access = LocalResource::new(move || {
        let (tenant, id) = (tenant.get(), id.get());
        async move { api::tenant_access::get(&tenant, &id).await }
    });
    let user = LocalResource::new(move || {
        let (id, owner) = (id.get(), session.instance_owner());
        async move {
            if owner {
                api::users::get(&id).await
            } else {
                Ok(None)
            }
        }
    });
    // One item for `DetailStates`: the tenant view decides whether the person is found here.
    let person = Signal::derive(move || match (access.get()?, user.get()?) {
        (Ok(None), _) => Some(Ok(None)),
        (Err(error), _) | (_, Err(error)) => Some(Err(error)),
        (Ok(Some(access)), Ok(user)) => Some(Ok(Some((access, user)))),
    });
    let refresh = Callback::new(move |()| {
        access.refetch();
        user.refetch();
    });
    let back = move || href(&routes::users(&tenant.get()));
    // In the URL, so a reload or a shared link opens the same tab; and a refresh after an edit
    // re-renders the tabs without leaving it.
    let tab = use_user_tab();
    view! {
        <section>
            <DetailStates item=person noun="user" why_missing="They may have been deleted, or may not use this tenant."
                back=Signal::derive(back) back_label="users"
                render=move |(access, user)| view! {
                    <UserTabs id=id.get_untracked() access=access user=user tab=tab refresh=refresh/>
                }.into_any()/>
        </section>
    }
}

/// The title and the tabs.
#[component]
fn UserTabs(
    id: String,
    access: TenantAccess,
    user: Option<User>,
    tab: Memo<UserTab>,
    refresh: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let tab_id = id.clone();
    let open_tab = move |t: UserTab| {
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(
            &routes::user_tab(&tenant.get_untracked(), &tab_id, t),
            options,
        );
    };
    let title = shown_name(access.display_name.as_deref(), access.username.as_deref());
    let panel = move || match tab.get() {
        UserTab::Overview => {
            view! { <UserOverview access=access.clone() user=user.clone() refresh=refresh/> }
                .into_any()
        }
        UserTab::Authentication => match user.clone() {
            Some(user) => view! { <UserAuthentication user=user refresh=refresh/> }.into_any(),
            None => view! { <OwnersOnly/> }.into_any(),
        },
        UserTab::Groups => {
            view! { <UserGroups id=id.clone() groups=access.groups.clone() refresh=refresh/> }
                .into_any()
        }
        UserTab::Access => view! { <UserAccess access=access.clone() refresh=refresh/> }.into_any(),
        UserTab::History => view! {
            // People are instance-level: an instance owner reads every change of one.
            <History resource=kestra_model::Resource::User id=id.clone() instance=user.is_some()/>
        }
        .into_any(),
        UserTab::Tokens => match user.is_some() {
            true => view! { <TokenSection owner=Owner::User(id.clone())/> }.into_any(),
            false => view! { <OwnersOnly/> }.into_any(),
        },
    };
    view! {
        <header class="page-header"><h1>{title}</h1></header>
        <div class="tabs" role="tablist" aria-label="User sections">
            {UserTab::ALL.into_iter().map(|t| {
                let open_tab = open_tab.clone();
                view! {
                    <button type="button" role="tab" class:active=move || tab.get() == t
                        aria-selected=move || (tab.get() == t).to_string()
                        on:click=move |_| open_tab(t)>{label(t)}</button>
                }
            }).collect_view()}
        </div>
        <div class="tab-panel" role="tabpanel">{panel}</div>
    }
}
