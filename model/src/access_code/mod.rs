//! A tenant's access as one value (its roles, groups with their members, bindings and
//! namespaces, as the console reads them), and what is made of it: a Terraform file for
//! Kestra's provider, a kestractl script, and the plan of copying it to another tenant.
//!
//! Whatever a format cannot say is listed at the top of the file it writes, never dropped
//! without a word: [`Unsaid`] collects those notes.

mod copy_plan;
mod kestractl;
mod labels;
mod terraform;

pub use copy_plan::{CopyPlan, CopyStep, PlannedStep, Subject, Verdict};
pub use kestractl::kestractl_script;
pub use terraform::terraform_file;

use crate::{BindingDetail, BindingType, GroupMember, Membership, Namespace, Role, UserType};

/// Everything of a tenant's access the exports and the copy read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccessSnapshot {
    pub tenant: String,
    pub roles: Vec<Role>,
    pub groups: Vec<GroupWithMembers>,
    pub bindings: Vec<BindingDetail>,
    pub namespaces: Vec<Namespace>,
}

/// A group and its members.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupWithMembers {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub members: Vec<GroupMember>,
}

/// One binding, resolved against the snapshot: its role and its subject by name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ResolvedBinding<'a> {
    pub role: &'a Role,
    pub subject: BoundSubject<'a>,
    pub namespace: Option<&'a str>,
}

/// Who a binding gives its role to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BoundSubject<'a> {
    Group(&'a GroupWithMembers),
    /// A person (`service_account` false) or a service account, by id, with a name to show.
    User {
        id: &'a str,
        label: String,
        service_account: bool,
    },
}

impl AccessSnapshot {
    /// The bindings whose role and subject are known, each resolved; the others (a role or a
    /// group the reader could not see) are named in `unsaid`.
    pub(crate) fn resolved_bindings(&self, unsaid: &mut Unsaid) -> Vec<ResolvedBinding<'_>> {
        let mut resolved = Vec::new();
        for binding in &self.bindings {
            let role_id = binding.role.as_ref().and_then(|r| r.id.as_deref());
            let Some(role) = self.roles.iter().find(|r| r.id.as_deref() == role_id) else {
                unsaid.note(format!(
                    "A binding of role {} is left out: the role was not found.",
                    quoted(role_id.unwrap_or("(no id)"))
                ));
                continue;
            };
            let subject = match binding.binding_type {
                Some(BindingType::Group) => {
                    let id = binding.group.as_ref().and_then(|g| g.id.as_deref());
                    match self.groups.iter().find(|g| Some(g.id.as_str()) == id) {
                        Some(group) => BoundSubject::Group(group),
                        None => {
                            unsaid.note(format!(
                                "A binding of role {} to group {} is left out: the group was not found.",
                                quoted(&role.name),
                                quoted(id.unwrap_or("(no id)"))
                            ));
                            continue;
                        }
                    }
                }
                _ => {
                    let Some(user) = binding.user.as_ref().filter(|u| u.id.is_some()) else {
                        unsaid.note(format!(
                            "A binding of role {} is left out: it names no subject.",
                            quoted(&role.name)
                        ));
                        continue;
                    };
                    BoundSubject::User {
                        id: user.id.as_deref().unwrap_or_default(),
                        label: user
                            .username
                            .clone()
                            .or(user.display_name.clone())
                            .unwrap_or_else(|| user.id.clone().unwrap_or_default()),
                        service_account: user.user_type == Some(UserType::ServiceAccount),
                    }
                }
            };
            resolved.push(ResolvedBinding {
                role,
                subject,
                namespace: binding.namespace.as_deref().filter(|ns| !ns.is_empty()),
            });
        }
        resolved
    }

    /// Groups' owners, which neither the provider nor kestractl can make owners.
    pub(crate) fn note_owners(&self, unsaid: &mut Unsaid, format: &str) {
        for group in &self.groups {
            let owners: Vec<String> = group
                .members
                .iter()
                .filter(|m| m.membership_in(&group.id) == Membership::Owner)
                .map(member_label)
                .collect();
            if !owners.is_empty() {
                unsaid.note(format!(
                    "{} cannot make a group owner: {} of group {} become members.",
                    format,
                    owners.join(", "),
                    quoted(&group.name)
                ));
            }
        }
    }
}

/// A member as a reader knows them: username, else display name, else id.
pub(crate) fn member_label(member: &GroupMember) -> String {
    member
        .username
        .clone()
        .or(member.display_name.clone())
        .or(member.id.clone())
        .unwrap_or_default()
}

/// A name between double quotes, for the notes.
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}

/// What a format could not say, in the order met; written as comments at the top.
#[derive(Debug, Default)]
pub(crate) struct Unsaid(Vec<String>);

impl Unsaid {
    pub fn note(&mut self, text: String) {
        if !self.0.contains(&text) {
            self.0.push(text);
        }
    }

    /// The notes as `#` comment lines, or a line saying nothing was left out.
    pub fn header(&self) -> String {
        if self.0.is_empty() {
            return "# Everything of the tenant's access is expressed below.\n".into();
        }
        let mut text = String::from("# Not expressed below (this format cannot say it):\n");
        for note in &self.0 {
            // A name with a line break must not end the comment.
            text.push_str(&format!("# - {}\n", note.replace(['\n', '\r'], " ")));
        }
        text
    }
}

#[cfg(test)]
pub(crate) mod sample;
