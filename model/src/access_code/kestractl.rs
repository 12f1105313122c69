//! A tenant's access as a bash script of kestractl commands (Kestra's CLI): one
//! `roles create` per role, one `groups create` per group with its members, one
//! `bindings create` per binding. The ids of what it creates are read with `jq` into shell
//! variables, so bindings name the new tenant's roles and groups.

use std::collections::BTreeMap;

use super::labels::Labels;
use super::{AccessSnapshot, BoundSubject, Unsaid, quoted};

/// The script.
pub fn kestractl_script(snapshot: &AccessSnapshot) -> String {
    let mut unsaid = Unsaid::default();
    let mut labels = Labels::default();
    let mut body = String::new();

    // Role id → how a command names it; `None` for a role the script does not create.
    let mut role_refs: BTreeMap<String, Option<String>> = BTreeMap::new();
    body.push_str("\n# Roles\n");
    for role in &snapshot.roles {
        let id = role.id.clone().unwrap_or_default();
        if role.is_managed {
            unsaid.note(format!(
                "Role {} is managed by Kestra and not created: bindings to it name its id in this tenant ({id}); another tenant's differs.",
                quoted(&role.name)
            ));
            role_refs.insert(id.clone(), Some(shell_word(&id)));
            continue;
        }
        let mut command = format!("kestractl roles create --name {}", shell_word(&role.name));
        if let Some(description) = role.description.as_deref().filter(|d| !d.is_empty()) {
            command.push_str(&format!(" --description {}", shell_word(description)));
        }
        if role.is_default {
            command.push_str(" --default");
        }
        for (resource, actions) in &role.permissions {
            let actions: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
            command.push_str(&format!(
                " --permission {}:{}",
                resource.as_str(),
                actions.join(",")
            ));
        }
        if role.permissions.is_empty() {
            unsaid.note(format!(
                "Role {} has no permission, and kestractl creates no role without one: it and its bindings are commented out.",
                quoted(&role.name)
            ));
            body.push_str(&format!("# {command}\n"));
            role_refs.insert(id, None);
            continue;
        }
        let variable = format!("role_{}", labels.label(&role.name, "role"));
        body.push_str(&format!(
            "{variable}=$({command} --output json | jq -r .id)\n"
        ));
        role_refs.insert(id, Some(format!("\"${variable}\"")));
    }

    let live: Vec<&str> = snapshot
        .namespaces
        .iter()
        .filter(|n| !n.deleted)
        .map(|n| n.id.as_str())
        .collect();
    if !live.is_empty() {
        unsaid.note(format!(
            "kestractl cannot create a namespace: {} must exist or be created by a flow (bindings on a namespace apply once it does).",
            live.join(", ")
        ));
    }

    let mut group_refs = BTreeMap::new();
    body.push_str("\n# Groups, with their members\n");
    for group in &snapshot.groups {
        let mut command = format!("kestractl groups create --name {}", shell_word(&group.name));
        if let Some(description) = group.description.as_deref().filter(|d| !d.is_empty()) {
            command.push_str(&format!(" --description {}", shell_word(description)));
        }
        for id in group.members.iter().filter_map(|m| m.id.as_deref()) {
            command.push_str(&format!(" --member {}", shell_word(id)));
        }
        let variable = format!("group_{}", labels.label(&group.name, "group"));
        body.push_str(&format!(
            "{variable}=$({command} --output json | jq -r .id)\n"
        ));
        group_refs.insert(group.id.clone(), format!("\"${variable}\""));
    }
    snapshot.note_owners(&mut unsaid, "kestractl");

    body.push_str("\n# Bindings\n");
    for binding in snapshot.resolved_bindings(&mut unsaid) {
        let (kind, subject) = match &binding.subject {
            BoundSubject::Group(group) => ("GROUP", group_refs[&group.id].clone()),
            BoundSubject::User {
                id,
                service_account,
                ..
            } => {
                if *service_account {
                    unsaid.note(
                        "Service accounts are not created: bindings to them name their ids in this tenant."
                            .into(),
                    );
                }
                ("USER", shell_word(id))
            }
        };
        let role = role_refs[binding.role.id.as_deref().unwrap_or_default()].clone();
        let mut command = format!(
            "kestractl bindings create --type {kind} --external-id {subject} --role {}",
            role.clone()
                .unwrap_or_else(|| shell_word(&binding.role.name))
        );
        if let Some(namespace) = binding.namespace {
            command.push_str(&format!(" --namespace {}", shell_word(namespace)));
        }
        match role {
            Some(_) => body.push_str(&format!("{command}\n")),
            None => body.push_str(&format!("# {command}\n")),
        }
    }

    let mut script = format!(
        "#!/usr/bin/env bash\n\
         # The access of tenant {} (roles, groups and their members, bindings) as kestractl\n\
         # commands. Written by kestra-admin.\n#\n",
        quoted(&snapshot.tenant)
    );
    script.push_str(&unsaid.header());
    script.push_str(
        "#\n\
         # Run it with kestractl set up for the tenant to create them in (`kestractl config`, or\n\
         # KESTRACTL_HOST, KESTRACTL_TENANT and KESTRACTL_TOKEN); jq reads the ids it creates.\n\
         set -euo pipefail\n",
    );
    script.push_str(&body);
    script
}

