//! kestra-admin: a web console for Kestra Enterprise's tenants, users and access control.
//!
//! The crate is a library so that native unit tests, the wasm-bindgen browser tests in `tests/`
//! and the console's binary all share one set of modules:
//! `config` (runtime settings), `api` (the only code that talks HTTP), `session` (who is signed
//! in), `components` (reusable widgets, never calling `api`), `pages` (one module per screen),
//! `app` (the route table) and `areas` (which pages' code is downloaded together).

pub mod api;
pub mod app;
pub mod areas;
pub mod components;
pub mod config;
#[cfg(feature = "heap-stats")]
mod heap_stats;
pub mod hooks;
pub mod host;
pub mod pages;
pub mod routes;
pub mod sections;
pub mod session;

/// Reads the runtime configuration and mounts the console into the page: into the host's
/// `#kestra-admin` element when there is one, else into a new one in `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    let root = host::root_element();
    let mut config = config::RuntimeConfig::parse(&config::RuntimeConfig::meta_content());
    config.apply_attributes(&root);
    let token = host::take_token(&root);
    match config.config_url.clone() {
        Some(url) => leptos::task::spawn_local(async move {
            match api::config_file::get(&url).await {
                // The element's attributes still win over the file.
                Ok(json) => {
                    config.apply_json(&json);
                    config.apply_attributes(&root);
                }
                Err(error) => leptos::logging::warn!(
                    "kestra-admin: {url} could not be read ({}); using the other settings",
                    error.user_message()
                ),
            }
            mount(root, config, token);
        }),
        None => mount(root, config, token),
    }
}

fn mount(root: web_sys::Element, mut config: config::RuntimeConfig, token: Option<String>) {
    use wasm_bindgen::JsCast;
    config.embedded |= host::is_framed();
    // The stylesheet applies only below `.ka-root`, so it cannot restyle a host page.
    let classes = root.class_list();
    let _ = classes.add_1("ka-root");
    if config.embedded {
        let _ = classes.add_1("ka-embedded");
    }
    api::client::configure(&config);
    let host = host::Host::new(root.clone(), &config);
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(root, move || {
        leptos::view! { <app::App config=config host=host host_token=token/> }
    })
    .forget();
}
