//! The frame around every `/ui/<tenant>/...` page: header with tenant picker and user menu,
//! side navigation, and the signed-in check that sends visitors to sign-in and back.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};

mod palette;
mod sections;

use sections::SECTIONS;

use crate::api::ApiError;
use crate::components::{
    demo_banner::DemoBanner, leave_guard::use_leave_guard, tenant_picker::TenantPicker,
    user_menu::UserMenu,
};
use crate::config::RuntimeConfig;
use crate::routes::{self, href, use_tenant};
use crate::session::{Session, use_session};

/// Lays out a tenant page and renders the matched child route in its content area.
#[component]
pub fn TenantShell() -> impl IntoView {
    let session = use_session();
    let config = expect_context::<RuntimeConfig>();
    // Embedded in a portal, the header keeps only the tenant switcher (if the host wants it):
    // the portal shows its own brand, user and sign-out.
    let embedded = config.embedded;
    let picker_wanted = !embedded || config.tenant_picker;
    let product_name = config.product_name.clone();
    let tenant = use_tenant();
    let location = use_location();
    let navigate = use_navigate();
    let router_base = config.router_base();
    // The current path below the router base, e.g. `/dev/admin` for `/ui/dev/admin`.
    let here = move || {
        let path = location.pathname.get_untracked();
        path.strip_prefix(&router_base)
            .map(str::to_string)
            .unwrap_or(path)
    };
    // Where sign-in sends the user back to: this page with its query, so a tab or a list's
    // filters survive signing in again.
    let back_here = {
        let here = here.clone();
        move || match location.search.get_untracked() {
            search if search.is_empty() => here(),
            search => format!("{}?{search}", here()),
        }
    };

    let me = LocalResource::new(move || session.load());
    // Any request refused for its credentials (a revoked token, a changed password) sends the
    // user to sign-in, and back to this page afterwards.
    {
        let navigate = navigate.clone();
        let back_here = back_here.clone();
        crate::api::client::on_unauthorized(move || {
            session.sign_out();
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&routes::login(Some(&back_here())), replace);
        });
    }
    let to_sign_in = navigate.clone();
    let here_for_sign_in = back_here.clone();
    // A URL of the wrong tenancy mode (bookmarked before the server changed, or typed by hand)
    // goes to its equivalent: add the tenant via the landing page, or drop it.
    let to_mode = navigate.clone();
    let here_for_mode = here.clone();
    Effect::new(move |_| {
        if !matches!(me.get(), Some(Ok(_))) {
            return;
        }
        let replace = NavigateOptions {
            replace: true,
            ..Default::default()
        };
        match (session.multi_tenancy.get(), tenant.get().is_empty()) {
            (true, true) => to_mode("/", replace),
            (false, false) => to_mode(&drop_tenant(&here_for_mode()), replace),
            _ => {}
        }
    });
    Effect::new(move |_| {
        if let Some(Err(ApiError::Unauthorized)) = me.get() {
            session.sign_out();
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            to_sign_in(&routes::login(Some(&here_for_sign_in())), replace);
        }
    });
    Effect::new(move |_| Session::remember_tenant(&tenant.get()));

    let to_tenant = navigate.clone();
    let unsaved = use_leave_guard();
    let base = config.router_base();
    let on_pick = Callback::new(move |new: String| {
        let path = switch_tenant(&back_here(), &new);
        if unsaved.may_leave_for(format!("{base}{path}")) {
            to_tenant(&path, Default::default());
        }
    });
    let on_sign_out = Callback::new(move |()| {
        session.sign_out();
        navigate(&routes::login(None), Default::default());
    });
    let tenants = Signal::derive(move || session.me.get().map(|m| m.tenants).unwrap_or_default());
    let user_name = Signal::derive(move || {
        session
            .me
            .get()
            .map(|m| m.display_name())
            .unwrap_or_default()
    });
    let home = move || {
        format!(
            "{}{}",
            config.router_base(),
            routes::tenant_home(&tenant.get())
        )
    };

    // From `session.me`, not the first answer, so it follows tenants created or deleted since;
    // a memo, so that refreshing `me` does not re-render (and reset) the page.
    let allowed = Memo::new(move |_| {
        let tenant = tenant.get();
        tenant.is_empty()
            || session.me.with(|me| {
                me.as_ref()
                    .is_none_or(|me| me.tenants.iter().any(|t| t.id == tenant))
            })
    });

    // A page whose URL names its tenant starts at once, hidden until `me` says the tenant may
    // be used: its own requests, and the download of its area's code, then go out beside
    // `me`'s rather than after it. Without a tenant in the URL or without credentials it
    // waits for `me`, which may send it to another URL or to sign-in.
    let start_early = !tenant.get_untracked().is_empty() && session.has_credentials.get_untracked();
    let started = Memo::new(move |_| start_early || matches!(me.get(), Some(Ok(_))));
    let shown = move || matches!(me.get(), Some(Ok(_))) && allowed.get();

    let show_picker = move || picker_wanted && session.multi_tenancy.get();
    let main = NodeRef::<leptos::html::Main>::new();
    // Focus moves to the content itself: the router would treat `#content` as a navigation.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#content" on:click=skip>"Skip to content"</a>
        <div class="layout">
            <header class="topbar" hidden=move || embedded && !show_picker()>
                {(!embedded).then(|| view! {
                    <a class="brand" href=home.clone()>{product_name.clone()}</a>
                })}
                <Show when=show_picker>
                    <TenantPicker tenants=tenants current=tenant on_pick=on_pick/>
                </Show>
                <palette::CommandPalette/>
                {(!embedded).then(|| view! {
                    <UserMenu name=user_name on_sign_out=on_sign_out
                        profile_href=Signal::derive(move || href(&routes::my_profile(&tenant.get())))
                        tokens_href=Signal::derive(move || href(&routes::my_tokens(&tenant.get())))/>
                })}
            </header>
            <nav class="sidenav" aria-label="Sections">
                {move || side_navigation(session, &tenant.get(), &location.pathname.get())}
            </nav>
            <main class="content" id="content" tabindex="-1" node_ref=main>
                <DemoBanner demo=session.demo/>
                {move || match me.get() {
                    None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
                    Some(Err(ApiError::Unauthorized)) => ().into_any(),
                    Some(Err(error)) => view! { <p class="error" role="alert">{error.user_message()}</p> }.into_any(),
                    Some(Ok(_)) if !allowed.get() => view! {
                        <div class="card" role="alert">
                            <h1>"No access to this tenant"</h1>
                            <p>"This tenant does not exist, or you may not use it. Pick another one above."</p>
                        </div>
                    }.into_any(),
                    Some(Ok(_)) => ().into_any(),
                }}
                <Show when=move || started.get()>
                    <div class="page" hidden=move || !shown()><Outlet/></div>
                </Show>
            </main>
        </div>
    }
}

