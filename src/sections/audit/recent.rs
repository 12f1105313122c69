//! The tenant's last changes, for its overview: when, who and what, each linking to its entry.

use leptos::prelude::*;

use crate::api;
use crate::api::audit_logs::{AuditFilter, Trail};
use crate::components::load_state::{failed, loading};
use crate::components::local_time::LocalTime;
use crate::routes::{self, AuditQuery, href, use_tenant};
use crate::session::use_session;

use super::{Entry, Who, may_read, name_resources};

/// How many changes the overview lists.
const RECENT: u32 = 10;

/// The last changes in the current tenant; nothing for people who may not read its trail.
#[component]
pub fn RecentChanges() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let recent = LocalResource::new(move || {
        let tenant = tenant.get();
        async move {
            let page =
                api::audit_logs::search(Trail::Tenant(&tenant), 1, RECENT, &AuditFilter::default())
                    .await?;
            let mut entries = Entry::all(&page.results);
            name_resources(&tenant, &mut entries).await;
            Ok::<_, crate::api::ApiError>(entries)
        }
    });
    let all = move || href(&routes::audit_logs(&tenant.get(), &AuditQuery::default()));
    let list = move || match recent.get() {
        None => loading("Loading the last changes…"),
        Some(Err(error)) => failed(&error),
        Some(Ok(entries)) => {
            if entries.is_empty() {
                return view! { <p class="muted">"No changes recorded yet."</p> }.into_any();
            }
            let frame = tenant.get_untracked();
            let trail = Trail::Tenant(&frame);
            let items = entries
                .into_iter()
                .map(|entry| {
                    let link = href(&entry.link(&frame, trail));
                    view! {
                        <li>
                            <LocalTime iso=entry.log.date.clone()/>
                            " · "
                            <Who entry=entry.clone() frame=frame.clone()/>
                            " · "
                            <a href=link>{entry.summary.clone()}</a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="recent">{items}</ol> }.into_any()
        }
    };
    view! {
        <Show when=move || may_read(session, &tenant.get(), false)>
            <section class="card recent-changes" aria-labelledby="recent-title">
                <h2 id="recent-title">"Last changes"</h2>
                {list}
                <p><a href=all>"All changes in the audit log"</a></p>
            </section>
        </Show>
    }
}
