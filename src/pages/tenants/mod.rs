//! The instance's tenants (instance owners only): the list, the create form, and a tenant's
//! page with edit and delete. The tenant picker's list is refreshed after each change.

mod create;
mod detail;
mod fields;
mod list;
mod settings;

pub use create::TenantCreate;
pub use detail::TenantDetailPage;
pub use list::TenantList;

use kestra_model::Tenant;
use kestra_model::tenant::WorkerSelectorMatch;
use leptos::prelude::*;

use crate::api::{self, ApiError};

/// The worker tags a tenant's tasks run on by default, for the list: "eu, gpu (any)".
pub fn worker_tags(tenant: &Tenant) -> String {
    let Some(selector) = &tenant.default_worker_selector else {
        return String::new();
    };
    let tags = selector.tags.as_deref().unwrap_or_default().join(", ");
    match selector.matches {
        Some(WorkerSelectorMatch::Any) if !tags.is_empty() => format!("{tags} (any)"),
        _ => tags,
    }
}

/// The tags offered in the worker-selector field: the ones the instance's workers use, as
/// `tenant` sees them; none (free entry only) when the server does not say.
pub fn use_known_tags(tenant: Signal<String>) -> Signal<Vec<String>> {
    let tags = LocalResource::new(move || {
        let tenant = tenant.get();
        async move { api::worker_selectors::tags(&tenant).await }
    });
    Signal::derive(move || tags.get().and_then(Result::ok).unwrap_or_default())
}

/// Whether the form shows every part of `error` at one of its fields (a 422 on a path it
/// edits); otherwise the error is said in a notice too, so nothing the server says is lost.
pub fn shown_at_a_field(error: &ApiError) -> bool {
    let ApiError::Invalid { fields, .. } = error else {
        return false;
    };
    !fields.is_empty()
        && fields
            .iter()
            .all(|field| field.path.as_deref().is_some_and(is_a_form_path))
}

fn is_a_form_path(path: &str) -> bool {
    let quota_field = path
        .strip_prefix("quotas[")
        .and_then(|rest| rest.split_once("]."))
        .is_some_and(|(i, field)| {
            i.parse::<usize>().is_ok() && ["limit", "duration"].contains(&field)
        });
    quota_field
        || path.starts_with("defaultWorkerSelector.tags")
        || [
            "id",
            "name",
            "concurrency.limit",
            "storageType",
            "secretType",
        ]
        .contains(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_shows_the_tags_and_says_when_any_one_is_enough() {
        let tenant = |selector: &str| -> Tenant {
            serde_json::from_str(&format!(
                r#"{{"id":"dev","name":"Dev","defaultWorkerSelector":{selector}}}"#
            ))
            .unwrap()
        };
        assert_eq!(worker_tags(&tenant(r#"{"tags":["eu","gpu"]}"#)), "eu, gpu");
        assert_eq!(
            worker_tags(&tenant(r#"{"tags":["eu"],"match":"ANY"}"#)),
            "eu (any)"
        );
        assert_eq!(worker_tags(&tenant(r#"{"fallback":"WAIT"}"#)), "");
        assert_eq!(worker_tags(&tenant("null")), "");
    }

    #[test]
    fn only_errors_on_paths_the_form_shows_stay_off_the_notice() {
        for shown in [
            "name",
            "quotas[2].limit",
            "defaultWorkerSelector.tags[0]",
            "secretType",
        ] {
            assert!(is_a_form_path(shown), "{shown}");
        }
        for hidden in [
            "quotas[0]",
            "quotas[0].behavior",
            "storageIsolation.enabled",
            "concurrency",
        ] {
            assert!(!is_a_form_path(hidden), "{hidden}");
        }
    }
}
