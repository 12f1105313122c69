//! The instance section, for instance owners: every person of the instance, whatever their
//! tenants (`GET /api/v1/users`), and one person's page with their tenants, flags, ways to sign
//! in, tokens and deletion; every service account of the instance, those in no tenant
//! included (`GET /api/v1/service-accounts`), and one account's page. Its URLs sit below the current tenant (`/ui/<tenant>/admin/instance/
//! ...`) so the frame and the tenant picker stay; anybody else gets a clean "not allowed" page.

mod people;
mod person;
mod service_account;
mod service_accounts;

pub use people::InstancePeople;
pub use person::InstancePersonPage;
pub use service_account::InstanceServiceAccountPage;
pub use service_accounts::InstanceServiceAccounts;

use leptos::prelude::*;

use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// `children` for instance owners; a "not allowed" card for everybody else.
#[component]
fn InstanceOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let tenant = use_tenant();
    let refused = move || {
        view! {
            <div class="card" role="alert">
                <h1>"Not allowed"</h1>
                <p>
                    "Only instance owners can see the instance section: it shows every person of the instance. "
                    <a href=move || href(&routes::tenant_home(&tenant.get()))>"Back to the overview"</a>
                </p>
            </div>
        }
    };
    view! { <Show when=move || session.instance_owner() fallback=refused>{children()}</Show> }
}
