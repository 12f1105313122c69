//! `GET /api/v1/me`: who is signed in and which tenants they may use.

use serde::{Deserialize, Serialize};

/// `MeController.ApiMe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kestra 2.x still names this `superAdmin` on `ApiMe`; `instanceOwner` is accepted too.
    #[serde(default, alias = "instanceOwner")]
    pub super_admin: bool,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<MeProfile>,
    #[serde(default)]
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
    fn greets_by_email_when_there_is_no_name() {
        let me: Me =
            serde_json::from_str(r#"{"profile":{"email":"x@y.io"},"tenants":[{"id":"t"}]}"#)
                .unwrap();
        assert_eq!(me.display_name(), "x@y.io");
        assert_eq!(me.tenants[0].label(), "t");
    }
}
