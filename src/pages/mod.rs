//! One module per screen. A page reads its route, asks `api` for data and wires components;
//! each exports its component and a `link` builder for URLs that lead to it.

pub mod groups;
pub mod home;
pub mod list_url;
pub mod not_found;
pub mod pickers;
pub mod sign_in;
pub mod tenant_home;
pub mod tenant_shell;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::config::RuntimeConfig;

/// The tenant of the current route (`/ui/<tenant>/...`).
pub fn use_tenant() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("tenant").unwrap_or_default())
}

/// The `href` of a console path (one of the `link` builders' results): the base path plus it.
pub fn href(path: &str) -> String {
    format!("{}{path}", expect_context::<RuntimeConfig>().router_base())
}
