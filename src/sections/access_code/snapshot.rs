//! Reading everything of a tenant's access: every role with its permissions, every group with
//! its members, every binding and namespace. In pages of 500, the groups' members four groups
//! at a time; a list longer than [`LIMIT`] is cut and the cut is said, never hidden.

use futures::StreamExt;
use kestra_model::access_code::{AccessSnapshot, GroupWithMembers};

use crate::api::bindings::BindingFilter;
use crate::api::query::every_page;
use crate::api::{self, ApiError};

/// The most of one kind read (roles, groups, one group's members, bindings, namespaces).
pub const LIMIT: u32 = 10_000;
/// Groups whose members are read at once.
const AT_ONCE: usize = 4;

/// A tenant's access, and the lists the limit cut (e.g. `"bindings (10,000 of 12,345)"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub access: AccessSnapshot,
    pub cut: Vec<String>,
}

/// Reads tenant `tenant`'s access.
pub async fn read_snapshot(tenant: &str) -> Result<Snapshot, ApiError> {
    let mut cut = Vec::new();
    let mut note = |what: &str, read: usize, total: u64| {
        if total > read as u64 {
            cut.push(format!("{what} ({read} of {total})"));
        }
    };

    let (summaries, total) = every_page(
        LIMIT,
        |q| async move { api::roles::search(tenant, &q).await },
    )
    .await?;
    note("roles", summaries.len(), total);
    let mut roles = Vec::new();
    for ids in summaries.chunks(500) {
        let ids = ids.iter().map(|r| r.id.clone()).collect();
        roles.extend(api::roles::by_ids(tenant, ids).await?);
    }
    roles.sort_by(|a, b| a.name.cmp(&b.name));

    let (summaries, total) = every_page(
        LIMIT,
        |q| async move { api::groups::search(tenant, &q).await },
    )
    .await?;
    note("groups", summaries.len(), total);
    let with_members = futures::stream::iter(summaries.into_iter().map(|group| async move {
        let members = every_page(LIMIT, |q| {
            let id = group.id.clone();
            async move { api::groups::members(tenant, &id, &q).await }
        })
        .await;
        (group, members)
    }))
    .buffered(AT_ONCE)
    .collect::<Vec<_>>()
    .await;
    let mut groups = Vec::new();
    for (group, members) in with_members {
        let (members, total) = members?;
        note(&format!("members of {}", group.name), members.len(), total);
        groups.push(GroupWithMembers {
            id: group.id,
            name: group.name,
            description: group.description,
            members,
        });
    }

    let filter = BindingFilter::default();
    let (bindings, total) = every_page(LIMIT, |q| {
        let filter = &filter;
        async move { api::bindings::search(tenant, &q, filter).await }
    })
    .await?;
    note("bindings", bindings.len(), total);

    let (namespaces, total) = every_page(LIMIT, |q| async move {
        api::namespaces::search(tenant, &q).await
    })
    .await?;
    note("namespaces", namespaces.len(), total);

    Ok(Snapshot {
        access: AccessSnapshot {
            tenant: tenant.to_string(),
            roles,
            groups,
            bindings,
            namespaces,
        },
        cut,
    })
}
