//! `/api/v1/{tenant}/worker-selectors`: the tags of the instance's worker queues.

use kestra_model::tenant::WorkerSelectorTags;

use super::ApiError;
use super::client;

/// `GET /api/v1/{tenant}/worker-selectors/tags`: the tags a selector of `tenant` can use.
pub async fn tags(tenant: &str) -> Result<Vec<String>, ApiError> {
    let answer: WorkerSelectorTags =
        client::get(&client::tenant(tenant, &["worker-selectors", "tags"])).await?;
    Ok(answer.tags)
}
