//! Which area each page's code is downloaded with. Like `app.rs`, this names pages; `routes`
//! and everything below the pages do not.
//!
//! The first load is the shell (sign-in, the frame, the tenant picker, the fetch layer: what
//! `app.rs` names directly) plus the area of the page visited; the other areas follow while the
//! browser is idle (see `lazy_page`). A handful of areas, grouped by what an admin does in one
//! sitting, rather than a file per page: every file is a request, and pages of one area share
//! most of their code. A new page joins the area it belongs with, so the first load does not
//! grow with the number of pages.

mod lazy_page;

use lazy_page::area;

area! {
    /// People and what they may do: users, service accounts, invitations, bindings and
    /// effective access, and one's own profile and API tokens.
    people {
        users::UserList,
        users::UserCreate,
        users::UserDetailPage,
        service_accounts::ServiceAccountList,
        service_accounts::ServiceAccountCreate,
        service_accounts::ServiceAccountDetailPage,
        invitations::InvitationList,
        invitations::InvitationCreate,
        access::AccessList,
        access::BindingCreate,
        access::EffectivePermissions,
        my_tokens::MyTokens,
        profile::MyProfile,
    }
}

area! {
    /// Groups and roles, with the permission matrix.
    groups_and_roles {
        groups::GroupList,
        groups::GroupCreate,
        groups::GroupDetailPage,
        roles::RoleList,
        roles::RoleCreate,
        roles::RoleDetailPage,
    }
}

area! {
    /// A tenant's overview, the tenants, the instance's people and service accounts, and a
    /// tenant's access as code or copied to another tenant.
    tenants_and_instance {
        tenant_home::TenantHome,
        access_code::AccessExport,
        access_code::AccessCopy,
        tenants::TenantList,
        tenants::TenantCreate,
        tenants::TenantDetailPage,
        instance::InstancePeople,
        instance::InstancePersonPage,
        instance::InstanceServiceAccounts,
        instance::InstanceServiceAccountPage,
    }
}

area! {
    /// The audit trail, a tenant's and the instance's.
    audit {
        audit_logs::AuditLogList,
        audit_logs::AuditLogEntryPage,
        audit_logs::InstanceAuditLogList,
        audit_logs::InstanceAuditLogEntryPage,
    }
}

/// Downloads every area not downloaded yet, one after the other, so that the page in use keeps
/// most of the connection for its own requests.
pub async fn prefetch_all() {
    people::prefetch().await;
    groups_and_roles::prefetch().await;
    tenants_and_instance::prefetch().await;
    audit::prefetch().await;
}
