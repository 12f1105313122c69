//! The gate of every page only instance owners may use (the instance section, creating a user):
//! anybody else reaching it by URL gets a clean "Not allowed" card before any form.

use leptos::prelude::*;

use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// `children` for instance owners; a "Not allowed" card, with the way back, for everybody else.
#[component]
pub fn InstanceOnly(
    /// What the page is for, completing "Only instance owners can …".
    what: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let refused = move || {
        view! {
            <div class="card" role="alert">
                <h1>"Not allowed"</h1>
                <p>
                    {format!("Only instance owners can {what}. ")}
                    <a href=move || href(&routes::tenant_home(&tenant.get()))>"Back to the overview"</a>
                </p>
            </div>
        }
    };
    view! { <Show when=move || session.instance_owner() fallback=refused>{children()}</Show> }
}
