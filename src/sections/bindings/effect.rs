//! What giving or taking away one binding does, said before it happens: the role's
//! permissions (read from the server) for the subject, a group as its members' count, in the
//! binding's scope. Two requests, whatever the tenant's size.

use kestra_model::preview::{binding_effect, binding_subject, membership_effect};
use kestra_model::{BindingDetail, BindingType, Permissions};
use leptos::prelude::*;

use crate::api::bindings::BindingFilter;
use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::routes::use_tenant;

use super::subject_label;

/// A binding as its effect needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct BindingSketch {
    pub role_id: String,
    /// The subject's name.
    pub subject: String,
    /// The group's id, for a binding to a group.
    pub group: Option<String>,
    /// `None`: the whole tenant.
    pub namespace: Option<String>,
}

impl BindingSketch {
    /// An existing binding's sketch; `None` without a role.
    pub fn of(binding: &BindingDetail) -> Option<BindingSketch> {
        Some(BindingSketch {
            role_id: binding.role.as_ref()?.id.clone()?,
            subject: subject_label(binding),
            group: (binding.binding_type == Some(BindingType::Group))
                .then(|| binding.group.as_ref().and_then(|g| g.id.clone()))
                .flatten(),
            namespace: binding.namespace.clone().filter(|n| !n.is_empty()),
        })
    }
}

/// "The 2 members of group Ops lose VIEW on FLOW in namespace company and below, unless
/// another role grants it." `gives`: the binding is being given, else taken away.
#[component]
pub fn BindingEffect(
    #[prop(into)] binding: Signal<Option<BindingSketch>>,
    gives: bool,
) -> impl IntoView {
    let tenant = use_tenant();
    // Read again only when the role or the group changes, not as a namespace is typed.
    let asked = Memo::new(move |_| binding.get().map(|b| (b.role_id, b.group)));
    let facts = LocalResource::new(move || {
        let (tenant, asked) = (tenant.get(), asked.get());
        async move {
            match asked {
                Some((role, group)) => read(&tenant, &role, group.as_deref()).await.map(Some),
                None => Ok(None),
            }
        }
    });
    move || match (facts.get(), binding.get()) {
        (_, None) | (Some(Ok(None)), _) => ().into_any(),
        (None, Some(_)) => {
            view! { <p class="muted" role="status">"Reading what the role grants…"</p> }.into_any()
        }
        (Some(Ok(Some((permissions, members)))), Some(binding)) => {
            let who = binding_subject(&binding.subject, members);
            let sentence = binding_effect(&who, &permissions, binding.namespace.as_deref(), gives);
            view! { <p class="effect">{sentence}</p> }.into_any()
        }
        (Some(Err(error)), Some(_)) => view! {
            <p class="muted">"What the role grants could not be read: " {error.user_message()}</p>
        }
        .into_any(),
    }
}

/// The role's permissions and, for a group, its member count.
async fn read(
    tenant: &str,
    role_id: &str,
    group: Option<&str>,
) -> Result<(Permissions, Option<u64>), ApiError> {
    let one = ListQuery {
        size: 1,
        ..ListQuery::default()
    };
    let members = async {
        match group {
            Some(id) => api::groups::members(tenant, id, &one)
                .await
                .ok()
                .map(|page| page.total),
            None => None,
        }
    };
    let (role, members) = futures::join!(api::roles::get(tenant, role_id), members);
    Ok((role?.map(|r| r.permissions).unwrap_or_default(), members))
}

/// The roles a group gives, said for someone joining or leaving it: "Ann loses Developer in
/// namespace company, unless another binding gives it." One request (the group's first 100
/// bindings).
#[component]
pub fn MembershipEffect(
    #[prop(into)] group_id: Signal<String>,
    /// The person's name; nothing is said while it is empty.
    #[prop(into)]
    person: Signal<String>,
    joins: bool,
    /// Says nothing when the group gives no role (a note that stands on the page).
    #[prop(optional)]
    only_with_roles: bool,
) -> impl IntoView {
    let tenant = use_tenant();
    let roles = LocalResource::new(move || {
        let (tenant, group) = (tenant.get(), group_id.get());
        async move {
            let query = ListQuery {
                size: 100,
                ..ListQuery::default()
            };
            let filter = BindingFilter {
                binding_type: Some(BindingType::Group),
                subject_id: Some(group),
                ..BindingFilter::default()
            };
            api::bindings::search(&tenant, &query, &filter)
                .await
                .map(|page| {
                    page.results
                        .iter()
                        .map(|b| {
                            let role = b.role.as_ref().and_then(|r| r.name.clone());
                            let ns = b.namespace.clone().filter(|n| !n.is_empty());
                            (role.unwrap_or_default(), ns)
                        })
                        .collect::<Vec<_>>()
                })
        }
    });
    move || {
        let person = person.get();
        match roles.get() {
            _ if person.is_empty() => ().into_any(),
            // A standing note stays quiet until it has something to say.
            None | Some(Err(_)) if only_with_roles => ().into_any(),
            Some(Ok(roles)) if roles.is_empty() && only_with_roles => ().into_any(),
            None => {
                view! { <p class="muted" role="status">"Reading the group's roles…"</p> }.into_any()
            }
            Some(Ok(roles)) => {
                view! { <p class="effect">{membership_effect(&person, &roles, joins)}</p> }
                    .into_any()
            }
            Some(Err(error)) => view! {
                <p class="muted">"The group's roles could not be read: " {error.user_message()}</p>
            }
            .into_any(),
        }
    }
}