/// The side navigation's links, marking the current section.
fn side_navigation(session: Session, tenant: &str, pathname: &str) -> impl IntoView + use<> {
    // A section is current on its own page and below it; the overview only on its own, so
    // pages outside every section (one's profile and tokens) mark none.
    let home = routes::tenant_home(tenant);
    let current = SECTIONS
        .iter()
        .filter(|s| {
            let link = (s.link)(tenant);
            pathname.ends_with(&link) || (link != home && pathname.contains(&format!("{link}/")))
        })
        .map(|s| s.label)
        .next_back();
    sections::visible(session, tenant)
        .map(|s| {
            let aria_current = (Some(s.label) == current).then_some("page");
            view! { <a href=href(&(s.link)(tenant)) aria-current=aria_current>{s.label}</a> }
        })
        .collect_view()
}

/// The same page without its tenant segment: `/main/admin/roles` becomes `/admin/roles`.
pub fn drop_tenant(path: &str) -> String {
    match path.trim_start_matches('/').split_once('/') {
        Some((_, rest)) => format!("/{rest}"),
        None => routes::tenant_home(""),
    }
}

/// The same section in another tenant: `/dev/admin/roles?q=ops` becomes
/// `/prod/admin/roles?q=ops`. A page of one object (`/groups/<id>`) or a form (`/roles/new`)
/// belongs to its tenant, so the switch lands on that section's list instead, never on an id
/// the other tenant does not have or a half-filled form; a list keeps its search and filters,
/// but not its page number. Instance-wide pages (the instance section, a tenant's settings, one's
/// profile and tokens) stay as they are.
pub fn switch_tenant(here: &str, tenant: &str) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let rest = path
        .trim_start_matches('/')
        .split_once('/')
        .map(|(_, rest)| rest)
        .unwrap_or("admin");
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let instance_wide = matches!(
        segments.get(1),
        Some(&("instance" | "tenants" | "profile" | "my-tokens"))
    );
    let (rest, query) = match segments.len() {
        _ if instance_wide => (rest.to_owned(), query.to_owned()),
        0..=2 => (rest.to_owned(), without_page(query)),
        _ => (segments[..2].join("/"), String::new()),
    };
    let path = format!("/{}/{}", routes::encode(tenant), rest);
    match query.is_empty() {
        true => path,
        false => format!("{path}?{query}"),
    }
}

/// A list's query without its page number, which may not exist in another tenant.
fn without_page(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_tenant_keeps_the_section_and_a_lists_search() {
        assert_eq!(
            switch_tenant("/dev/admin/roles", "prod"),
            "/prod/admin/roles"
        );
        assert_eq!(
            switch_tenant("/dev/admin/groups?q=ops&page=3&size=50", "prod"),
            "/prod/admin/groups?q=ops&size=50"
        );
        assert_eq!(switch_tenant("/dev", "prod"), "/prod/admin");
        assert_eq!(switch_tenant("/dev/admin", "a b"), "/a%20b/admin");
    }

    #[test]
    fn switching_tenant_from_an_object_or_a_form_lands_on_its_list() {
        assert_eq!(
            switch_tenant("/dev/admin/groups/g1", "prod"),
            "/prod/admin/groups"
        );
        assert_eq!(
            switch_tenant("/dev/admin/users/u1?tab=groups", "prod"),
            "/prod/admin/users"
        );
        assert_eq!(
            switch_tenant("/dev/admin/roles/new", "prod"),
            "/prod/admin/roles"
        );
        assert_eq!(
            switch_tenant("/dev/admin/access/effective?subject=u1", "prod"),
            "/prod/admin/access"
        );
    }

    #[test]
    fn switching_tenant_keeps_instance_wide_pages() {
        assert_eq!(
            switch_tenant("/dev/admin/instance/people/u1", "prod"),
            "/prod/admin/instance/people/u1"
        );
        assert_eq!(
            switch_tenant("/dev/admin/tenants/acme", "prod"),
            "/prod/admin/tenants/acme"
        );
        assert_eq!(
            switch_tenant("/dev/admin/profile", "prod"),
            "/prod/admin/profile"
        );
    }

    #[test]
    fn without_multi_tenancy_the_tenant_segment_is_dropped() {
        assert_eq!(drop_tenant("/main/admin/groups/g1"), "/admin/groups/g1");
        assert_eq!(drop_tenant("/main"), "/admin");
    }
}
