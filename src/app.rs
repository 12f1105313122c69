//! The route table: the one place that lists every URL of the console.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{MatchNestedRoutes, path};

use crate::api::Credentials;
use crate::components::loading_bar::LoadingBar;
use crate::components::toasts::{ToastRegion, Toasts};
use crate::config::RuntimeConfig;
use crate::host::Host;
use crate::host::bridge::{HostBridge, HostSignIn};
use crate::pages::access::{AccessList, BindingCreate, EffectivePermissions};
use crate::pages::groups::{GroupCreate, GroupDetailPage, GroupList};
use crate::pages::invitations::{InvitationCreate, InvitationList};
use crate::pages::roles::{RoleCreate, RoleDetailPage, RoleList};
use crate::pages::service_accounts::{
    ServiceAccountCreate, ServiceAccountDetailPage, ServiceAccountList,
};
use crate::pages::tenants::{TenantCreate, TenantDetailPage, TenantList};
use crate::pages::tokens::MyTokens;
use crate::pages::users::{UserCreate, UserDetailPage, UserList};
use crate::pages::{
    home::Home, not_found::NotFound, sign_in::SignIn, tenant_home::TenantHome,
    tenant_shell::TenantShell,
};
use crate::session::Session;

/// The whole console: runtime settings, host page and session in context, then the routes.
#[component]
pub fn App(
    config: RuntimeConfig,
    host: Host,
    /// The token the host page put on the mount element, if any.
    host_token: Option<String>,
) -> impl IntoView {
    let base = config.router_base();
    // An embedded console signs in with what the host hands over, never with remembered
    // credentials of a standalone visit.
    let session = if config.embedded {
        Session::with_credentials(host_token.map(Credentials::Token))
    } else {
        Session::restore()
    };
    provide_context(config);
    provide_context(host);
    provide_context(HostSignIn {
        refused: RwSignal::new(None),
    });
    provide_context(session);
    provide_context(Toasts::new());
    let in_flight = RwSignal::new(0usize);
    crate::api::client::track_in_flight(in_flight);
    view! {
        <LoadingBar in_flight=in_flight/>
        <Router base=base>
            <HostBridge/>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=SignIn/>
                <Route path=path!("/") view=Home/>
                <ParentRoute path=path!("/:tenant") view=TenantShell>
                    <AdminRoutes/>
                </ParentRoute>
                // Without multi-tenancy (from /api/v1/configs) URLs have no tenant segment.
                <ParentRoute path=path!("") view=TenantShell>
                    <AdminRoutes/>
                </ParentRoute>
            </Routes>
        </Router>
        <ToastRegion/>
    }
}

/// Every page of a tenant, below `/ui/<tenant>` (or directly below `/ui` without
/// multi-tenancy). Pages with a `new` path list it before their `:id` path.
#[component(transparent)]
fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/admin") view=Outlet>
            <Route path=path!("") view=TenantHome/>
            <Route path=path!("/groups") view=GroupList/>
            <Route path=path!("/groups/new") view=GroupCreate/>
            <Route path=path!("/groups/:id") view=GroupDetailPage/>
            <Route path=path!("/roles") view=RoleList/>
            <Route path=path!("/roles/new") view=RoleCreate/>
            <Route path=path!("/roles/:id") view=RoleDetailPage/>
            <Route path=path!("/access") view=AccessList/>
            <Route path=path!("/access/new") view=BindingCreate/>
            <Route path=path!("/access/effective") view=EffectivePermissions/>
            <Route path=path!("/invitations") view=InvitationList/>
            <Route path=path!("/invitations/new") view=InvitationCreate/>
            <Route path=path!("/tenants") view=TenantList/>
            <Route path=path!("/tenants/new") view=TenantCreate/>
            <Route path=path!("/tenants/:id") view=TenantDetailPage/>
            <Route path=path!("/users") view=UserList/>
            <Route path=path!("/users/new") view=UserCreate/>
            <Route path=path!("/users/:id") view=UserDetailPage/>
            <Route path=path!("/service-accounts") view=ServiceAccountList/>
            <Route path=path!("/service-accounts/new") view=ServiceAccountCreate/>
            <Route path=path!("/service-accounts/:id") view=ServiceAccountDetailPage/>
            <Route path=path!("/my-tokens") view=MyTokens/>
        </ParentRoute>
    }
    .into_inner()
}
