//! The banner of a demo sandbox (`--demo-reset`): says the data is demo data and when it is
//! restored, so nobody is surprised when their changes disappear. Dismissed until the next reset.

use kestra_model::SandboxDemo;
use leptos::prelude::*;

const DISMISSED_KEY: &str = "kestra-admin.demo-banner-dismissed";

/// Shows the banner while `demo` is set and the user has not dismissed it for this reset.
#[component]
pub fn DemoBanner(#[prop(into)] demo: Signal<Option<SandboxDemo>>) -> impl IntoView {
    let dismissed =
        RwSignal::new(session_storage().and_then(|s| s.get_item(DISMISSED_KEY).ok().flatten()));
    let shown = move || {
        demo.get()
            .filter(|d| dismissed.get().as_deref() != Some(d.next_reset_at.as_str()))
    };
    let dismiss = move |_| {
        if let Some(demo) = demo.get_untracked() {
            if let Some(storage) = session_storage() {
                let _ = storage.set_item(DISMISSED_KEY, &demo.next_reset_at);
            }
            dismissed.set(Some(demo.next_reset_at));
        }
    };
    // The server's `nextResetAt` was true when the page loaded; a clock keeps the announced
    // time right across resets without asking the server again.
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(clock) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(5),
    ) {
        on_cleanup(move || clock.clear());
    }
    move || {
        shown().map(|demo| {
            let next = upcoming_reset(
                parse_millis(&demo.next_reset_at),
                demo.reset_interval_seconds,
                now.get(),
            );
            view! {
                <div class="demo-banner" role="note">
                    <p>
                        <strong>"Demo sandbox. "</strong>
                        {format!(
                            "All data is restored every {}; the next reset is at {}.",
                            every(demo.reset_interval_seconds),
                            next.map(local_time).unwrap_or_else(|| demo.next_reset_at.clone()),
                        )}
                    </p>
                    <button type="button" class="ghost" aria-label="Dismiss the demo notice" on:click=dismiss>"×"</button>
                </div>
            }
        })
    }
}

/// `3600` is "hour", `1800` "30 minutes", `90` "90 seconds".
pub fn every(seconds: u64) -> String {
    match seconds {
        s if s % 86_400 == 0 => plural(s / 86_400, "day"),
        s if s % 3_600 == 0 => plural(s / 3_600, "hour"),
        s if s % 60 == 0 => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        unit.to_string()
    } else {
        format!("{n} {unit}s")
    }
}

/// The first reset at or after `now`, all in milliseconds since the epoch: `first`, or a whole
/// number of intervals after it once it has passed.
pub fn upcoming_reset(first: Option<f64>, interval_seconds: u64, now: f64) -> Option<f64> {
    let first = first?;
    let interval = interval_seconds as f64 * 1000.0;
    if now <= first || interval <= 0.0 {
        return Some(first);
    }
    Some(first + ((now - first) / interval).ceil() * interval)
}

/// An RFC 3339 timestamp in milliseconds since the epoch.
fn parse_millis(timestamp: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(timestamp);
    (!millis.is_nan()).then_some(millis)
}

/// A time as the user's local `HH:MM`.
fn local_time(millis: f64) -> String {
    let date = js_sys::Date::new(&millis.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announced_reset_moves_on_by_whole_intervals_once_passed() {
        assert_eq!(upcoming_reset(Some(10_000.0), 60, 5_000.0), Some(10_000.0));
        assert_eq!(upcoming_reset(Some(10_000.0), 60, 10_000.0), Some(10_000.0));
        assert_eq!(upcoming_reset(Some(10_000.0), 60, 10_001.0), Some(70_000.0));
        assert_eq!(
            upcoming_reset(Some(10_000.0), 60, 130_000.0),
            Some(130_000.0)
        );
        assert_eq!(upcoming_reset(None, 60, 1.0), None);
    }

    #[test]
    fn the_reset_interval_reads_as_words() {
        assert_eq!(every(3_600), "hour");
        assert_eq!(every(7_200), "2 hours");
        assert_eq!(every(1_800), "30 minutes");
        assert_eq!(every(86_400), "day");
        assert_eq!(every(90), "90 seconds");
        assert_eq!(every(60), "minute");
    }
}
