//! The signed-in user's name and the sign-out button, at the right of the header.

use leptos::prelude::*;

/// Shows who is signed in and offers to sign out.
#[component]
pub fn UserMenu(
    /// The name to show.
    #[prop(into)]
    name: Signal<String>,
    /// Where "My API tokens" leads (the current tenant's page for them).
    #[prop(optional, into)]
    tokens_href: MaybeProp<String>,
    /// Where the name leads: the person's own profile, when there is one to show.
    #[prop(optional, into)]
    profile_href: MaybeProp<String>,
    /// Called when the user signs out.
    on_sign_out: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="user-menu">
            {move || match profile_href.get() {
                Some(link) => view! {
                    <a class="user-name" href=link title="My profile">{move || name.get()}</a>
                }.into_any(),
                None => view! {
                    <span class="user-name" title="Signed in as">{move || name.get()}</span>
                }.into_any(),
            }}
            {move || tokens_href.get().map(|link| view! { <a href=link>"My API tokens"</a> })}
            <button type="button" class="ghost" on:click=move |_| on_sign_out.run(())>"Sign out"</button>
        </div>
    }
}
