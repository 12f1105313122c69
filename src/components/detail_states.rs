//! The states every detail page goes through: loading, not found, failed, and loaded, below the
//! link back to the page's list.

use leptos::prelude::*;

use crate::api::ApiError;

/// Shows the link back to the list, then "Loading …", a "… not found" card with a way back,
/// or the error, and hands the item to `render` once it is there.
#[component]
pub fn DetailStates<T, F>(
    /// The item: `None` while loading, `Some(Ok(None))` when the server says it does not exist.
    #[prop(into)]
    item: Signal<Option<Result<Option<T>, ApiError>>>,
    /// What the item is, in lower case ("service account").
    noun: &'static str,
    /// Why it may be missing, shown in the not-found card.
    why_missing: &'static str,
    /// The list page to go back to.
    #[prop(into)]
    back: Signal<String>,
    /// That list's name, in lower case ("service accounts").
    back_label: &'static str,
    /// Renders the loaded item.
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    let title = capitalized(noun);
    let back_link = format!("← {}", capitalized(back_label));
    let states = move || match item.get() {
        None => {
            view! { <p class="muted" role="status">{format!("Loading {noun}…")}</p> }.into_any()
        }
        Some(Ok(None)) => view! {
            <div class="card" role="alert">
                <h1>{format!("{title} not found")}</h1>
                <p>{why_missing} " " <a href=back>{format!("Back to the {back_label}")}</a></p>
            </div>
        }
        .into_any(),
        Some(Err(error)) => {
            view! { <p class="alert error" role="alert">{error.user_message()}</p> }.into_any()
        }
        Some(Ok(Some(found))) => render(found),
    };
    view! {
        <p><a href=back>{back_link}</a></p>
        {states}
    }
}

/// "service accounts" as a title or link starts: "Service accounts".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
