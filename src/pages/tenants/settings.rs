//! A tenant's settings as its form edits them, and the tenant a save sends.
//!
//! The form starts from the server's tenant and [`TenantSettings::apply`] writes back only the
//! sections the admin changed: everything else, shown or not, goes back exactly as it came, so
//! the full-replace `PUT /api/v1/tenants/{id}` never drops what the console does not edit.
//! Checks are Kestra's document bounds, from the model crate's `rules` (the sandbox applies the
//! same ones), and name fields by the paths the server's 422 answers use.

use kestra_model::rules;
use kestra_model::tenant::{
    Concurrency, ConcurrencyBehavior, Quota, QuotaBehavior, Tenant, WorkerQueueFallback,
    WorkerSelector, WorkerSelectorMatch,
};
use serde_json::{Map, Value};

/// What the tenant form shows and edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TenantSettings {
    pub name: String,
    pub tags: Vec<String>,
    /// `None`: Kestra's default (`ALL`).
    pub matches: Option<WorkerSelectorMatch>,
    /// `None`: Kestra's default (`FAIL`).
    pub fallback: Option<WorkerQueueFallback>,
    /// Empty: no limit.
    pub concurrency_limit: String,
    pub concurrency_behavior: Option<ConcurrencyBehavior>,
    pub quotas: Vec<QuotaRow>,
    pub storage: Backend,
    pub secret: Backend,
    pub secret_read_only: bool,
    pub require_existing_namespace: bool,
    pub outputs_in_internal_storage: bool,
}

/// One quota as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaRow {
    /// ISO-8601, e.g. `P1D`.
    pub duration: String,
    pub limit: String,
    pub behavior: QuotaBehavior,
    /// Fields of the quota the form does not show, kept.
    pub other: Map<String, Value>,
}

impl Default for QuotaRow {
    fn default() -> QuotaRow {
        QuotaRow {
            duration: "P1D".into(),
            limit: String::new(),
            behavior: QuotaBehavior::Fail,
            other: Map::new(),
        }
    }
}

/// A storage or secret backend: its type and its configuration as key/value rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backend {
    pub kind: String,
    pub entries: Vec<Entry>,
}

/// One configuration entry. A value that is not a JSON string is shown as JSON text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub key: String,
    pub value: String,
}

/// Problems with what is typed, by the field path the server's 422 answers use
/// (`quotas[0].limit`, `defaultWorkerSelector.tags`, `secretType`, ...).
pub type Problems = Vec<(String, String)>;

impl TenantSettings {
    /// The form's starting point for `tenant`.
    pub fn read(tenant: &Tenant) -> TenantSettings {
        let selector = tenant.default_worker_selector.clone().unwrap_or_default();
        let concurrency = tenant.concurrency.as_ref();
        TenantSettings {
            name: tenant.name.clone(),
            tags: selector.tags.unwrap_or_default(),
            matches: selector.matches,
            fallback: selector.fallback,
            concurrency_limit: concurrency.map(|c| c.limit.to_string()).unwrap_or_default(),
            concurrency_behavior: concurrency.map(|c| c.behavior),
            quotas: tenant
                .quotas
                .iter()
                .flatten()
                .map(|q| QuotaRow {
                    duration: q.duration.clone(),
                    limit: q.limit.to_string(),
                    behavior: q.behavior,
                    other: q.other.clone(),
                })
                .collect(),
            storage: Backend::read(&tenant.storage_type, &tenant.storage_configuration),
            secret: Backend::read(&tenant.secret_type, &tenant.secret_configuration),
            secret_read_only: tenant.secret_read_only.unwrap_or(false),
            require_existing_namespace: tenant.require_existing_namespace.unwrap_or(false),
            outputs_in_internal_storage: tenant.outputs_in_internal_storage.unwrap_or(false),
        }
    }

    /// What is wrong with the sections changed since `before` (untouched ones are the server's
    /// business), so the form can say it as the admin types.
    pub fn problems(&self, before: &TenantSettings) -> Problems {
        self.apply(&Tenant::default(), before)
            .err()
            .unwrap_or_default()
    }

