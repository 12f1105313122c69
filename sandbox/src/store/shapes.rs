//! The typed shapes of a tenant's and a namespace's configuration (storage, secrets, worker
//! selector, concurrency, quotas...), as Kestra's OpenAPI document gives them.
//!
//! The sandbox interprets none of these fields, but it must not store what Kestra would refuse:
//! a wrong type or an unknown enum value is a 422 naming the field, and only what decoded is
//! stored, so every later answer matches the `Tenant` and `Namespace` schemas. Fields neither
//! the document nor kestrapy 2.0.3 knows are dropped, as Kestra's Jackson setup ignores them.
//! The handlers (`tenants`, `namespaces`) own `id`, `name`, `deleted` and `description`.

use std::collections::BTreeMap;

use kestra_model::rules;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::json::from_value;

/// `Tenant` minus `id`, `name` and `deleted`. `type` and `workerSecretManagerMode` are
/// kestrapy 2.0.3's, not the document's.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_isolation: Option<Isolation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_isolation: Option<Isolation>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    tenant_type: Option<TenantType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_worker_selector: Option<WorkerSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    concurrency: Option<Concurrency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_configuration: Option<Objects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_configuration: Option<Objects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    worker_secret_manager_mode: Option<WorkerSecretManagerMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    require_existing_namespace: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outputs_in_internal_storage: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    app_catalog_config: Option<AppCatalogConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<TenantPreferences>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sdk_default_authentication: Option<SdkAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quotas: Option<Vec<Quota>>,
}

/// `Namespace` minus `id`, `deleted` and `description`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_isolation: Option<Isolation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_isolation: Option<Isolation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    variables: Option<Objects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allowed_namespaces: Option<Vec<AllowedNamespace>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_worker_selector: Option<WorkerSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    concurrency: Option<Concurrency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage_configuration: Option<Objects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_configuration: Option<Objects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    worker_secret_manager_mode: Option<WorkerSecretManagerMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outputs_in_internal_storage: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sdk_default_authentication: Option<SdkAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quotas: Option<Vec<Quota>>,
}

impl TenantConfig {
    /// Decodes the fields of a request body besides the ones the handler owns; a 422 naming
    /// the first field that does not fit the document.
    pub fn from_request(fields: Map<String, Value>) -> Result<TenantConfig> {
        let config: TenantConfig = from_value(Value::Object(fields))?;
        check_limits(
            config.concurrency.as_ref(),
            config.quotas.as_deref(),
            config.default_worker_selector.as_ref(),
        )?;
        Ok(config)
    }

    /// The stored form, which is also what answers carry.
    pub fn into_fields(self) -> Map<String, Value> {
        into_map(&self)
    }
}

impl NamespaceConfig {
    /// See [`TenantConfig::from_request`].
    pub fn from_request(fields: Map<String, Value>) -> Result<NamespaceConfig> {
        let config: NamespaceConfig = from_value(Value::Object(fields))?;
        check_limits(
            config.concurrency.as_ref(),
            config.quotas.as_deref(),
            config.default_worker_selector.as_ref(),
        )?;
        Ok(config)
    }

    pub fn into_fields(self) -> Map<String, Value> {
        into_map(&self)
    }
}

/// The stored fields of a row, re-checked so that an answer always fits the schema: a database
/// written before validation existed may hold anything, and then none of it is returned.
pub fn stored_tenant_fields(extra: &str) -> Map<String, Value> {
    match serde_json::from_str::<TenantConfig>(extra) {
        Ok(config) => config.into_fields(),
        Err(_) => Map::new(),
    }
}

/// See [`stored_tenant_fields`].
pub fn stored_namespace_fields(extra: &str) -> Map<String, Value> {
    match serde_json::from_str::<NamespaceConfig>(extra) {
        Ok(config) => config.into_fields(),
        Err(_) => Map::new(),
    }
}

