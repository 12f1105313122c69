//! The console's URLs. `paths` holds every pattern beside its link builder (and is shared with
//! the e2e crate); this module adds what needs Leptos: matching a [`Pattern`] in `<Route>`, the
//! typed route params, and `href` for links.

mod paths;

pub use paths::*;

use std::borrow::Cow;

use leptos::prelude::*;
use leptos_router::hooks::{use_params, use_query_map};
use leptos_router::params::Params;
use leptos_router::{
    ParamSegment, PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment,
};

use crate::config::RuntimeConfig;

/// Matches like the `path!` macro's segments would, so `<Route path=routes::GROUP .../>`
/// reads the same pattern the link builder fills.
impl PossibleRouteMatch for Pattern {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut remaining = path;
        let mut matched_len = 0;
        let mut params: Vec<(Cow<'static, str>, String)> = Vec::new();
        for segment in self.segments() {
            let found = match segment.strip_prefix(':') {
                Some(name) => ParamSegment(name).test(remaining)?,
                None => StaticSegment(segment).test(remaining)?,
            };
            matched_len += found.matched().len();
            remaining = found.remaining();
            params.extend(found.params());
        }
        Some(PartialPathMatch::new(
            remaining,
            params,
            &path[..matched_len],
        ))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.segments() {
            match segment.strip_prefix(':') {
                Some(name) => ParamSegment(name).generate_path(path),
                None => StaticSegment(segment).generate_path(path),
            }
        }
    }
}

/// The params every tenant page's route has (`/:tenant`, absent without multi-tenancy).
#[derive(Params, Clone, PartialEq)]
struct TenantParams {
    tenant: Option<String>,
}

/// The params of a page about one item (`/groups/:id`, ...).
#[derive(Params, Clone, PartialEq)]
struct ItemParams {
    id: Option<String>,
}

/// The tenant of the current route (`/ui/<tenant>/...`); empty without multi-tenancy.
pub fn use_tenant() -> Memo<String> {
    let params = use_params::<TenantParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.tenant.clone())
            .unwrap_or_default()
    })
}

/// The id in the current item page's route.
pub fn use_item_id() -> Memo<String> {
    let params = use_params::<ItemParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.id.clone())
            .unwrap_or_default()
    })
}

/// The tab a person's page shows, from its URL (`?tab=groups`).
pub fn use_user_tab() -> Memo<UserTab> {
    let query = use_query_map();
    Memo::new(move |_| UserTab::from_param(query.read().get_str("tab")))
}

/// The effective-access page's view, from its query (`?subject=&namespace=&compare=`); an
/// empty value reads as absent.
pub fn use_effective_view() -> Memo<EffectiveView> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let get = |key: &str| q.get(key).filter(|v| !v.trim().is_empty());
            EffectiveView {
                subject: get("subject"),
                namespace: get("namespace").map(|n| n.trim().to_string()),
                compare: get("compare"),
            }
        })
    })
}

/// The tab the sign-in form shows, from its URL (`?method=token`).
pub fn use_sign_in_method() -> Memo<SignInMethod> {
    let query = use_query_map();
    Memo::new(move |_| SignInMethod::from_param(query.read().get_str("method")))
}

/// The `href` of a console path (one of the link builders' results): the base path plus it.
pub fn href(path: &str) -> String {
    format!("{}{path}", expect_context::<RuntimeConfig>().router_base())
}