    /// `original` with the sections changed since `before` (what [`read`](Self::read) gave for
    /// it) written in; every other field stays as it was.
    pub fn apply(&self, original: &Tenant, before: &TenantSettings) -> Result<Tenant, Problems> {
        let mut tenant = original.clone();
        let mut problems = Problems::new();
        if self.name != before.name {
            tenant.name = self.name.trim().to_owned();
        }
        if self.name.trim().is_empty() {
            problems.push(("name".into(), "A tenant needs a name.".into()));
        }
        if (&self.tags, self.matches, self.fallback)
            != (&before.tags, before.matches, before.fallback)
        {
            tenant.default_worker_selector = self.selector(original, &mut problems);
        }
        if (&self.concurrency_limit, self.concurrency_behavior)
            != (&before.concurrency_limit, before.concurrency_behavior)
        {
            tenant.concurrency = self.concurrency(original, &mut problems);
        }
        if self.quotas != before.quotas {
            tenant.quotas = self.quotas(&mut problems);
        }
        if self.storage != before.storage {
            let old = &original.storage_configuration;
            (tenant.storage_type, tenant.storage_configuration) =
                self.storage.write(old, "storage", &mut problems);
        }
        if self.secret != before.secret {
            let old = &original.secret_configuration;
            (tenant.secret_type, tenant.secret_configuration) =
                self.secret.write(old, "secret", &mut problems);
        }
        if self.secret_read_only != before.secret_read_only {
            tenant.secret_read_only = Some(self.secret_read_only);
        }
        if self.require_existing_namespace != before.require_existing_namespace {
            tenant.require_existing_namespace = Some(self.require_existing_namespace);
        }
        if self.outputs_in_internal_storage != before.outputs_in_internal_storage {
            tenant.outputs_in_internal_storage = Some(self.outputs_in_internal_storage);
        }
        if problems.is_empty() {
            Ok(tenant)
        } else {
            Err(problems)
        }
    }

    /// The selector, keeping fields of the original the form does not show; none when empty.
    fn selector(&self, original: &Tenant, problems: &mut Problems) -> Option<WorkerSelector> {
        if let Err(message) = rules::worker_tags(&self.tags) {
            problems.push(("defaultWorkerSelector.tags".into(), message));
        }
        let other = original
            .default_worker_selector
            .as_ref()
            .map(|s| s.other.clone())
            .unwrap_or_default();
        let selector = WorkerSelector {
            tags: (!self.tags.is_empty()).then(|| self.tags.clone()),
            matches: self.matches,
            fallback: self.fallback,
            other,
        };
        (selector != WorkerSelector::default()).then_some(selector)
    }

    fn concurrency(&self, original: &Tenant, problems: &mut Problems) -> Option<Concurrency> {
        let typed = self.concurrency_limit.trim();
        if typed.is_empty() {
            return None;
        }
        let limit = match typed.parse::<i32>() {
            Ok(limit) => limit,
            Err(_) => {
                problems.push(("concurrency.limit".into(), "Enter a whole number.".into()));
                return None;
            }
        };
        if let Err(message) = rules::concurrency_limit(limit.into()) {
            problems.push(("concurrency.limit".into(), message));
        }
        Some(Concurrency {
            limit,
            behavior: self
                .concurrency_behavior
                .unwrap_or(ConcurrencyBehavior::Queue),
            other: original
                .concurrency
                .as_ref()
                .map(|c| c.other.clone())
                .unwrap_or_default(),
        })
    }

    fn quotas(&self, problems: &mut Problems) -> Option<Vec<Quota>> {
        let quotas: Vec<Quota> = self
            .quotas
            .iter()
            .enumerate()
            .map(|(i, row)| {
                if let Err(message) = rules::duration_secs(&row.duration) {
                    problems.push((format!("quotas[{i}].duration"), message));
                }
                let limit = row.limit.trim().parse::<i64>().unwrap_or(0);
                if let Err(message) = rules::quota_limit(limit) {
                    problems.push((format!("quotas[{i}].limit"), message));
                }
                Quota {
                    duration: row.duration.trim().to_owned(),
                    limit,
                    behavior: row.behavior,
                    other: row.other.clone(),
                }
            })
            .collect();
        (!quotas.is_empty()).then_some(quotas)
    }
}

