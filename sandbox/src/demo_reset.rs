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

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::task::JoinHandle;

use crate::auth::hash_password;
use crate::state::AppState;

/// When the demo data is restored: every `interval`, the next time at `next`.
pub struct Schedule {
    interval: Duration,
    next: Mutex<SystemTime>,
}

impl Schedule {
    /// A schedule whose first reset is one `interval` from now.
    pub fn starting_now(interval: Duration) -> Schedule {
        Schedule {
            interval,
            next: Mutex::new(SystemTime::now() + interval),
        }
    }

    pub fn interval_secs(&self) -> u64 {
        self.interval.as_secs()
    }

    /// The next reset, in seconds since the Unix epoch (rounded up, so it is never earlier
    /// than the reset).
    pub fn next_reset_secs(&self) -> i64 {
        let next = *self.next.lock().unwrap_or_else(|p| p.into_inner());
        let since_epoch = next.duration_since(UNIX_EPOCH).unwrap_or_default();
        let rounded_up = since_epoch.as_secs() + u64::from(since_epoch.subsec_nanos() > 0);
        i64::try_from(rounded_up).unwrap_or(i64::MAX)
    }

    /// Moves the next reset one interval on (so the schedule does not drift by the time each
    /// reset takes) or, when that time is already past (the machine slept), one interval from
    /// now.
    fn advance(&self) {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        let now = SystemTime::now();
        let upcoming = *next + self.interval;
        *next = if upcoming > now {
            upcoming
        } else {
            now + self.interval
        };
    }

    fn until_next(&self) -> Duration {
        let next = *self.next.lock().unwrap_or_else(|p| p.into_inner());
        next.duration_since(SystemTime::now()).unwrap_or_default()
    }
}

/// Parses `90s`, `30m`, `1h`, `2d` or a sum such as `1h30m`: the `--demo-reset` flag.
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    const EXPECTED: &str = "expected a duration such as 90s, 30m, 1h or 1h30m";
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            _ => return Err(format!("{text:?}: unknown unit {c:?}; {EXPECTED}")),
        };
        let amount: u64 = digits
            .parse()
            .map_err(|_| format!("{text:?}: a number must come before {c:?}; {EXPECTED}"))?;
        total = amount
            .checked_mul(unit)
            .and_then(|secs| total.checked_add(secs))
            .ok_or_else(|| format!("{text:?} is too long"))?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!("{text:?}: the number needs a unit; {EXPECTED}"));
    }
    if total == 0 {
        return Err(format!("{text:?}: must be at least one second; {EXPECTED}"));
    }
    Ok(Duration::from_secs(total))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_like_durations() {
        for (text, secs) in [
            ("90s", 90),
            ("30m", 1_800),
            ("1h", 3_600),
            ("1h30m", 5_400),
            ("2d", 172_800),
        ] {
            assert_eq!(
                parse_interval(text),
                Ok(Duration::from_secs(secs)),
                "{text}"
            );
        }
        for text in ["", "0s", "90", "1x", "h", "1.5h", "-1h", "PT1H"] {
            assert!(parse_interval(text).is_err(), "{text} was accepted");
        }
    }
}
