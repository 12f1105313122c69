//! "Restore this version" of a role, a group or a tenant: find that version, compare it with
//! the resource now, and write it back through the normal API (the server logs the restore
//! like any other change).
//!
//! The version is rebuilt from the history the page already holds when it is complete (it
//! starts with the creation): applying each log's `appliedPatch` in order gives every version
//! exactly, with no further request, and the rebuilding is plain tested logic
//! (`audit_diff::replay`). A longer history, or one whose start was pruned or never logged,
//! asks the server instead (`GET .../auditlogs/{id}/diff`, whose `after` is that version).

use std::collections::BTreeMap;

use kestra_model::audit_diff::{self, Diff};
use kestra_model::audit_restore::{self, GroupPlan, RoleVersion};
use kestra_model::{
    AuditableAction, Membership, Resource, RoleCreateOrUpdateRequest, Tenant, UpdateGroupRequest,
};
use serde_json::Value;

use crate::api::audit_logs::Trail;
use crate::api::query::ListQuery;
use crate::api::{self, ApiError};

use super::Entry;

/// What a restore will write, and the change it makes.
#[derive(Clone, Debug)]
pub enum Plan {
    Role {
        id: String,
        request: RoleCreateOrUpdateRequest,
        diff: Diff,
    },
    Group {
        id: String,
        request: UpdateGroupRequest,
        plan: GroupPlan,
    },
    Tenant {
        tenant: Box<Tenant>,
        diff: Diff,
    },
}

impl Plan {
    /// The change from now to the restored version.
    pub fn diff(&self) -> &Diff {
        match self {
            Plan::Role { diff, .. } | Plan::Tenant { diff, .. } => diff,
            Plan::Group { plan, .. } => &plan.diff,
        }
    }
}

/// Whether the console can restore versions of this kind of resource.
pub fn restorable(resource: Resource) -> bool {
    matches!(
        resource,
        Resource::Role | Resource::Group | Resource::Tenant
    )
}

/// The resource's JSON right after `entries[index]` (newest first); `complete` says whether
/// `entries` is the resource's whole history.
async fn version(
    trail: Trail<'_>,
    entries: &[Entry],
    index: usize,
    complete: bool,
) -> Result<Value, ApiError> {
    if complete {
        let oldest_first = entries.iter().rev().map(|e| e.log.applied_patch.as_slice());
        if let Ok(versions) = audit_diff::replay(oldest_first) {
            return Ok(versions[entries.len() - 1 - index].clone());
        }
    }
    let diff = api::audit_logs::diff(trail, &entries[index].log.id, None).await?;
    serde_json::from_str(&diff.after)
        .map_err(|e| ApiError::Decode(format!("the version after this change cannot be read: {e}")))
}

/// Plans restoring the version right after `entries[index]` of resource `id` of `tenant`.
pub async fn plan(
    tenant: &str,
    trail: Trail<'_>,
    resource: Resource,
    id: &str,
    entries: &[Entry],
    index: usize,
    complete: bool,
) -> Result<Plan, ApiError> {
    if entries[index].log.action == AuditableAction::Delete {
        return Err(ApiError::Invalid {
            message: "This change deleted it: there is no version to restore.".into(),
            fields: Vec::new(),
        });
    }
    let then = version(trail, entries, index, complete).await?;
    let gone =
        || ApiError::NotFound("It no longer exists: there is nothing to restore onto.".into());
    let unreadable = |e: String| ApiError::Decode(e);
    match resource {
        Resource::Role => {
            let current = api::roles::get(tenant, id).await?.ok_or_else(gone)?;
            let version = RoleVersion::from_snapshot(&then);
            let diff = RoleVersion::from_detail(&current).diff_to(&version);
            let request = version.request(&current).map_err(unreadable)?;
            Ok(Plan::Role {
                id: id.to_string(),
                request,
                diff,
            })
        }
        Resource::Group => {
            let current = api::groups::get(tenant, id).await?.ok_or_else(gone)?;
            let query = ListQuery {
                size: 1000,
                ..Default::default()
            };
            let members: BTreeMap<String, Membership> = api::groups::members(tenant, id, &query)
                .await?
                .results
                .into_iter()
                .filter_map(|m| {
                    let membership = m
                        .groups
                        .iter()
                        .find(|g| g.id.as_deref() == Some(id))
                        .and_then(|g| g.membership)
                        .unwrap_or(Membership::Member);
                    Some((m.id?, membership))
                })
                .collect();
            let plan = audit_restore::group_plan(
                &then,
                current.name.as_deref().unwrap_or_default(),
                current.description.as_deref(),
                &members,
            );
            let request = UpdateGroupRequest {
                name: plan.name.clone(),
                description: plan.description.clone(),
                ..UpdateGroupRequest::from(&current)
            };
            Ok(Plan::Group {
                id: id.to_string(),
                request,
                plan,
            })
        }
        Resource::Tenant => {
            let current = api::tenants::get(id).await?.ok_or_else(gone)?;
            let (tenant, diff) =
                audit_restore::tenant_version(&current, &then).map_err(unreadable)?;
            Ok(Plan::Tenant {
                tenant: Box::new(tenant),
                diff,
            })
        }
        _ => Err(ApiError::Invalid {
            message: "The console cannot restore this kind of resource.".into(),
            fields: Vec::new(),
        }),
    }
}

/// Writes `plan` back through the normal API.
pub async fn run(tenant: &str, plan: &Plan) -> Result<(), ApiError> {
    match plan {
        Plan::Role { id, request, .. } => api::roles::update(tenant, id, request).await.map(drop),
        Plan::Group { id, request, plan } => {
            api::groups::update(tenant, id, request).await?;
            for user in &plan.remove {
                api::groups::remove_member(tenant, id, user).await?;
            }
            for (user, membership) in &plan.add {
                api::groups::add_member(tenant, id, user).await?;
                if *membership == Membership::Owner {
                    api::groups::set_membership(tenant, id, user, *membership).await?;
                }
            }
            for (user, membership) in &plan.set {
                api::groups::set_membership(tenant, id, user, *membership).await?;
            }
            Ok(())
        }
        Plan::Tenant { tenant, .. } => api::tenants::update(tenant).await.map(drop),
    }
}
