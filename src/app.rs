//! The route table: which page each URL of `routes` shows. The shell (sign-in, landing,
//! the tenant frame, 404) is in the first download; every other page is lazy (see
//! `areas`).

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};

use crate::api::Credentials;
use crate::areas::{audit::*, groups_and_roles::*, people::*, tenants_and_instance::*};
use crate::components::leave_guard::{LeaveGuard, UnsavedEdits};
use crate::components::loading_bar::LoadingBar;
use crate::components::toasts::{ToastRegion, Toasts};
use crate::config::RuntimeConfig;
use crate::host::bridge::HostBridge;
use crate::host::{Host, HostRefusal};
use crate::pages::{home::Home, not_found::NotFound, sign_in::SignIn, tenant_shell::TenantShell};
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
/// multi-tenancy). Pages with a `new` path list it before their `:id` path. Each page's code
/// comes with its area (`areas`), downloaded when first needed.
// The trait by its path: with `--cfg erase_components` (the release build) the component macro
// erases this return type, and an import of the trait would be unused there.
#[component(transparent)]
fn AdminRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=routes::ADMIN view=Outlet>
            <Route path=routes::TENANT_HOME view={Lazy::<TenantHome>::new()}/>
            <Route path=routes::GROUPS view={Lazy::<GroupList>::new()}/>
            <Route path=routes::GROUP_NEW view={Lazy::<GroupCreate>::new()}/>
            <Route path=routes::GROUP view={Lazy::<GroupDetailPage>::new()}/>
            <Route path=routes::ROLES view={Lazy::<RoleList>::new()}/>
            <Route path=routes::ROLE_NEW view={Lazy::<RoleCreate>::new()}/>
            <Route path=routes::ROLE view={Lazy::<RoleDetailPage>::new()}/>
            <Route path=routes::ACCESS view={Lazy::<AccessList>::new()}/>
            <Route path=routes::BINDING_NEW view={Lazy::<BindingCreate>::new()}/>
            <Route path=routes::EFFECTIVE view={Lazy::<EffectivePermissions>::new()}/>
            <Route path=routes::ACCESS_EXPORT view={Lazy::<AccessExport>::new()}/>
            <Route path=routes::ACCESS_COPY view={Lazy::<AccessCopy>::new()}/>
            <Route path=routes::INVITATIONS view={Lazy::<InvitationList>::new()}/>
            <Route path=routes::INVITATION_NEW view={Lazy::<InvitationCreate>::new()}/>
            <Route path=routes::TENANTS view={Lazy::<TenantList>::new()}/>
            <Route path=routes::TENANT_NEW view={Lazy::<TenantCreate>::new()}/>
            <Route path=routes::TENANT view={Lazy::<TenantDetailPage>::new()}/>
            <Route path=routes::USERS view={Lazy::<UserList>::new()}/>
            <Route path=routes::USER_NEW view={Lazy::<UserCreate>::new()}/>
            <Route path=routes::USER view={Lazy::<UserDetailPage>::new()}/>
            <Route path=routes::SERVICE_ACCOUNTS view={Lazy::<ServiceAccountList>::new()}/>
            <Route path=routes::SERVICE_ACCOUNT_NEW view={Lazy::<ServiceAccountCreate>::new()}/>
            <Route path=routes::SERVICE_ACCOUNT view={Lazy::<ServiceAccountDetailPage>::new()}/>
            <Route path=routes::MY_TOKENS view={Lazy::<MyTokens>::new()}/>
            <Route path=routes::AUDIT_LOGS view={Lazy::<AuditLogList>::new()}/>
            <Route path=routes::AUDIT_LOG view={Lazy::<AuditLogEntryPage>::new()}/>
            <Route path=routes::INSTANCE_AUDIT_LOGS view={Lazy::<InstanceAuditLogList>::new()}/>
            <Route path=routes::INSTANCE_AUDIT_LOG view={Lazy::<InstanceAuditLogEntryPage>::new()}/>
            <Route path=routes::MY_PROFILE view={Lazy::<MyProfile>::new()}/>
            <Route path=routes::INSTANCE_PEOPLE view={Lazy::<InstancePeople>::new()}/>
            <Route path=routes::INSTANCE_PERSON view={Lazy::<InstancePersonPage>::new()}/>
            <Route path=routes::INSTANCE_SERVICE_ACCOUNTS view={Lazy::<InstanceServiceAccounts>::new()}/>
            <Route path=routes::INSTANCE_SERVICE_ACCOUNT view={Lazy::<InstanceServiceAccountPage>::new()}/>
        </ParentRoute>
    }
    .into_inner()
}
