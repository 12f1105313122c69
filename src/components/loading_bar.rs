//! A thin progress bar at the top of the page while requests are slow.

use leptos::prelude::*;

/// How long a request may take before the bar appears: quick answers should not flicker.
const DELAY_MS: u64 = 150;

/// Shows an indeterminate bar once some request has been in flight for over 150 ms.
#[component]
pub fn LoadingBar(
    /// How many requests are in flight.
    #[prop(into)]
    in_flight: Signal<usize>,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    Effect::new(move |_| {
        if in_flight.get() == 0 {
            visible.set(false);
        } else if !visible.get_untracked() {
            set_timeout(
                move || visible.set(in_flight.get_untracked() > 0),
                std::time::Duration::from_millis(DELAY_MS),
            );
        }
    });
    view! {
        <div class="loading-bar" role="progressbar" aria-label="Loading" hidden=move || !visible.get()></div>
    }
}
