//! `/ui/<tenant>/admin/my-tokens`: the signed-in user's own API tokens.

use leptos::prelude::*;

use crate::api::api_tokens::Owner;

use crate::sections::tokens::TokenSection;

/// The signed-in user's tokens.
#[component]
pub fn MyTokens() -> impl IntoView {
    view! {
        <section>
            <header class="page-header"><h1>"My API tokens"</h1></header>
            <p class="muted">"Tokens act as you, with your rights in every tenant. Keep them secret."</p>
            <TokenSection owner=Owner::Me/>
        </section>
    }
}
