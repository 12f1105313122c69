//! `--demo-reset`: restores the `--seed demo` data on a schedule, so a public demo never drifts
//! far from its story whatever visitors do.
//!
//! A reset is one write transaction that deletes every tenant and every user but the instance
//! owner, restores the owner's `--admin-password`, and seeds again ([`crate::seed::restore`]).
//! It runs on the one connection every request uses, behind its mutex, so a query runs either
//! before or after it and never sees half of it; with several connections, WAL would still give
//! each reader the old or the new snapshot. Building a fresh file and swapping it in would have
//! needed a way to reopen the connection under every handler, and the copy's `-wal` and `-shm`
//! files to move in step: the transaction has neither problem, and blocks requests only for the
//! few milliseconds the seed takes. The ids of demo people, groups, roles and service accounts
//! are the same after a reset, so console pages open on them keep working.

use tokio::task::JoinHandle;

use crate::state::AppState;
use crate::store::passwords::hash_password;

/// Starts restoring the demo data on `state`'s schedule (none: returns `None`). `demo_hash` is
/// the demo users' password hash; the owner's password is hashed here, once.
pub async fn spawn(
    state: AppState,
    demo_hash: String,
    owner: Option<(String, String)>,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    if state.inner.demo_schedule.is_none() {
        return Ok(None);
    }
    let owner = match owner {
        Some((email, password)) => {
            let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
            Some((email.trim().to_owned(), hash))
        }
        None => None,
    };
    Ok(Some(tokio::spawn(run(state, demo_hash, owner))))
}

async fn run(state: AppState, demo_hash: String, owner: Option<(String, String)>) {
    let Some(schedule) = state.inner.demo_schedule.as_ref() else {
        return;
    };
    loop {
        tokio::time::sleep(schedule.until_next()).await;
        let started = std::time::Instant::now();
        let demo_hash = demo_hash.clone();
        let owner = owner.clone();
        let implicit_tenant = state.inner.implicit_tenant();
        let restored = state
            .db()
            .write(move |tx| {
                crate::seed::restore(
                    tx,
                    &demo_hash,
                    owner
                        .as_ref()
                        .map(|(email, hash)| (email.as_str(), hash.as_str())),
                    implicit_tenant,
                )
            })
            .await;
        schedule.advance();
        let next = crate::ids::rfc3339(schedule.next_reset_secs());
        match restored {
            Ok(()) => tracing::info!(
                "demo data restored in {}ms; next restore at {next}",
                started.elapsed().as_millis()
            ),
            Err(err) => {
                tracing::error!("restoring the demo data failed: {err:#}; next try at {next}")
            }
        }
    }
}
