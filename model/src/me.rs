//! `GET /api/v1/me`: who is signed in and which tenants they may use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::permissions::Permissions;

/// The sandbox's optional hint on `GET /api/v1/me`, in the extra field `sandboxPermissions`:
/// for each tenant the user may use, the permissions granted there tenant-wide (bindings limited
/// to a namespace are left out; an instance owner gets every action). Real Kestra sends no such
/// field, so a client must treat it as a hint and still handle 403 answers.
pub type SandboxPermissions = BTreeMap<String, Permissions>;

/// `Me` with the sandbox's optional `sandboxPermissions` hint (absent from real Kestra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MeWithPermissions {
    #[serde(flatten)]
    pub me: Me,
    #[serde(
        default,
        rename = "sandboxPermissions",
        skip_serializing_if = "Option::is_none"
    )]
    pub sandbox_permissions: Option<SandboxPermissions>,
}

/// `MeController.ApiMe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kestra 2.x still names this `superAdmin` on `ApiMe`; `instanceOwner` is accepted too.
    #[serde(
        default,
        deserialize_with = "crate::nullable::or_default",
        alias = "instanceOwner"
    )]
    pub super_admin: bool,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub restricted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<MeProfile>,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub tenants: Vec<MeTenant>,
}

/// `MeController.ApiProfile`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct MeProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// `MeController.ApiTenant`: one entry of the tenant dropdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MeTenant {
    /// Empty when the answer names none: such a tenant cannot be opened, and is not offered.
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Me {
    /// The name to greet the user with: first and last name, else username, else email.
    pub fn display_name(&self) -> String {
        let Some(p) = &self.profile else {
            return self.id.clone().unwrap_or_default();
        };
        let full = [p.first_name.as_deref(), p.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !full.is_empty() {
            return full;
        }
        p.username
            .clone()
            .or_else(|| p.email.clone())
            .unwrap_or_default()
    }
}

impl MeTenant {
    /// The tenant's name, falling back to its id.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_kestras_me_and_greets_by_name() {
        let json = r#"{"id":"u1","superAdmin":true,"restricted":false,
            "profile":{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace"},
            "auths":[],"tenants":[{"id":"dev","name":"Development"}]}"#;
        let me: Me = serde_json::from_str(json).unwrap();
        assert!(me.super_admin);
        assert_eq!(me.display_name(), "Ada Lovelace");
        assert_eq!(me.tenants[0].label(), "Development");
    }

    #[test]
    fn reads_the_sandbox_permissions_hint_when_present_and_works_without_it() {
        let json = r#"{"id":"u","superAdmin":false,"tenants":[{"id":"dev"}],
            "sandboxPermissions":{"dev":{"GROUP":["LIST","VIEW"]}}}"#;
        let with: MeWithPermissions = serde_json::from_str(json).unwrap();
        let dev = &with.sandbox_permissions.unwrap()["dev"];
        assert_eq!(
            dev[&crate::Resource::Group],
            [crate::Action::List, crate::Action::View]
        );
        assert_eq!(with.me.tenants[0].id, "dev");
        let without: MeWithPermissions = serde_json::from_str(r#"{"id":"u"}"#).unwrap();
        assert!(without.sandbox_permissions.is_none());
    }

    #[test]
    fn greets_by_email_when_there_is_no_name() {
        let me: Me =
            serde_json::from_str(r#"{"profile":{"email":"x@y.io"},"tenants":[{"id":"t"}]}"#)
                .unwrap();
        assert_eq!(me.display_name(), "x@y.io");
        assert_eq!(me.tenants[0].label(), "t");
    }
}
