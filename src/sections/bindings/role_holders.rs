//! "Who holds it" for one role: the people and service accounts behind its bindings, through
//! groups too, with their count and how each holds it (`kestra_model::holders`).
//!
//! It reads the role's bindings (one page of [`BINDINGS`]) and the members of the groups they
//! name ([`MEMBERS`] per group, [`AT_ONCE`] groups at a time); where a group has more members
//! than were read, it says so rather than undercount silently.

use std::collections::BTreeMap;

use futures::StreamExt;
use kestra_model::holders::{Holder, Via, holders};
use kestra_model::{BindingType, GroupMember};
use leptos::prelude::*;

use crate::api::bindings::BindingFilter;
use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::load_state::{failed, loading};
use crate::routes::{self, href, use_tenant};

const BINDINGS: u32 = 200;
const MEMBERS: u32 = 500;
const AT_ONCE: usize = 4;

/// What was found: the holders, and the groups listed only in part (name, members in all).
#[derive(Clone, Debug, PartialEq)]
struct Found {
    holders: Vec<Holder>,
    partial: Vec<(String, u64)>,
}

/// The holders of role `role` (its id) and its name, `name`.
#[component]
pub fn RoleHolders(
    #[prop(into)] role: Signal<String>,
    #[prop(into)] name: Signal<String>,
) -> impl IntoView {
    let tenant = use_tenant();
    let found = LocalResource::new(move || {
        let (tenant, role) = (tenant.get(), role.get());
        async move { find(&tenant, &role).await }
    });
    let body = move || match found.get() {
        None => loading("Finding who holds it…"),
        Some(Err(error)) => failed(&error),
        Some(Ok(found)) => {
            let frame = tenant.get_untracked();
            let partial = found.partial.into_iter().map(|(group, total)| {
                view! {
                    <p class="muted">{format!(
                        "Group {group} has {total} members: the first {MEMBERS} are counted."
                    )}</p>
                }
            });
            let items = found
                .holders
                .into_iter()
                .map(|holder| {
                    let link = if holder.service_account {
                        routes::service_account(&frame, &holder.id)
                    } else {
                        routes::user(&frame, &holder.id)
                    };
                    let ways: Vec<String> = holder.via.iter().map(way).collect();
                    view! {
                        <li>
                            <a href=href(&link)>{holder.name.clone()}</a>
                            {holder.service_account.then_some(" (service account)")}
                            <span class="muted">{format!(" · {}", ways.join("; "))}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="holders">{items}</ul> {partial.collect_view()} }.into_any()
        }
    };
    let heading = move || {
        let count = match found.get() {
            Some(Ok(found)) => match found.holders.len() {
                0 => "Nobody holds".to_string(),
                1 => "1 person or service account holds".to_string(),
                n => format!("{n} people and service accounts hold"),
            },
            _ => "Who holds".to_string(),
        };
        format!("{count} {}", name.get())
    };
    view! {
        <section class="card holders-card" aria-labelledby="holders-title">
            <h2 id="holders-title">{heading}</h2>
            {body}
        </section>
    }
}

/// How one holder holds it: "directly, on the whole tenant", "through Ops, on company.data".
fn way(via: &Via) -> String {
    let on = |namespace: &Option<String>| match namespace {
        Some(namespace) => format!("on {namespace}"),
        None => "on the whole tenant".to_string(),
    };
    match via {
        Via::Directly { namespace } => format!("directly, {}", on(namespace)),
        Via::Group {
            name, namespace, ..
        } => format!("through {name}, {}", on(namespace)),
    }
}

async fn find(tenant: &str, role: &str) -> Result<Found, ApiError> {
    let filter = BindingFilter {
        role_id: Some(role.to_string()),
        ..Default::default()
    };
    let query = ListQuery {
        size: BINDINGS,
        ..Default::default()
    };
    let bindings = api::bindings::search(tenant, &query, &filter)
        .await?
        .results;
    let mut groups: Vec<(String, String)> = bindings
        .iter()
        .filter(|b| b.binding_type == Some(BindingType::Group))
        .filter_map(|b| {
            let group = b.group.as_ref()?;
            let id = group.id.clone()?;
            Some((id.clone(), group.name.clone().unwrap_or(id)))
        })
        .collect();
    groups.sort();
    groups.dedup();
    let member_query = ListQuery {
        size: MEMBERS,
        ..Default::default()
    };
    let pages = futures::stream::iter(groups.into_iter().map(|(id, name)| {
        let member_query = &member_query;
        async move {
            let page = api::groups::members(tenant, &id, member_query).await;
            (id, name, page)
        }
    }))
    .buffer_unordered(AT_ONCE)
    .collect::<Vec<_>>()
    .await;
    let mut members: BTreeMap<String, Vec<GroupMember>> = BTreeMap::new();
    let mut partial = Vec::new();
    for (id, name, page) in pages {
        let page = page?;
        if page.total > page.results.len() as u64 {
            partial.push((name, page.total));
        }
        members.insert(id, page.results);
    }
    Ok(Found {
        holders: holders(&bindings, &members),
        partial,
    })
}
