//! When a new token stops working: a preset, a date picked on a calendar, or never. The
//! choice is a radio group, so the chosen one is always visible; what the server receives
//! (`maxAge`, an ISO-8601 duration) is shown under it, never typed.

use std::sync::atomic::{AtomicU32, Ordering};

use kestra_model::rules;
use leptos::prelude::*;

use crate::components::field::Field;

/// The presets, as (radio value and `maxAge`, label).
const PRESETS: [(&str, &str); 4] = [
    ("P7D", "In 7 days"),
    ("P30D", "In 30 days"),
    ("P90D", "In 90 days"),
    ("P365D", "In 1 year"),
];
const ON_A_DATE: &str = "date";
const NEVER: &str = "never";
const DEFAULT: &str = "P30D";

/// The picker's state, owned by the form that sends the token.
#[derive(Clone, Copy)]
pub struct Expiry {
    /// The chosen radio's value: a preset's `maxAge`, [`ON_A_DATE`] or [`NEVER`].
    choice: RwSignal<String>,
    /// The picked date (`YYYY-MM-DD`), when the choice is a date.
    date: RwSignal<String>,
}

impl Expiry {
    pub fn new() -> Expiry {
        Expiry {
            choice: RwSignal::new(DEFAULT.into()),
            date: RwSignal::new(String::new()),
        }
    }

    /// The `maxAge` to send: `Ok(None)` for a token that never expires, `Err` what to fix.
    pub fn max_age(self) -> Result<Option<String>, String> {
        match self.choice.get().as_str() {
            NEVER => Ok(None),
            ON_A_DATE => {
                rules::days_until(&today(), &self.date.get()).map(|n| Some(format!("P{n}D")))
            }
            preset => Ok(Some(preset.to_string())),
        }
    }

    /// Back to the default, for the next token.
    pub fn reset(self) {
        self.choice.set(DEFAULT.into());
        self.date.set(String::new());
    }
}

impl Default for Expiry {
    fn default() -> Self {
        Expiry::new()
    }
}

/// The radio group, the date field when a date is chosen, and what will be sent.
#[component]
pub fn ExpiryPicker(
    expiry: Expiry,
    /// The server's refusal of `maxAge`, if any.
    #[prop(into)]
    server_error: Signal<Option<String>>,
) -> impl IntoView {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let group = format!("expiry-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let options = PRESETS
        .iter()
        .copied()
        .chain([(ON_A_DATE, "On a date"), (NEVER, "Never")])
        .map(|(value, label)| {
            view! {
                <label class="check">
                    <input type="radio" name=group.clone() value=value
                        prop:checked=move || expiry.choice.get() == value
                        on:change=move |_| expiry.choice.set(value.to_string())/>
                    {label}
                </label>
            }
        })
        .collect_view();
    let date_error = Signal::derive(move || {
        let picked = !expiry.date.get().is_empty();
        match expiry.max_age() {
            Err(message) if picked => Some(message),
            _ => server_error.get(),
        }
    });
    let sent = move || match expiry.max_age() {
        Ok(Some(age)) => view! { "Sent as maxAge " <code>{age}</code> "." }.into_any(),
        Ok(None) => "It never expires: sent without maxAge.".into_any(),
        Err(_) => "Pick the date it stops working.".into_any(),
    };
    view! {
        <fieldset class="expiry">
            <legend>"Expires"</legend>
            <div class="options">{options}</div>
            <Show when=move || expiry.choice.get() == ON_A_DATE>
                <Field label="Expiry date" error=date_error>
                    <input type="date" min=tomorrow() bind:value=expiry.date/>
                </Field>
            </Show>
            <p class="muted" aria-live="polite">{sent}</p>
        </fieldset>
    }
}

/// Today in the viewer's time zone, `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    day(&now)
}

/// Tomorrow, the first date the picker offers.
fn tomorrow() -> String {
    let date = js_sys::Date::new_0();
    date.set_date(date.get_date() + 1);
    day(&date)
}

fn day(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}
