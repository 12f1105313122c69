//! `Tenant`: the body of `/api/v1/tenants` calls.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A tenant. Only the fields the console edits are typed; every other field Kestra sends
/// (storage, secrets, quotas, ...) is kept in `other` so that `PUT /api/v1/tenants/{id}`
/// with an edited tenant does not wipe settings the console does not show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub deleted: bool,
    /// Kestra 2.x `defaultWorkerSelector`; 1.x sent `workerGroup` (`{key, fallback}`).
    #[serde(
        default,
        alias = "workerGroup",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_worker_selector: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_tenant_keeps_the_fields_the_console_does_not_know() {
        let json = r#"{"id":"dev","name":"Dev","deleted":false,"storageType":"s3","quotas":[]}"#;
        let mut tenant: Tenant = serde_json::from_str(json).unwrap();
        tenant.name = "Development".into();
        let out = serde_json::to_value(&tenant).unwrap();
        assert_eq!(out["name"], "Development");
        assert_eq!(out["storageType"], "s3");
    }
}
