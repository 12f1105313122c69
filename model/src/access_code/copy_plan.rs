//! Copying a tenant's access to another tenant: what the copy would create, what already
//! exists there and what conflicts (a role of the same name granting other permissions).
//!
//! Things are matched by name, since ids differ between tenants: roles and groups by name,
//! namespaces by id, members and bindings by person id (people are the instance's), group
//! name, role name and namespace. The console shows the plan, the admin chooses, and the
//! console carries out the chosen steps in the plan's order (namespaces, roles, groups,
//! members, bindings), so each step finds what it refers to.

use std::collections::BTreeSet;

use crate::{BindingType, Permissions, Role};

use super::{AccessSnapshot, BoundSubject, Unsaid, member_label, quoted};

/// One thing the copy would do.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyStep {
    Namespace {
        id: String,
        description: Option<String>,
    },
    /// The source's role; `target_id` is the same-named role of the target, which a
    /// conflicting step overwrites when chosen.
    Role {
        role: Role,
        target_id: Option<String>,
    },
    Group {
        name: String,
        description: Option<String>,
    },
    /// Person `user_id` in the group named `group`.
    Member {
        group: String,
        user_id: String,
        label: String,
    },
    /// Role `role` (by name) to `subject`, tenant-wide or on `namespace`.
    Binding {
        subject: Subject,
        role: String,
        namespace: Option<String>,
    },
}

/// Who a copied binding gives its role to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// A person or service account: the same id in every tenant.
    User { id: String, label: String },
    /// A group, by name.
    Group(String),
}

impl Subject {
    pub fn binding_type(&self) -> BindingType {
        match self {
            Subject::User { .. } => BindingType::User,
            Subject::Group(_) => BindingType::Group,
        }
    }
}

/// What the target already has of a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Missing there: the copy creates it.
    Create,
    /// There already, the same: nothing to do.
    Exists,
    /// There under the same name, but different: why.
    Conflict(String),
}

/// A step and its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStep {
    pub step: CopyStep,
    pub verdict: Verdict,
}

impl PlannedStep {
    /// What the step is, in a few words, for the preview and the report.
    pub fn summary(&self) -> String {
        match &self.step {
            CopyStep::Namespace { id, .. } => format!("Namespace {id}"),
            CopyStep::Role { role, .. } => format!("Role {}", quoted(&role.name)),
            CopyStep::Group { name, .. } => format!("Group {}", quoted(name)),
            CopyStep::Member { group, label, .. } => {
                format!("{label} in group {}", quoted(group))
            }
            CopyStep::Binding {
                subject,
                role,
                namespace,
            } => {
                let whom = match subject {
                    Subject::User { label, .. } => label.clone(),
                    Subject::Group(name) => format!("group {}", quoted(name)),
                };
                let scope = match namespace {
                    Some(ns) => format!("on {ns}"),
                    None => "tenant-wide".into(),
                };
                format!("{} to {whom}, {scope}", quoted(role))
            }
        }
    }
}

/// The plan of copying `source`'s access into `target`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CopyPlan {
    pub steps: Vec<PlannedStep>,
    /// What the copy leaves out, and why (e.g. a binding whose role was not found).
    pub left_out: Vec<String>,
}

impl CopyPlan {
    pub fn new(source: &AccessSnapshot, target: &AccessSnapshot) -> CopyPlan {
        let mut steps = Vec::new();
        let mut unsaid = Unsaid::default();

        for namespace in source.namespaces.iter().filter(|n| !n.deleted) {
            let there = target
                .namespaces
                .iter()
                .any(|n| !n.deleted && n.id == namespace.id);
            steps.push(PlannedStep {
                step: CopyStep::Namespace {
                    id: namespace.id.clone(),
                    description: namespace.description.clone(),
                },
                verdict: if there {
                    Verdict::Exists
                } else {
                    Verdict::Create
                },
            });
        }

        for role in &source.roles {
            let there = target.roles.iter().find(|r| r.name == role.name);
            let verdict = match there {
                None => Verdict::Create,
                // Kestra keeps its managed roles itself: never overwritten.
                Some(there) if there.is_managed => Verdict::Exists,
                Some(there) => match difference(&there.permissions, &role.permissions) {
                    None => Verdict::Exists,
                    Some(why) => Verdict::Conflict(why),
                },
            };
            steps.push(PlannedStep {
                step: CopyStep::Role {
                    role: role.clone(),
                    target_id: there.and_then(|r| r.id.clone()),
                },
                verdict,
            });
        }

        for group in &source.groups {
            let there = target.groups.iter().find(|g| g.name == group.name);
            steps.push(PlannedStep {
                step: CopyStep::Group {
                    name: group.name.clone(),
                    description: group.description.clone(),
                },
                verdict: if there.is_some() {
                    Verdict::Exists
                } else {
                    Verdict::Create
                },
            });
            for member in &group.members {
                let Some(user_id) = member.id.clone() else {
                    continue;
                };
                let already = there.is_some_and(|g| {
                    g.members
                        .iter()
                        .any(|m| m.id.as_deref() == Some(user_id.as_str()))
                });
                steps.push(PlannedStep {
                    step: CopyStep::Member {
                        group: group.name.clone(),
                        label: member_label(member),
                        user_id,
                    },
                    verdict: if already {
                        Verdict::Exists
                    } else {
                        Verdict::Create
                    },
                });
            }
        }

        let mut ignored = Unsaid::default();
        let existing: BTreeSet<(Subject, String, Option<String>)> = target
            .resolved_bindings(&mut ignored)
            .iter()
            .map(binding_key)
            .collect();
        for binding in source.resolved_bindings(&mut unsaid) {
            let (subject, role, namespace) = binding_key(&binding);
            let verdict = if existing.contains(&(subject.clone(), role.clone(), namespace.clone()))
            {
                Verdict::Exists
            } else {
                Verdict::Create
            };
            steps.push(PlannedStep {
                step: CopyStep::Binding {
                    subject,
                    role,
                    namespace,
                },
                verdict,
            });
        }

        CopyPlan {
            steps,
            left_out: unsaid.0,
        }
    }

