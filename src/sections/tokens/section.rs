//! The token list of one owner, with create (the full token revealed once) and revoke.

use kestra_model::ApiToken;
use leptos::prelude::*;

use crate::api::{self, api_tokens::Owner};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::token_reveal::TokenReveal;
use crate::hooks::submit::{could_not, use_confirmed};

use super::create::CreateTokenDialog;

/// Lists `owner`'s tokens and lets the user create and revoke them.
#[component]
pub fn TokenSection(
    /// Whose tokens.
    owner: Owner,
    /// Whether the signed-in person may create and delete them (a Viewer sees them only).
    #[prop(optional, into)]
    read_only: Signal<bool>,
) -> impl IntoView {
    let owner = StoredValue::new(owner);
    let tokens = LocalResource::new(move || {
        let owner = owner.get_value();
        async move { api::api_tokens::list(&owner).await }
    });
    let create_open = RwSignal::new(false);
    let revealed = RwSignal::new(None::<(String, String)>);
    let on_created = Callback::new(move |(name, full): (String, String)| {
        create_open.set(false);
        revealed.set(Some((name, full)));
        tokens.refetch();
    });

    let to_delete = RwSignal::new(None::<ApiToken>);
    let deleted_name = move || {
        to_delete
            .get_untracked()
            .map(|t| t.name)
            .unwrap_or_default()
    };
    let remove = use_confirmed(
        RwSignal::new(false),
        move |token_id: &String| {
            let (owner, token_id) = (owner.get_value(), token_id.clone());
            async move { api::api_tokens::delete(&owner, &token_id).await }
        },
        move || {
            tokens.refetch();
            format!("Token “{}” deleted", deleted_name())
        },
        could_not("delete the token"),
    );

    view! {
        <section class="tokens">
            <header class="section-header">
                <h2>"API tokens"</h2>
                <Show when=move || !read_only.get()>
                    <button type="button" class="primary" on:click=move |_| create_open.set(true)>"New token"</button>
                </Show>
            </header>
            {move || match tokens.get() {
                None => view! { <p class="muted" role="status">"Loading tokens…"</p> }.into_any(),
                Some(Err(error)) => view! {
                    <div class="alert error" role="alert">{error.user_message()} " "
                        <button type="button" on:click=move |_| tokens.refetch()>"Retry"</button></div>
                }.into_any(),
                Some(Ok(list)) if list.results.is_empty() => view! { <p class="muted">"No tokens yet."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Description"</th><th scope="col">"Created"</th>
                            <th scope="col">"Expires"</th><th scope="col">"Status"</th><th scope="col"></th>
                        </tr></thead>
                        <tbody>
                            {list.results.into_iter().map(|token| {
                                let label = format!("Delete token {}", token.name);
                                let row = token.clone();
                                view! {
                                    <tr>
                                        <td><code>{token.name.clone()}</code></td>
                                        <td class="muted">{token.description.clone().unwrap_or_default()}</td>
                                        <td>{day(&token.iat)}</td>
                                        <td>{token.exp.as_deref().map(day).unwrap_or_else(|| "Never".into())}</td>
                                        <td>{if token.expired { view! { <span class="badge error">"Expired"</span> }.into_any() } else { view! { <span class="badge">"Active"</span> }.into_any() }}</td>
                                        <td><Show when=move || !read_only.get()>
                                            <button type="button" class="ghost danger-text" aria-label=label.clone()
                                                on:click={
                                                    let row = row.clone();
                                                    move |_| { to_delete.set(Some(row.clone())); remove.open.set(true); }
                                                }>"Delete"</button>
                                        </Show></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            <CreateTokenDialog open=create_open owner=owner.get_value() on_created=on_created/>
            <TokenReveal token=revealed/>
            <ConfirmDialog open=remove.open
                title=Signal::derive(move || format!("Delete token “{}”?", to_delete.get().map(|t| t.name).unwrap_or_default()))
                message="Anything still using it is refused from now on. This cannot be undone."
                confirm_label="Delete token" pending=remove.action.pending()
                on_confirm=Callback::new(move |()| if let Some(token) = to_delete.get_untracked() { remove.action.dispatch(token.id); })/>
        </section>
    }
}

/// `2025-01-31T09:30:00Z` shown as `2025-01-31 09:30 UTC`: no date library in the bundle.
fn day(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}
