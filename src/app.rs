//! The route table: which page each URL of `routes` shows.

use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};

use crate::api::Credentials;
use crate::components::leave_guard::{LeaveGuard, UnsavedEdits};
use crate::components::loading_bar::LoadingBar;
use crate::components::toasts::{ToastRegion, Toasts};
use crate::config::RuntimeConfig;
use crate::host::bridge::HostBridge;
use crate::host::{Host, HostRefusal};
use crate::pages::access::{AccessList, BindingCreate, EffectivePermissions};
use crate::pages::audit_logs::{
    AuditLogEntryPage, AuditLogList, InstanceAuditLogEntryPage, InstanceAuditLogList,
};
use crate::pages::groups::{GroupCreate, GroupDetailPage, GroupList};
use crate::pages::instance::{
    InstancePeople, InstancePersonPage, InstanceServiceAccountPage, InstanceServiceAccounts,
};
use crate::pages::invitations::{InvitationCreate, InvitationList};
use crate::pages::my_tokens::MyTokens;
use crate::pages::profile::MyProfile;
use crate::pages::roles::{RoleCreate, RoleDetailPage, RoleList};
use crate::pages::service_accounts::{
    ServiceAccountCreate, ServiceAccountDetailPage, ServiceAccountList,
};
use crate::pages::tenants::{TenantCreate, TenantDetailPage, TenantList};
use crate::pages::users::{UserCreate, UserDetailPage, UserList};
use crate::pages::{
    home::Home, not_found::NotFound, sign_in::SignIn, tenant_home::TenantHome,
    tenant_shell::TenantShell,
};
use crate::routes;
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
    provide_context(HostRefusal(RwSignal::new(None)));
    provide_context(session);
    provide_context(Toasts::new());
    provide_context(UnsavedEdits::new());
    let in_flight = RwSignal::new(0usize);
    crate::api::client::track_in_flight(in_flight);
    view! {
        <LoadingBar in_flight=in_flight/>
        <Router base=base>
            <HostBridge/>
            <LeaveGuard/>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=routes::LOGIN view=SignIn/>
                <Route path=routes::LANDING view=Home/>
                <ParentRoute path=routes::IN_TENANT view=TenantShell>
                    <AdminRoutes/>
                </ParentRoute>
                <ParentRoute path=routes::WITHOUT_TENANT view=TenantShell>
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
        <ParentRoute path=routes::ADMIN view=Outlet>
            <Route path=routes::TENANT_HOME view=TenantHome/>
            <Route path=routes::GROUPS view=GroupList/>
            <Route path=routes::GROUP_NEW view=GroupCreate/>
            <Route path=routes::GROUP view=GroupDetailPage/>
            <Route path=routes::ROLES view=RoleList/>
            <Route path=routes::ROLE_NEW view=RoleCreate/>
            <Route path=routes::ROLE view=RoleDetailPage/>
            <Route path=routes::ACCESS view=AccessList/>
            <Route path=routes::BINDING_NEW view=BindingCreate/>
            <Route path=routes::EFFECTIVE view=EffectivePermissions/>
            <Route path=routes::INVITATIONS view=InvitationList/>
            <Route path=routes::INVITATION_NEW view=InvitationCreate/>
            <Route path=routes::TENANTS view=TenantList/>
            <Route path=routes::TENANT_NEW view=TenantCreate/>
            <Route path=routes::TENANT view=TenantDetailPage/>
            <Route path=routes::USERS view=UserList/>
            <Route path=routes::USER_NEW view=UserCreate/>
            <Route path=routes::USER view=UserDetailPage/>
            <Route path=routes::SERVICE_ACCOUNTS view=ServiceAccountList/>
            <Route path=routes::SERVICE_ACCOUNT_NEW view=ServiceAccountCreate/>
            <Route path=routes::SERVICE_ACCOUNT view=ServiceAccountDetailPage/>
            <Route path=routes::MY_TOKENS view=MyTokens/>
            <Route path=routes::AUDIT_LOGS view=AuditLogList/>
            <Route path=routes::AUDIT_LOG view=AuditLogEntryPage/>
            <Route path=routes::INSTANCE_AUDIT_LOGS view=InstanceAuditLogList/>
            <Route path=routes::INSTANCE_AUDIT_LOG view=InstanceAuditLogEntryPage/>
            <Route path=routes::MY_PROFILE view=MyProfile/>
            <Route path=routes::INSTANCE_PEOPLE view=InstancePeople/>
            <Route path=routes::INSTANCE_PERSON view=InstancePersonPage/>
            <Route path=routes::INSTANCE_SERVICE_ACCOUNTS view=InstanceServiceAccounts/>
            <Route path=routes::INSTANCE_SERVICE_ACCOUNT view=InstanceServiceAccountPage/>
        </ParentRoute>
    }
    .into_inner()
}
