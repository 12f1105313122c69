//! A moment shown in the viewer's own time zone and language, with the exact RFC 3339 time
//! in `<time datetime>` and on hover.

use leptos::prelude::*;

/// `<time>` of `iso`, written in the viewer's local time.
#[component]
pub fn LocalTime(
    /// The moment, RFC 3339 (as the server sends it).
    #[prop(into)]
    iso: String,
) -> impl IntoView {
    let shown = local(&iso);
    view! { <time datetime=iso.clone() title=iso>{shown}</time> }
}

/// `iso` in the viewer's locale and time zone ("12/2/2026, 11:05:03 AM"); `iso` itself when
/// the browser cannot read it.
pub fn local(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let language = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into());
    date.to_locale_string(&language, &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// The instant a local day starts (`2026-01-31` → RFC 3339 in UTC), or the last second of
/// it with `end`: what a date filter sends. `None` when `day` is not a date.
pub fn day_bound(day: &str, end: bool) -> Option<String> {
    let time = if end { "T23:59:59.999" } else { "T00:00:00" };
    // Without a zone, `Date` reads a date-time as local time.
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&format!("{day}{time}")));
    if date.get_time().is_nan() {
        return None;
    }
    Some(String::from(date.to_iso_string()))
}
