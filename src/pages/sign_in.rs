//! `/ui/login`: sign in with an email and password, or with an API token.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::Credentials;
use crate::components::submit_button::SubmitButton;
use crate::host::{Host, HostRefusal};
use crate::routes::{self, SignInMethod, use_sign_in_method};
use crate::session::{Keep, use_session};

/// The sign-in form, or in embedded mode the wait for the host's token.
#[component]
pub fn SignIn() -> impl IntoView {
    if expect_context::<crate::config::RuntimeConfig>().embedded {
        view! { <WaitForHost/> }.into_any()
    } else {
        view! { <SignInForm/> }.into_any()
    }
}

/// Asks the host page for a token and goes back where the user was once it works: an
/// embedded console never shows its own sign-in form.
#[component]
fn WaitForHost() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let refused = expect_context::<HostRefusal>().0;
    expect_context::<Host>().send("token-request", serde_json::json!({}));
    Effect::new(move |_| {
        if session.me.read().is_some() {
            navigate(
                &redirect_target(&query.read_untracked()),
                Default::default(),
            );
        }
    });
    view! {
        <main class="centered">
            <div class="card" role="status">
                <h1>"Signing you in…"</h1>
                <p class="muted">"Waiting for the portal to hand over your sign-in."</p>
                {move || refused.get().map(|reason| view! { <p class="error" role="alert">{reason}</p> })}
            </div>
        </main>
    }
}

/// Where to go after signing in: the `redirect` query parameter when it is a console path.
fn redirect_target(query: &leptos_router::params::ParamsMap) -> String {
    query
        .get("redirect")
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".into())
}

/// The form for an email and password, or an API token.
#[component]
fn SignInForm() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    // In the URL, so a reload keeps the tab (and what it asks for).
    let method = use_sign_in_method();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);

    let submit = Action::new_local(move |credentials: &Credentials| {
        let credentials = credentials.clone();
        let keep = if remember.get_untracked() {
            Keep::Remembered
        } else {
            Keep::Tab
        };
        async move { session.sign_in(credentials, keep).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            navigate(
                &redirect_target(&query.read_untracked()),
                Default::default(),
            );
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let credentials = match method.get_untracked() {
            SignInMethod::Password => Credentials::Basic {
                username: username.get_untracked().trim().to_string(),
                password: password.get_untracked(),
            },
            SignInMethod::Token => Credentials::Token(token.get_untracked().trim().to_string()),
        };
        submit.dispatch(credentials);
    };
    let error = move || submit.value().get().and_then(Result::err);
    let to_tab = use_navigate();
    let open_tab = move |m: SignInMethod| {
        let redirect = query.read_untracked().get("redirect");
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        to_tab(&routes::login_with(redirect.as_deref(), m), options);
    };
    let tab = move |m: SignInMethod, label: &'static str| {
        let open_tab = open_tab.clone();
        view! {
            <button type="button" role="tab" aria-selected=move || (method.get() == m).to_string()
                class:active=move || method.get() == m on:click=move |_| open_tab(m)>{label}</button>
        }
    };

    view! {
        <main class="centered">
            <form class="card sign-in" on:submit=on_submit>
                <h1>"Sign in to Kestra"</h1>
                <div class="tabs" role="tablist" aria-label="Sign-in method">
                    {tab(SignInMethod::Password, "Password")}
                    {tab(SignInMethod::Token, "API token")}
                </div>
                <Show when=move || method.get() == SignInMethod::Password fallback=move || view! {
                    <label>"API token"
                        <input type="password" autocomplete="off" required bind:value=token/>
                    </label>
                }>
                    <label>"Email"
                        <input type="text" autocomplete="username" required bind:value=username/>
                    </label>
                    <label>"Password"
                        <input type="password" autocomplete="current-password" required bind:value=password/>
                    </label>
                </Show>
                <label class="check">
                    <input type="checkbox" bind:checked=remember/>
                    "Remember me on this device"
                </label>
                {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <SubmitButton label="Sign in" pending_label="Signing in…" pending=submit.pending()/>
            </form>
        </main>
    }
}

/// Only paths inside the console are followed after sign-in, never another site.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert!(is_local_path("/dev/admin/users"));
        assert!(!is_local_path("//evil.example.com"));
        assert!(!is_local_path("https://evil.example.com"));
        assert!(!is_local_path("dev"));
    }
}
