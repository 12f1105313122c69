//! The instance's tenants (instance owners only): the list, the create form, and a tenant's
//! page with edit and delete. The tenant picker's list is refreshed after each change.

mod create;
mod detail;
mod fields;
mod list;

pub use create::TenantCreate;
pub use detail::TenantDetailPage;
pub use list::TenantList;

use kestra_model::Tenant;
use serde_json::{Map, Value};

/// The worker group's key (Kestra 1.x `workerGroup.key`, 2.x `defaultWorkerSelector.key`).
pub fn worker_group(tenant: &Tenant) -> String {
    tenant
        .default_worker_selector
        .as_ref()
        .and_then(|s| s.get("key"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Sets the worker group's key, keeping the selector's other fields (its fallback); an empty
/// key removes the selector.
pub fn set_worker_group(tenant: &mut Tenant, key: &str) {
    let key = key.trim();
    if key.is_empty() {
        tenant.default_worker_selector = None;
        return;
    }
    let mut selector = match tenant.default_worker_selector.take() {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    selector.insert("key".into(), Value::String(key.into()));
    tenant.default_worker_selector = Some(Value::Object(selector));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_group_keeps_its_fallback_and_clears_when_empty() {
        let mut tenant: Tenant = serde_json::from_str(
            r#"{"id":"dev","name":"Dev","workerGroup":{"key":"gpu","fallback":"WAIT"}}"#,
        )
        .unwrap();
        assert_eq!(worker_group(&tenant), "gpu");
        set_worker_group(&mut tenant, " cpu ");
        let selector = tenant.default_worker_selector.clone().unwrap();
        assert_eq!(selector["key"], "cpu");
        assert_eq!(selector["fallback"], "WAIT");
        set_worker_group(&mut tenant, "");
        assert_eq!(tenant.default_worker_selector, None);
        assert_eq!(worker_group(&tenant), "");
    }
}