impl Backend {
    fn read(kind: &Option<String>, configuration: &Option<Map<String, Value>>) -> Backend {
        Backend {
            kind: kind.clone().unwrap_or_default(),
            entries: configuration
                .iter()
                .flatten()
                .map(|(key, value)| Entry {
                    key: key.clone(),
                    value: match value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    },
                })
                .collect(),
        }
    }

    /// The backend's type and configuration. An entry whose text did not change keeps its
    /// original JSON value; changed text is sent as JSON when it is a JSON object or array
    /// (Kestra's document types configuration values as objects), as a string otherwise.
    /// `prefix` is `storage` or `secret`, as in `storageType` / `secretConfiguration`.
    fn write(
        &self,
        old: &Option<Map<String, Value>>,
        prefix: &str,
        problems: &mut Problems,
    ) -> (Option<String>, Option<Map<String, Value>>) {
        let kind = self.kind.trim();
        let mut configuration = Map::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let key = entry.key.trim();
            if key.is_empty() {
                if !entry.value.trim().is_empty() {
                    problems.push((
                        format!("{prefix}Configuration[{i}]"),
                        "Give this value a key.".into(),
                    ));
                }
                continue;
            }
            let kept = old
                .as_ref()
                .and_then(|old| old.get(key))
                .filter(|value| Backend::read_value(value) == entry.value);
            let value = kept
                .cloned()
                .unwrap_or_else(|| Backend::typed_value(&entry.value));
            configuration.insert(key.to_owned(), value);
        }
        if kind.is_empty() && !configuration.is_empty() {
            problems.push((
                format!("{prefix}Type"),
                "Choose the backend's type: its configuration means nothing without one.".into(),
            ));
        }
        (
            (!kind.is_empty()).then(|| kind.to_owned()),
            (!configuration.is_empty()).then_some(configuration),
        )
    }

    fn read_value(value: &Value) -> String {
        match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }

    fn typed_value(text: &str) -> Value {
        let trimmed = text.trim();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && let Ok(json) = serde_json::from_str(trimmed)
        {
            return json;
        }
        Value::String(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A tenant with every field of the document's `Tenant` set, as a real Kestra 2.x sends it.
    fn every_field() -> Value {
        json!({
            "id": "prod", "name": "Production", "deleted": false,
            "storageIsolation": {"enabled": true, "deniedServices": ["WORKER", "EXECUTOR"]},
            "secretIsolation": {"enabled": false, "deniedServices": []},
            "defaultWorkerSelector": {"tags": ["eu", "gpu"], "match": "ANY", "fallback": "WAIT"},
            "concurrency": {"limit": 50, "behavior": "QUEUE"},
            "storageType": "s3",
            "storageConfiguration": {"bucket": {"name": "kestra-prod"}, "region": {"id": "eu-west-1"}},
            "secretType": "vault", "secretReadOnly": true,
            "secretConfiguration": {"address": {"url": "https://vault:8200"}},
            "requireExistingNamespace": true, "outputsInInternalStorage": true,
            "appCatalogConfig": {"title": "Apps", "titleColor": "#000", "primaryColor": "#123",
                "backgroundColor": "#fff", "tileColor": "#eee", "buttonTextColor": "#111"},
            "settings": {"dashboard": {"defaultDashboard": "ops"}},
            "sdkDefaultAuthentication": {"type": "API_TOKEN"},
            "quotas": [{"duration": "P1D", "limit": 1000, "behavior": "FAIL"},
                       {"duration": "PT1H", "limit": 100, "behavior": "CANCEL"}]
        })
    }

    /// One change a form makes.
    type Edit = Box<dyn FnOnce(&mut TenantSettings)>;

    fn saved_after(edit: impl FnOnce(&mut TenantSettings)) -> Result<Value, Problems> {
        let original: Tenant = serde_json::from_value(every_field()).unwrap();
        let before = TenantSettings::read(&original);
        let mut form = before.clone();
        edit(&mut form);
        form.apply(&original, &before)
            .map(|tenant| serde_json::to_value(tenant).unwrap())
    }

    /// The fields of `after` that differ from [`every_field`].
    fn changed(after: &Value) -> Vec<String> {
        let before = every_field();
        let (before, after) = (before.as_object().unwrap(), after.as_object().unwrap());
        let mut keys: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|key| before.get(key) != after.get(key))
            .collect()
    }

    #[test]
    fn saving_without_a_change_sends_the_tenant_back_unchanged() {
        assert_eq!(saved_after(|_| {}).unwrap(), every_field());
    }

    #[test]
    fn editing_the_name_changes_only_the_name() {
        let saved = saved_after(|form| form.name = " Prod EU ".into()).unwrap();
        assert_eq!(changed(&saved), ["name"]);
        assert_eq!(saved["name"], "Prod EU");
    }

    #[test]
    fn editing_the_selector_keeps_its_other_fields_and_everything_else() {
        let saved = saved_after(|form| form.tags.push("arm64".into())).unwrap();
        assert_eq!(changed(&saved), ["defaultWorkerSelector"]);
        assert_eq!(
            saved["defaultWorkerSelector"],
            json!({"tags": ["eu", "gpu", "arm64"], "match": "ANY", "fallback": "WAIT"})
        );
        let cleared = saved_after(|form| {
            form.tags.clear();
            form.matches = None;
            form.fallback = None;
        })
        .unwrap();
        assert_eq!(cleared.get("defaultWorkerSelector"), None);
    }

    #[test]
    fn an_edited_configuration_value_keeps_the_others_as_they_were() {
        let saved = saved_after(|form| {
            form.storage.entries.push(Entry {
                key: "endpoint".into(),
                value: "https://s3.eu".into(),
            })
        })
        .unwrap();
        assert_eq!(changed(&saved), ["storageConfiguration"]);
        assert_eq!(
            saved["storageConfiguration"],
            json!({"bucket": {"name": "kestra-prod"}, "region": {"id": "eu-west-1"}, "endpoint": "https://s3.eu"})
        );
    }

    #[test]
    fn each_switch_and_limit_changes_only_its_own_field() {
        let cases: Vec<(&str, Edit)> = vec![
            (
                "concurrency",
                Box::new(|f| f.concurrency_limit = "10".into()),
            ),
            ("quotas", Box::new(|f| f.quotas.remove(1).limit.clear())),
            ("secretReadOnly", Box::new(|f| f.secret_read_only = false)),
            (
                "requireExistingNamespace",
                Box::new(|f| f.require_existing_namespace = false),
            ),
            (
                "outputsInInternalStorage",
                Box::new(|f| f.outputs_in_internal_storage = false),
            ),
            ("secretType", Box::new(|f| f.secret.kind = "aws".into())),
        ];
        for (field, edit) in cases {
            let saved = saved_after(edit).unwrap();
            assert_eq!(changed(&saved), [field], "{field}");
        }
    }

    #[test]
    fn bad_input_names_its_field_and_sends_nothing() {
        let cases: Vec<(&str, Edit)> = vec![
            (
                "quotas[0].limit",
                Box::new(|f| f.quotas[0].limit = "0".into()),
            ),
            (
                "quotas[1].duration",
                Box::new(|f| f.quotas[1].duration = "1 day".into()),
            ),
            (
                "defaultWorkerSelector.tags",
                Box::new(|f| f.tags.push("Not_A_Label".into())),
            ),
            (
                "concurrency.limit",
                Box::new(|f| f.concurrency_limit = "0".into()),
            ),
            ("secretType", Box::new(|f| f.secret.kind = " ".into())),
            ("name", Box::new(|f| f.name = "  ".into())),
        ];
        for (field, edit) in cases {
            let problems = saved_after(edit).unwrap_err();
            assert_eq!(problems.len(), 1, "{field}: {problems:?}");
            assert_eq!(problems[0].0, field);
        }
    }

    #[test]
    fn a_new_tenant_sends_only_what_was_filled_in() {
        let before = TenantSettings::default();
        let mut form = before.clone();
        form.name = "Dev".into();
        form.tags = vec!["eu".into()];
        let original = Tenant {
            id: "dev".into(),
            ..Default::default()
        };
        let tenant = form.apply(&original, &before).unwrap();
        assert_eq!(
            serde_json::to_value(tenant).unwrap(),
            json!({"id": "dev", "name": "Dev", "deleted": false, "defaultWorkerSelector": {"tags": ["eu"]}})
        );
    }
}
