//! `/ui/<tenant>/admin`: the tenant's overview, where the console lands after sign-in.

use leptos::prelude::*;

use crate::routes::use_tenant;
use crate::session::use_session;

/// Greets the user in the tenant they are working in.
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
    view! {
        <section>
            <h1>{label}</h1>
            <p class="muted">"Tenant " <code>{tenant}</code></p>
            <p>"Signed in as " <strong>{who}</strong> "."</p>
        </section>
    }
}
