//! `/ui/<tenant>/admin/profile`: the signed-in person's own page, reached from the user menu:
//! their names, a new password (with the current one), the tenants they may use and the
//! invitations waiting for them. Their API tokens stay on "My API tokens" (in the user menu).

mod invitations;
mod names;
mod password;

use leptos::prelude::*;

use crate::routes::{self, href};
use crate::session::use_session;

use invitations::MyInvitations;
use names::NamesForm;
use password::PasswordForm;

/// The profile page.
#[component]
pub fn MyProfile() -> impl IntoView {
    let session = use_session();
    // The frame may start the page before `me` is known: the forms wait for it. Untracked
    // inside, so saving the names (which refreshes `me`) does not re-render the forms and
    // lose what is being typed elsewhere.
    let known = Memo::new(move |_| session.me.with(Option::is_some));
    view! {
        <section>
            <header class="page-header"><h1>"My profile"</h1></header>
            <Show when=move || known.get()>{move || view! { <ProfileCards session=session/> }}</Show>
        </section>
    }
}

/// The cards of the page, once `me` is known.
#[component]
fn ProfileCards(session: crate::session::Session) -> impl IntoView {
    let me = session.me.get_untracked().unwrap_or_default();
    let profile = me.profile.clone().unwrap_or_default();
    let email = profile.email.clone().or(profile.username.clone());
    view! {
            <div class="card-grid">
                <div class="card">
                    <h2>"Name"</h2>
                    <NamesForm profile=profile/>
                </div>
                <div class="card">
                    <h2>"Password"</h2>
                    <PasswordForm email=email.unwrap_or_default()/>
                </div>
                <div class="card">
                    <h2>"My tenants"</h2>
                    <MyTenants/>
                </div>
                <div class="card">
                    <h2>"Invitations"</h2>
                    <MyInvitations/>
                </div>
            </div>
    }
}

/// The tenants the person may use, each a link to its overview.
#[component]
fn MyTenants() -> impl IntoView {
    let session = use_session();
    let tenants = move || session.me.get().map(|me| me.tenants).unwrap_or_default();
    view! {
        {move || {
            let tenants = tenants();
            if tenants.is_empty() {
                return view! { <p class="muted">"You may not use any tenant yet."</p> }.into_any();
            }
            view! {
                <ul class="plain-list">
                    {tenants.into_iter().map(|t| {
                        let name = t.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| t.id.clone());
                        view! { <li><a href=href(&routes::tenant_home(&t.id))>{name}</a>" "<span class="muted">{t.id.clone()}</span></li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
