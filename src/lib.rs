//! kestra-admin: a web console for Kestra Enterprise's tenants, users and access control.
//!
//! The crate is a library so that native unit tests, the wasm-bindgen browser tests in `tests/`
//! and the binary trunk builds all share one set of modules:
//! `config` (runtime settings), `api` (the only code that talks HTTP), `session` (who is signed
//! in), `components` (reusable widgets, never calling `api`), `pages` (one module per screen)
//! and `app` (the route table).

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod pages;
pub mod session;

/// Reads the runtime configuration and mounts the console into the page.
pub fn start() {
    console_error_panic_hook::set_once();
    let config = config::RuntimeConfig::from_document();
    api::client::configure(&config);
    leptos::mount::mount_to_body(move || leptos::view! { <app::App config=config.clone()/> });
}
