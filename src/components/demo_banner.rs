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
    move || {
        shown().map(|demo| {
            view! {
                <div class="demo-banner" role="note">
                    <p>
                        <strong>"Demo sandbox. "</strong>
                        {format!(
                            "All data is restored every {}; the next reset is at {}.",
                            every(demo.reset_interval_seconds),
                            local_time(&demo.next_reset_at),
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

/// An RFC 3339 timestamp as the user's local `HH:MM`.
fn local_time(timestamp: &str) -> String {
    let date = js_sys::Date::new(&timestamp.into());
    if date.get_time().is_nan() {
        return timestamp.to_string();
    }
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

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