    /// How many steps would create something, already exist, and conflict.
    pub fn counts(&self) -> (usize, usize, usize) {
        let of =
            |wanted: fn(&Verdict) -> bool| self.steps.iter().filter(|s| wanted(&s.verdict)).count();
        (
            of(|v| *v == Verdict::Create),
            of(|v| *v == Verdict::Exists),
            of(|v| matches!(v, Verdict::Conflict(_))),
        )
    }
}

/// A binding as the copy matches it: subject, role name, namespace.
fn binding_key(binding: &super::ResolvedBinding<'_>) -> (Subject, String, Option<String>) {
    let subject = match &binding.subject {
        BoundSubject::Group(group) => Subject::Group(group.name.clone()),
        BoundSubject::User { id, label, .. } => Subject::User {
            id: id.to_string(),
            label: label.clone(),
        },
    };
    (
        subject,
        binding.role.name.clone(),
        binding.namespace.map(Into::into),
    )
}

/// What overwriting `there` with `here` would change, or `None` when they grant the same.
fn difference(there: &Permissions, here: &Permissions) -> Option<String> {
    let pairs = |p: &Permissions| -> BTreeSet<(String, String)> {
        p.iter()
            .flat_map(|(r, actions)| {
                actions
                    .iter()
                    .map(move |a| (r.as_str().to_string(), a.as_str().to_string()))
            })
            .collect()
    };
    let (there, here) = (pairs(there), pairs(here));
    if there == here {
        return None;
    }
    let list = |set: Vec<&(String, String)>| -> String {
        set.iter()
            .map(|(r, a)| format!("{a} on {r}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let gains: Vec<_> = here.difference(&there).collect();
    let losses: Vec<_> = there.difference(&here).collect();
    let mut parts = Vec::new();
    if !gains.is_empty() {
        parts.push(format!("copying adds {}", list(gains)));
    }
    if !losses.is_empty() {
        parts.push(format!("takes away {}", list(losses)));
    }
    Some(format!(
        "A role of this name grants other permissions there: {}.",
        parts.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;
    use crate::{Action, Resource};

    #[test]
    fn into_an_empty_tenant_everything_is_created() {
        let plan = CopyPlan::new(&sample::tenant(), &AccessSnapshot::default());
        // 1 namespace, 3 roles, 2 groups, 3 members, 4 bindings.
        assert_eq!(plan.counts(), (13, 0, 0));
        let summaries: Vec<String> = plan.steps.iter().map(|s| s.summary()).collect();
        assert_eq!(
            summaries,
            [
                "Namespace company.data",
                "Role \"Admin\"",
                "Role \"Developer\"",
                "Role \"Viewer\"",
                "Group \"Data team\"",
                "aisha in group \"Data team\"",
                "ben in group \"Data team\"",
                "Group \"Ops\"",
                "chen in group \"Ops\"",
                "\"Developer\" to group \"Data team\", on company.data",
                "\"Viewer\" to group \"Ops\", tenant-wide",
                "\"Admin\" to aisha, tenant-wide",
                "\"Developer\" to ci-bot, tenant-wide",
            ]
        );
    }

    #[test]
    fn into_itself_everything_exists() {
        let plan = CopyPlan::new(&sample::tenant(), &sample::tenant());
        assert_eq!(plan.counts(), (0, 13, 0));
    }

    /// Matched by name, not id; a same-named role granting otherwise conflicts, and says how.
    #[test]
    fn a_same_named_role_with_other_permissions_conflicts() {
        let mut target = sample::tenant();
        target.roles[1].id = Some("other-id".into());
        target.roles[1].permissions = [(Resource::Flow, vec![Action::View, Action::Delete])].into();
        target.groups.truncate(1);
        target.groups[0].members.truncate(1);
        target.bindings.clear();
        let plan = CopyPlan::new(&sample::tenant(), &target);
        let role = &plan.steps[2];
        assert_eq!(
            role.verdict,
            Verdict::Conflict(
                "A role of this name grants other permissions there: copying adds VIEW on EXECUTION, CREATE on FLOW; takes away DELETE on FLOW.".into()
            )
        );
        assert!(matches!(
            &role.step,
            CopyStep::Role { target_id: Some(id), .. } if id == "other-id"
        ));
        // Ops, ben and chen, and the four bindings are missing there.
        assert_eq!(plan.counts(), (7, 5, 1));
    }
}
