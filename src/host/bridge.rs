//! Connects the console's router and session to the host page: reports every route change,
//! and in embedded mode signs in with the tokens the host hands over.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use serde_json::json;

use super::{Host, HostRefusal};
use crate::api::Credentials;
use crate::config::RuntimeConfig;
use crate::session::{Keep, use_session};

/// Renders nothing; lives inside the router for as long as the console.
#[component]
pub fn HostBridge() -> impl IntoView {
    let host = expect_context::<Host>();
    let config = expect_context::<RuntimeConfig>();
    let session = use_session();
    let location = use_location();
    let base = config.router_base();

    let navigation = host.clone();
    Effect::new(move |_| {
        let path = location.pathname.get();
        let search = location.search.get();
        let route = path.strip_prefix(&base).unwrap_or(&path).to_string();
        let tenant = tenant_of(&route, session.multi_tenancy.get());
        let path = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        navigation.send(
            "navigate",
            json!({ "path": path, "route": route, "tenant": tenant }),
        );
    });

    if config.embedded {
        let refusal = expect_context::<HostRefusal>();
        host.on_token(move |token| {
            spawn_local(async move {
                let outcome = session
                    .sign_in(Credentials::Token(token), Keep::Memory)
                    .await;
                refusal.0.set(outcome.err());
            });
        });
    }
}

/// The tenant a console route is in: its first segment with multi-tenancy (except the
/// console's own `/login`), `None` on the landing page or without multi-tenancy. Tenant ids
/// are URL-safe (`[a-z0-9_-]`), so the segment is the id.
pub fn tenant_of(route: &str, multi_tenancy: bool) -> Option<String> {
    let first = route.trim_start_matches('/').split('/').next()?;
    (multi_tenancy && !first.is_empty() && first != "login").then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenant_is_the_first_segment_of_tenant_routes_only() {
        assert_eq!(tenant_of("/dev/admin/users", true).as_deref(), Some("dev"));
        assert_eq!(tenant_of("/", true), None);
        assert_eq!(tenant_of("", true), None);
        assert_eq!(tenant_of("/login", true), None);
        assert_eq!(tenant_of("/admin/users", false), None);
    }
}
