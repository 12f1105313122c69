//! Sending a bulk change: a role in one all-or-nothing request, anything else one request per
//! row, [`AT_ONCE`] at a time, counting each answer into the progress bar.

use futures::stream::{self, StreamExt};
use kestra_model::bulk::{self, BulkChange, Outcome, Subjects};
use leptos::prelude::*;

use crate::api::{self, ApiError};

/// How many one-by-one requests are in flight at once: enough to finish hundreds in seconds,
/// few enough not to crowd out the rest of the page (or a real server).
pub const AT_ONCE: usize = 4;

/// `POST /{tenant}/bindings/bulk` for a role given to `ids`; `Err` with the server's reason
/// when it refused (and then nothing changed).
pub async fn all_at_once(
    tenant: &str,
    subjects: Subjects,
    change: &BulkChange,
    ids: &[String],
) -> Result<(), String> {
    let BulkChange::GiveRole {
        role_id,
        namespaces,
        ..
    } = change
    else {
        return Err("This change is not made in one request.".into());
    };
    let body = bulk::bindings_body(subjects, ids, role_id, namespaces);
    api::bindings::bulk_create(tenant, &body)
        .await
        .map(drop)
        .map_err(|e| e.user_message())
}

/// Makes `change` to each of `items` (`(id, name)`), [`AT_ONCE`] at a time; `progress` counts
/// the answers as they come.
pub async fn one_by_one(
    tenant: &str,
    subjects: Subjects,
    change: &BulkChange,
    items: Vec<(String, String)>,
    progress: RwSignal<Option<(usize, usize)>>,
) -> Outcome {
    let results: Vec<_> = stream::iter(items)
        .map(|(id, label)| async move {
            let result = one(tenant, subjects, change, &id)
                .await
                .map_err(|e| e.user_message());
            progress.update(|p| {
                if let Some((done, _)) = p {
                    *done += 1;
                }
            });
            (id, label, result)
        })
        .buffer_unordered(AT_ONCE)
        .collect()
        .await;
    Outcome::split(results)
}

/// The change for one row.
async fn one(
    tenant: &str,
    subjects: Subjects,
    change: &BulkChange,
    id: &str,
) -> Result<(), ApiError> {
    match change {
        BulkChange::AddToGroup { group_id, .. } => api::groups::add_member(tenant, group_id, id)
            .await
            .map(drop),
        BulkChange::RemoveFromGroup { group_id, .. } => {
            api::groups::remove_member(tenant, group_id, id).await
        }
        BulkChange::RemoveAccess { .. } => api::tenant_access::revoke(tenant, id).await,
        BulkChange::GiveRole {
            role_id,
            namespaces,
            ..
        } => {
            // A role normally goes in one request ([`all_at_once`]); row by row it is one
            // binding per namespace.
            let body = bulk::bindings_body(subjects, &[id.to_string()], role_id, namespaces);
            for request in &body {
                api::bindings::create(tenant, request).await?;
            }
            Ok(())
        }
    }
}
