//! One module per screen. A page reads its route, asks `api` for data and wires components;
//! each exports its component and a `link` builder for URLs that lead to it.

pub mod access;
pub mod groups;
pub mod home;
pub mod invitations;
pub mod list_url;
pub mod not_found;
pub mod pickers;
pub mod roles;
pub mod service_accounts;
pub mod sign_in;
pub mod tenant_home;
pub mod tenant_shell;
pub mod tenants;
pub mod tokens;
pub mod users;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::config::RuntimeConfig;

/// The tenant of the current route (`/ui/<tenant>/...`).
pub fn use_tenant() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("tenant").unwrap_or_default())
}

/// The start of every tenant page's path: `/<tenant>/admin`, or `/admin` when the server
/// has no multi-tenancy (the tenant is then empty). Link builders extend it.
pub fn admin_path(tenant: &str) -> String {
    if tenant.is_empty() {
        "/admin".to_string()
    } else {
        format!("/{}/admin", crate::api::url::encode(tenant))
    }
}

/// Whether the signed-in user is an instance owner (Kestra's `superAdmin`), who alone may
/// use the instance-wide APIs (`/api/v1/users`, `/api/v1/tenants`, ...).
pub fn instance_owner(session: crate::session::Session) -> bool {
    session
        .me
        .with(|me| me.as_ref().is_some_and(|me| me.super_admin))
}

/// The `href` of a console path (one of the `link` builders' results): the base path plus it.
pub fn href(path: &str) -> String {
    format!("{}{path}", expect_context::<RuntimeConfig>().router_base())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_pages_have_a_tenant_segment_only_with_multi_tenancy() {
        assert_eq!(admin_path("dev"), "/dev/admin");
        assert_eq!(admin_path("a/b"), "/a%2Fb/admin");
        assert_eq!(admin_path(""), "/admin");
    }
}
