//! The "Roles" section of a user's, group's or service account's page: the bindings that name
//! that subject directly, with a link to give it another role.
//!
//! Use it as `<SubjectBindings subject_type=SubjectKind::Group subject_id=id/>` on any subject's
//! detail page. Its paging is its own (not in the URL), so it can share a page with another
//! list that keeps its query in the URL.

use kestra_model::{Action, Resource};
use leptos::prelude::*;

use crate::api::query::ListQuery;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

use super::table::BindingsTable;
use super::{AccessFilter, SubjectKind};

/// The roles given to one subject in the current tenant.
#[component]
pub fn SubjectBindings(
    /// Whether the subject is a user, a group or a service account.
    subject_type: SubjectKind,
    /// The subject's id.
    #[prop(into)]
    subject_id: Signal<String>,
) -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let query = RwSignal::new(ListQuery::default());
    let filter = Signal::derive(move || AccessFilter {
        kind: Some(subject_type),
        subject: Some(subject_id.get()),
        ..Default::default()
    });
    let may_create =
        move || session.may(&tenant.get(), Resource::Binding, Action::Create) != Some(false);
    let create = move || {
        href(&routes::binding_new(
            &tenant.get(),
            Some((subject_type.param(), &subject_id.get())),
        ))
    };
    view! {
        <section class="subject-bindings">
            <header class="section-header">
                <h2>"Roles"</h2>
                <Show when=may_create>
                    <a class="button" href=create>"Give a role"</a>
                </Show>
            </header>
            <BindingsTable filter=filter query=query on_query=Callback::new(move |q| query.set(q)) hide_subject=true/>
        </section>
    }
}
