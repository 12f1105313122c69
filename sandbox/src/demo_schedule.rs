//! When `--demo-reset` restores the demo data: the flag's interval, read by `settings`, and the
//! time of the next reset, kept in `AppState`, reported by `GET /api/v1/configs` and moved on by
//! `demo_reset` after each reset.
//!
//! It is apart from `demo_reset` so that the settings and the shared state, which `demo_reset`
//! itself builds on, can name the schedule without importing the task that uses it.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    pub fn advance(&self) {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        let now = SystemTime::now();
        let upcoming = *next + self.interval;
        *next = if upcoming > now {
            upcoming
        } else {
            now + self.interval
        };
    }

    pub fn until_next(&self) -> Duration {
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
