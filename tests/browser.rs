//! Component tests in headless Chromium (wasm-bindgen-test). Run by `cargo xtask test`.

use kestra_admin::components::tenant_picker::TenantPicker;
use kestra_model::MeTenant;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn tenant(id: &str, name: &str) -> MeTenant {
    MeTenant {
        id: id.into(),
        name: Some(name.into()),
        logo: None,
    }
}

/// Mounts `view` into a fresh element and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), view).forget();
    root
}

#[wasm_bindgen_test]
async fn tenant_picker_lists_tenants_by_name_and_reports_the_pick() {
    let picked = RwSignal::new(String::new());
    let tenants = vec![tenant("dev", "Development"), tenant("prod", "Production")];
    let root = mount(move || {
        view! { <TenantPicker tenants=tenants current="dev".to_string() on_pick=Callback::new(move |id| picked.set(id))/> }
    });
    leptos::task::tick().await;

    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(select.options().length(), 2);
    assert_eq!(select.value(), "dev");
    assert!(root.text_content().unwrap().contains("Production"));

    select.set_value("prod");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(picked.get_untracked(), "prod");
}

#[wasm_bindgen_test]
async fn tenant_picker_shows_tenant_names_as_text_not_html() {
    let tenants = vec![tenant("x", "<img src=x onerror=alert(1)>")];
    let root = mount(move || {
        view! { <TenantPicker tenants=tenants current="x".to_string() on_pick=Callback::new(|_| {})/> }
    });
    leptos::task::tick().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(
        root.text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(1)>")
    );
}
