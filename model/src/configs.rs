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
    /// Sent only by a sandbox started with `--demo-reset` (absent from real Kestra): the console
    /// shows a banner saying the data is demo data and when it is restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox_demo: Option<SandboxDemo>,
}

/// `sandboxDemo` in `/api/v1/configs`: the demo-reset schedule of a sandbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SandboxDemo {
    /// How often the demo data is restored, in seconds.
    pub reset_interval_seconds: u64,
    /// When the next restore happens, as an RFC 3339 UTC timestamp (`2026-11-22T23:00:00Z`).
    pub next_reset_at: String,
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