fn into_map(config: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(config) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The numeric bounds serde's types do not express: `Concurrency.limit` ≥ 1, `Quota.limit` > 0,
/// at most 20 worker-selector tags, each an RFC 1123 label.
fn check_limits(
    concurrency: Option<&Concurrency>,
    quotas: Option<&[Quota]>,
    selector: Option<&WorkerSelector>,
) -> Result<()> {
    if concurrency.is_some_and(|c| c.limit < 1) {
        return Err(Error::invalid(
            "concurrency.limit",
            "must be greater than or equal to 1",
        ));
    }
    if let Some(i) = quotas.and_then(|q| q.iter().position(|quota| quota.limit < 1)) {
        return Err(Error::invalid(
            format!("quotas[{i}].limit"),
            "must be greater than 0",
        ));
    }
    let tags = selector.and_then(|s| s.tags.as_deref()).unwrap_or_default();
    if tags.len() > rules::MAX_WORKER_TAGS {
        return Err(Error::invalid(
            "defaultWorkerSelector.tags",
            "size must be between 0 and 20",
        ));
    }
    for (i, tag) in tags.iter().enumerate() {
        rules::worker_tag(tag).map_err(|message| {
            Error::invalid(format!("defaultWorkerSelector.tags[{i}]"), message)
        })?;
    }
    Ok(())
}

/// A map of objects (`storageConfiguration`, `secretConfiguration`, `variables`): the document's
/// `additionalProperties: {type: object}`.
type Objects = BTreeMap<String, Map<String, Value>>;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Isolation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    denied_services: Option<Vec<ServiceType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum ServiceType {
    Executor,
    Indexer,
    Scheduler,
    Webserver,
    Worker,
    Controller,
    Invalid,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum TenantType {
    Default,
    Infrastructure,
    Unknown,
}

/// 2.x `defaultWorkerSelector`; a 1.x `workerGroup` (`{key, fallback}`) arrives here too and
/// keeps its `fallback`.
#[derive(Debug, Serialize, Deserialize)]
struct WorkerSelector {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    matches: Option<WorkerSelectorMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fallback: Option<WorkerQueueFallback>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum WorkerSelectorMatch {
    All,
    Any,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum WorkerQueueFallback {
    Fail,
    Wait,
    Cancel,
    Ignore,
}

#[derive(Debug, Serialize, Deserialize)]
struct Concurrency {
    limit: i32,
    behavior: ConcurrencyBehavior,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum ConcurrencyBehavior {
    Queue,
    Cancel,
    Fail,
}

#[derive(Debug, Serialize, Deserialize)]
struct Quota {
    duration: String,
    limit: i64,
    behavior: QuotaBehavior,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum QuotaBehavior {
    Fail,
    Cancel,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum WorkerSecretManagerMode {
    Direct,
    Controller,
    ControllerOnly,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AppCatalogConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    background_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tile_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    button_text_color: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TenantPreferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dashboard: Option<DashboardSettings>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DashboardSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_home_dashboard: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_flow_overview_dashboard: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_namespace_overview_dashboard: Option<String>,
}

/// `SDK.Auth`; its fields are nullable in the document, and a null is stored as absent.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SdkAuth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    password: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct AllowedNamespace {
    namespace: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error_path(body: Value) -> String {
        let Value::Object(fields) = body else {
            panic!("not an object")
        };
        match TenantConfig::from_request(fields) {
            Err(Error::Invalid(errors)) => errors[0].path.clone().unwrap(),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn a_wrong_type_or_enum_value_is_named_by_its_path() {
        assert_eq!(
            error_path(json!({"requireExistingNamespace": "yes"})),
            "requireExistingNamespace"
        );
        assert_eq!(
            error_path(json!({"storageIsolation": 5})),
            "storageIsolation"
        );
        assert_eq!(error_path(json!({"type": "BOGUS"})), "type");
        assert_eq!(
            error_path(json!({"quotas": [{"duration": "P1D", "limit": 1, "behavior": "AAA"}]})),
            "quotas[0].behavior"
        );
        assert_eq!(
            error_path(json!({"sdkDefaultAuthentication": {"apiToken": false}})),
            "sdkDefaultAuthentication.apiToken"
        );
        assert_eq!(
            error_path(json!({"concurrency": {"limit": 0, "behavior": "QUEUE"}})),
            "concurrency.limit"
        );
    }

    #[test]
    fn valid_fields_are_kept_and_unknown_ones_dropped() {
        let body = json!({
            "storageType": "s3",
            "storageConfiguration": {"bucket": {"name": "b"}},
            "workerSecretManagerMode": "CONTROLLER_ONLY",
            "defaultWorkerSelector": {"tags": ["eu"], "match": "ANY"},
            "somethingElse": 1,
        });
        let Value::Object(fields) = body else {
            unreachable!()
        };
        let kept = TenantConfig::from_request(fields).unwrap().into_fields();
        assert_eq!(kept["storageType"], "s3");
        assert_eq!(kept["defaultWorkerSelector"]["match"], "ANY");
        assert_eq!(kept["workerSecretManagerMode"], "CONTROLLER_ONLY");
        assert!(!kept.contains_key("somethingElse"));
    }
}
