//! The presets a role can start from: Kestra's role templates (`GET /{tenant}/acls/templates`)
//! cut to what a tenant's role shows and to what the managed Admin role holds, so no preset
//! ever grants more than Admin. Without templates, "Read-only" and "Everything".

use kestra_model::Permissions;

use super::grant::{read_only, within};

/// Kestra's name of the template that is the managed Admin role.
const ADMIN: &str = "ADMIN";

/// A starting point offered above the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// The button's text, e.g. "Developer".
    pub label: String,
    pub permissions: Permissions,
}

/// The presets for a role whose editor shows `shown`, from the server's `templates` (as
/// (Kestra's name, permissions), in Kestra's order).
pub fn presets(shown: &Permissions, templates: &[(String, Permissions)]) -> Vec<Preset> {
    let admin = templates
        .iter()
        .find(|(name, _)| name == ADMIN)
        .map_or_else(|| shown.clone(), |(_, admin)| within(shown, admin));
    let preset = |label: String, permissions: &Permissions| Preset {
        label,
        permissions: within(&admin, permissions),
    };
    if templates.is_empty() {
        return vec![
            preset("Read-only".into(), &read_only(shown)),
            preset("Everything".into(), &admin),
        ];
    }
    templates
        .iter()
        .map(|(name, permissions)| preset(sentence_case(name), permissions))
        .collect()
}

/// A wire name as a person reads it: `DEVELOPER` → "Developer", `FORCE_RUN` → "Force run".
pub fn sentence_case(name: &str) -> String {
    let lower = name.to_lowercase().replace('_', " ");
    let mut chars = lower.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use kestra_model::{Action, Resource};

    use super::*;

    fn shown() -> Permissions {
        Permissions::from([
            (
                Resource::Flow,
                vec![Action::View, Action::List, Action::Execute],
            ),
            (
                Resource::Role,
                vec![Action::View, Action::List, Action::Delete],
            ),
        ])
    }

    #[test]
    fn no_preset_grants_more_than_the_admin_template() {
        let admin = Permissions::from([
            (
                Resource::Flow,
                vec![Action::View, Action::List, Action::Execute],
            ),
            (Resource::Role, vec![Action::View, Action::List]),
            (Resource::Banner, vec![Action::Update]),
        ]);
        let everything = shown();
        let templates = [
            ("ADMIN".to_string(), admin),
            ("EDITOR".to_string(), everything),
        ];
        let presets = presets(&shown(), &templates);
        let within_admin = Permissions::from([
            (
                Resource::Flow,
                vec![Action::View, Action::List, Action::Execute],
            ),
            (Resource::Role, vec![Action::View, Action::List]),
        ]);
        assert_eq!(
            presets,
            [
                Preset {
                    label: "Admin".into(),
                    permissions: within_admin.clone()
                },
                Preset {
                    label: "Editor".into(),
                    permissions: within_admin
                },
            ],
            "instance-wide BANNER and ROLE:DELETE (not in Admin) are never offered"
        );
    }

    #[test]
    fn without_templates_the_presets_are_read_only_and_everything_shown() {
        let presets = presets(&shown(), &[]);
        let labels: Vec<&str> = presets.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["Read-only", "Everything"]);
        assert_eq!(
            presets[0].permissions[&Resource::Flow],
            [Action::View, Action::List]
        );
        assert_eq!(presets[1].permissions, shown());
    }

    #[test]
    fn wire_names_read_as_sentences() {
        assert_eq!(sentence_case("DEVELOPER"), "Developer");
        assert_eq!(sentence_case("KILL_SWITCH"), "Kill switch");
    }
}
