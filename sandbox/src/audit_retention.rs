//! `--audit-retention`: deletes audit logs older than the retention in the background.
//!
//! The pruner runs at start, then once per retention period or once an hour, whichever is
//! sooner, deleting the oldest logs in batches of [`BATCH`], each batch its own transaction,
//! so a large backlog (after the flag is first set) never blocks the writer for long. No
//! endpoint deletes a log; this is the only thing besides a demo reset that does.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::ids;
use crate::state::AppState;
use crate::store::audit;

/// Logs deleted per transaction.
const BATCH: usize = 10_000;

/// Starts the pruner, if a retention is set.
pub fn spawn(state: AppState, retention: Option<Duration>) -> Option<JoinHandle<()>> {
    let retention = retention?;
    Some(tokio::spawn(async move {
        let mut every = tokio::time::interval(retention.min(Duration::from_secs(3_600)));
        loop {
            every.tick().await;
            let cutoff = ids::rfc3339(ids::now_secs() - retention.as_secs() as i64);
            match prune(&state, cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("audit retention: deleted {n} logs"),
                Err(err) => tracing::error!("audit retention: {err:#}"),
            }
        }
    }))
}

/// Deletes every log dated before `cutoff`, batch by batch; returns how many went.
async fn prune(state: &AppState, cutoff: String) -> anyhow::Result<usize> {
    let mut total = 0;
    loop {
        let cutoff = cutoff.clone();
        let deleted = state
            .db()
            .write(move |tx| audit::prune(tx, &cutoff, BATCH))
            .await?;
        total += deleted;
        if deleted < BATCH {
            return Ok(total);
        }
    }
}
