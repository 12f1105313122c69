//! Carrying out a copy plan in the target tenant, one step after the other in the plan's
//! order (namespaces, roles, groups, members, bindings), so each step finds the roles and
//! groups it names, created or already there. Every step's outcome is reported as it comes.

use std::collections::HashMap;

use kestra_model::access_code::{AccessSnapshot, CopyPlan, CopyStep, Subject, Verdict};
use kestra_model::{
    CreateBindingRequest, CreateGroupRequest, Namespace, RoleCreateOrUpdateRequest,
};

use crate::api::{self, ApiError};

/// What became of one step.
#[derive(Clone, Debug, PartialEq)]
pub enum StepOutcome {
    Done,
    /// Not sent: already there, or not chosen.
    Skipped(&'static str),
    Failed(String),
}

/// Carries out the steps of `plan` in tenant `target` (whose access is `there`), the
/// conflicting ones only where `overwrite` says so; calls `report` after each step.
pub async fn run_copy(
    target: &str,
    plan: &CopyPlan,
    there: &AccessSnapshot,
    overwrite: &dyn Fn(usize) -> bool,
    report: &dyn Fn(usize, StepOutcome),
) {
    let mut roles: HashMap<String, String> = there
        .roles
        .iter()
        .filter_map(|r| Some((r.name.clone(), r.id.clone()?)))
        .collect();
    let mut groups: HashMap<String, String> = there
        .groups
        .iter()
        .map(|g| (g.name.clone(), g.id.clone()))
        .collect();
    for (index, planned) in plan.steps.iter().enumerate() {
        let outcome = match &planned.verdict {
            Verdict::Exists => StepOutcome::Skipped("already there"),
            Verdict::Conflict(_) if !overwrite(index) => StepOutcome::Skipped("kept as it is"),
            _ => match run_step(target, &planned.step, &mut roles, &mut groups).await {
                Ok(()) => StepOutcome::Done,
                Err(why) => StepOutcome::Failed(why),
            },
        };
        report(index, outcome);
    }
}

/// One step; the ids of what it creates join `roles` and `groups` by name.
async fn run_step(
    target: &str,
    step: &CopyStep,
    roles: &mut HashMap<String, String>,
    groups: &mut HashMap<String, String>,
) -> Result<(), String> {
    let failed = |e: ApiError| e.user_message();
    match step {
        CopyStep::Namespace { id, description } => {
            let namespace = Namespace {
                id: id.clone(),
                description: description.clone(),
                ..Namespace::default()
            };
            api::namespaces::create(target, &namespace)
                .await
                .map_err(failed)?;
        }
        CopyStep::Role { role, target_id } => {
            let mut request = match target_id {
                // Overwriting: start from the role as the target has it, so what the copy
                // does not change (its default flag, unknown fields) stays.
                Some(id) => match api::roles::get(target, id).await.map_err(failed)? {
                    Some(current) => RoleCreateOrUpdateRequest::from(&current),
                    None => return Err("The role is no longer in the target tenant.".into()),
                },
                None => RoleCreateOrUpdateRequest {
                    name: role.name.clone(),
                    is_default: Some(role.is_default),
                    ..RoleCreateOrUpdateRequest::default()
                },
            };
            request.permissions = role.permissions.clone();
            request.description = role.description.clone();
            let saved = match target_id {
                Some(id) => api::roles::update(target, id, &request).await,
                None => api::roles::create(target, &request).await,
            }
            .map_err(failed)?;
            if let Some(id) = saved.id {
                roles.insert(role.name.clone(), id);
            }
        }
        CopyStep::Group { name, description } => {
            let request = CreateGroupRequest {
                name: name.clone(),
                description: description.clone(),
                members_id: None,
            };
            let created = api::groups::create(target, &request)
                .await
                .map_err(failed)?;
            if let Some(id) = created.id {
                groups.insert(name.clone(), id);
            }
        }
        CopyStep::Member { group, user_id, .. } => {
            let id = in_target(groups, group, "group")?;
            api::groups::add_member(target, &id, user_id)
                .await
                .map_err(failed)?;
        }
        CopyStep::Binding {
            subject,
            role,
            namespace,
        } => {
            let external_id = match subject {
                Subject::User { id, .. } => id.clone(),
                Subject::Group(name) => in_target(groups, name, "group")?,
            };
            let request = CreateBindingRequest {
                binding_type: subject.binding_type(),
                external_id,
                role_id: in_target(roles, role, "role")?,
                namespace_id: namespace.clone(),
            };
            api::bindings::create(target, &request)
                .await
                .map_err(failed)?;
        }
    }
    Ok(())
}

/// The target's id of the `kind` named `name`, or why there is none.
fn in_target(ids: &HashMap<String, String>, name: &str, kind: &str) -> Result<String, String> {
    ids.get(name).cloned().ok_or_else(|| {
        format!("The {kind} \"{name}\" is not in the target tenant: its own step failed or was not chosen.")
    })
}
