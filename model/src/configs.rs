//! `GET /api/v1/configs`: what kind of server this is.

use serde::{Deserialize, Serialize};

/// The subset of `MiscController.EEConfiguration` the console reads; unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Configuration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_basic_auth_initialized: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenants: Option<TenantConfigurationInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edition {
    #[serde(rename = "OSS")]
    Oss,
    #[serde(rename = "EE")]
    Ee,
}

/// `MiscController.TenantConfigurationInfo`.
///
/// Kestra documents only `storageByTenant` and `secretByTenant`. The sandbox also sends
/// `enabled` (multi-tenancy on) and `defaultTenant` (the null tenant exists), mirroring
/// `kestra.ee.tenants.enabled` and `default-tenant`; absent means multi-tenancy on, as on any
/// current Kestra EE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TenantConfigurationInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_by_tenant: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_by_tenant: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_tenant: Option<bool>,
}

impl Configuration {
    /// Whether tenant-scoped paths carry a tenant segment.
    pub fn multi_tenancy(&self) -> bool {
        self.tenants
            .as_ref()
            .and_then(|t| t.enabled)
            .unwrap_or(true)
    }
}
