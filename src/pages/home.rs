//! `/ui/`: sends the user to the last tenant they used, or the first one they may use.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::routes;
use crate::session::{Session, use_session};

/// Redirects to a tenant page, or to sign-in when nobody is signed in.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let me = LocalResource::new(move || session.load());
    Effect::new(move |_| match me.get() {
        Some(Ok(me)) => {
            if !session.multi_tenancy.get_untracked() {
                navigate(&routes::tenant_home(""), Default::default());
            } else if let Some(tenant) = Session::landing_tenant(&me) {
                navigate(&routes::tenant_home(&tenant), Default::default());
            }
        }
        Some(Err(api::ApiError::Unauthorized)) => {
            session.sign_out();
            navigate(&routes::login(None), Default::default());
        }
        _ => {}
    });
    view! {
        <main class="centered">
            {move || match me.get() {
                None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
                Some(Ok(me)) if me.tenants.is_empty() && session.multi_tenancy.get() => view! {
                    <div class="card">
                        <h1>"No tenant yet"</h1>
                        <p>"You are signed in, but you may not use any tenant. Ask an administrator for access."</p>
                    </div>
                }.into_any(),
                Some(Ok(_)) => view! { <p class="muted" role="status">"Opening your tenant…"</p> }.into_any(),
                Some(Err(error)) => view! {
                    <div class="card" role="alert"><p>{error.user_message()}</p></div>
                }.into_any(),
            }}
        </main>
    }
}
