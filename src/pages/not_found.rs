//! The page for any URL the console does not know.

use leptos::prelude::*;

use crate::config::RuntimeConfig;

/// A real 404 page with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let home = expect_context::<RuntimeConfig>().base_path;
    view! {
        <main class="centered">
            <div class="card">
                <h1>"Page not found"</h1>
                <p>"There is nothing at this address. It may have been mistyped, or the item was deleted."</p>
                <a class="button" href=home>"Go to the console"</a>
            </div>
        </main>
    }
}