/// One shell word: left bare when it is made of safe characters, else single-quoted.
fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/@,".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    fn commands<'a>(script: &'a str, what: &str) -> Vec<&'a str> {
        script
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(what))
            .collect()
    }

    /// One command per role the script creates and per binding; ids flow through variables.
    #[test]
    fn one_command_per_role_group_and_binding() {
        let script = kestractl_script(&sample::tenant());
        assert_eq!(
            commands(&script, "kestractl roles create"),
            [
                "role_developer=$(kestractl roles create --name Developer --permission FLOW:CREATE,VIEW --permission EXECUTION:VIEW --output json | jq -r .id)",
                "role_viewer=$(kestractl roles create --name Viewer --default --permission FLOW:VIEW --output json | jq -r .id)",
            ],
            "{script}"
        );
        assert_eq!(
            commands(&script, "kestractl groups create"),
            [
                "group_data_team=$(kestractl groups create --name 'Data team' --description 'People of the data platform' --member aisha --member ben --output json | jq -r .id)",
                "group_ops=$(kestractl groups create --name Ops --member chen --output json | jq -r .id)",
            ]
        );
        assert_eq!(
            commands(&script, "kestractl bindings create"),
            [
                "kestractl bindings create --type GROUP --external-id \"$group_data_team\" --role \"$role_developer\" --namespace company.data",
                "kestractl bindings create --type GROUP --external-id \"$group_ops\" --role \"$role_viewer\"",
                "kestractl bindings create --type USER --external-id aisha --role admin-id",
                "kestractl bindings create --type USER --external-id ci-bot --role \"$role_developer\"",
            ]
        );
        assert!(script.starts_with("#!/usr/bin/env bash\n"));
        assert!(script.contains("\nset -euo pipefail\n"));
    }

    #[test]
    fn what_kestractl_cannot_say_is_listed_and_commented_out() {
        let mut tenant = sample::tenant();
        tenant.roles[1].permissions.clear();
        let script = kestractl_script(&tenant);
        assert!(
            script.contains("# - Role \"Developer\" has no permission"),
            "{script}"
        );
        assert!(script.contains("# - kestractl cannot create a namespace: company.data"));
        assert!(script.contains("aisha of group \"Data team\" become members"));
        assert!(script.contains("\n# kestractl roles create --name Developer\n"));
        assert!(script.contains(
            "\n# kestractl bindings create --type GROUP --external-id \"$group_data_team\" --role Developer --namespace company.data\n"
        ));
        assert!(commands(&script, "$role_developer").is_empty());
    }

    #[test]
    fn words_with_quotes_or_spaces_stay_one_word() {
        assert_eq!(shell_word("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("company.data"), "company.data");
    }
}
