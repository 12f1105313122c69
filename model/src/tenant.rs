//! `Tenant`: the body of `/api/v1/tenants` calls, in Kestra 2.x's shape.
//!
//! The fields the console shows are typed; everything else Kestra sends (isolation, app
//! catalog, settings, SDK authentication, and whatever a newer Kestra adds) is kept in
//! `other`, so that `PUT /api/v1/tenants/{id}` (a full replace) with an edited tenant sends
//! back every field the console does not show, unchanged.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A tenant. Every field but `id` and `name` is optional in Kestra's document, and an explicit
/// `null` reads as a missing field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub deleted: bool,
    /// Which worker queues run the tenant's tasks. A 1.x `workerGroup` (`{key, fallback}`) reads
    /// as a selector too, its `key` kept in `other`.
    #[serde(
        default,
        alias = "workerGroup",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_worker_selector: Option<WorkerSelector>,
    /// How many executions may run at once, and what happens to the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<Concurrency>,
    /// The internal-storage backend's type (e.g. `s3`, `gcs`); Kestra's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_configuration: Option<Map<String, Value>>,
    /// The secret backend's type (e.g. `vault`, `aws-secret-manager`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_configuration: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_existing_namespace: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs_in_internal_storage: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotas: Option<Vec<Quota>>,
    /// Every other field, sent back as it came.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `WorkerSelector`: worker-queue tags, how they match, and what happens when no worker fits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WorkerSelector {
    /// At most 20 RFC 1123 labels (see [`crate::rules::worker_tag`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// `ALL` when absent.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub matches: Option<WorkerSelectorMatch>,
    /// `FAIL` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<WorkerQueueFallback>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `WorkerSelectorMatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WorkerSelectorMatch {
    /// The queue's tags must include every selector tag.
    All,
    /// The queue's tags must include at least one selector tag.
    Any,
}

/// `WorkerQueueFallback`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WorkerQueueFallback {
    Fail,
    Wait,
    Cancel,
    Ignore,
}

/// `Concurrency`: both fields are required by the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concurrency {
    /// At least 1.
    pub limit: i32,
    pub behavior: ConcurrencyBehavior,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `Concurrency.Behavior`: what happens to an execution over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConcurrencyBehavior {
    Queue,
    Cancel,
    Fail,
}

/// `Quota`: at most `limit` executions per `duration` (ISO-8601); all three are required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub duration: String,
    /// Greater than 0.
    pub limit: i64,
    pub behavior: QuotaBehavior,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `Quota.Behavior`: what happens to an execution over the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QuotaBehavior {
    Fail,
    Cancel,
}

/// `MiscController.WorkerSelectorTags`: the answer of `GET /{tenant}/worker-selectors/tags`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WorkerSelectorTags {
    #[serde(default, deserialize_with = "crate::nullable::or_default")]
    pub tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_tenant_decoded_and_encoded_again_keeps_every_field() {
        let sent = json!({
            "id": "dev", "name": "Dev", "deleted": false,
            "defaultWorkerSelector": {"tags": ["eu", "gpu"], "match": "ANY", "fallback": "WAIT"},
            "concurrency": {"limit": 4, "behavior": "QUEUE"},
            "storageType": "s3", "storageConfiguration": {"bucket": "kestra", "region": {"name": "eu"}},
            "secretType": "vault", "secretReadOnly": true, "secretConfiguration": {"token": "t0p"},
            "requireExistingNamespace": true, "outputsInInternalStorage": false,
            "quotas": [{"duration": "P1D", "limit": 100, "behavior": "FAIL"}],
            "storageIsolation": {"enabled": true, "deniedServices": ["WORKER"]},
            "settings": {"dashboard": {}}, "aFieldFromANewerKestra": [1, 2]
        });
        let tenant: Tenant = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(serde_json::to_value(&tenant).unwrap(), sent);
    }

    #[test]
    fn explicit_nulls_read_as_missing_fields() {
        let tenant: Tenant = serde_json::from_value(json!({
            "id": "dev", "name": "Dev", "deleted": null, "defaultWorkerSelector": null,
            "concurrency": null, "quotas": null, "storageType": null
        }))
        .unwrap();
        assert!(!tenant.deleted);
        assert_eq!(tenant.default_worker_selector, None);
        assert_eq!(tenant.quotas, None);
    }
}
