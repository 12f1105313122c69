//! The console's sections, as the side navigation and the command palette list them: each
//! with its page and who sees it.

use kestra_model::{Action, Resource};

use crate::routes;
use crate::session::Session;

/// One entry of the side navigation.
pub struct Section {
    pub label: &'static str,
    pub link: fn(&str) -> String,
    shown_to: ShownTo,
}

/// Who sees a side navigation entry.
enum ShownTo {
    Everyone,
    /// Hidden when the server says the user may not list this resource.
    MayList(Resource),
    /// The instance-wide pages: instance owners only (a tenant's Admin role has no say there).
    InstanceOwners,
}

pub const SECTIONS: &[Section] = &[
    Section {
        label: "Overview",
        link: routes::tenant_home,
        shown_to: ShownTo::Everyone,
    },
    Section {
        label: "Groups",
        link: routes::groups,
        shown_to: ShownTo::MayList(Resource::Group),
    },
    Section {
        label: "Users",
        link: routes::users,
        // The list is `GET /{tenant}/tenant-access`, which needs `TENANT_ACCESS:LIST`.
        shown_to: ShownTo::MayList(Resource::TenantAccess),
    },
    Section {
        label: "Service accounts",
        link: routes::service_accounts,
        shown_to: ShownTo::MayList(Resource::ServiceAccount),
    },
    Section {
        label: "Roles",
        link: routes::roles,
        shown_to: ShownTo::MayList(Resource::Role),
    },
    Section {
        label: "Access",
        link: |tenant| routes::access(tenant, &[]),
        shown_to: ShownTo::MayList(Resource::Binding),
    },
    Section {
        label: "Invitations",
        link: routes::invitations,
        shown_to: ShownTo::MayList(Resource::Invitation),
    },
    Section {
        label: "Audit logs",
        link: |tenant| routes::audit_logs(tenant, &routes::AuditQuery::default()),
        shown_to: ShownTo::MayList(Resource::Auditlog),
    },
    Section {
        label: "Tenants",
        link: routes::tenants,
        shown_to: ShownTo::InstanceOwners,
    },
    Section {
        label: "All people",
        link: routes::instance_people,
        shown_to: ShownTo::InstanceOwners,
    },
    Section {
        label: "All service accounts",
        link: routes::instance_service_accounts,
        shown_to: ShownTo::InstanceOwners,
    },
    Section {
        label: "Instance audit logs",
        link: |tenant| routes::instance_audit_logs(tenant, &routes::AuditQuery::default()),
        shown_to: ShownTo::InstanceOwners,
    },
];

/// The sections `session` may see in `tenant`, in the navigation's order.
pub fn visible(session: Session, tenant: &str) -> impl Iterator<Item = &'static Section> + use<'_> {
    SECTIONS.iter().filter(move |s| match s.shown_to {
        ShownTo::Everyone => true,
        ShownTo::MayList(resource) => session.may(tenant, resource, Action::List) != Some(false),
        ShownTo::InstanceOwners => session.instance_owner(),
    })
}
