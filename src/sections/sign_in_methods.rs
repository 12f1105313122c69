//! A person's ways to sign in, for instance owners (the authentication tab of their page in a
//! tenant, and their page in the instance section): set a password, and remove a way to sign in.

use kestra_model::{User, UserAuth};
use leptos::prelude::*;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};

/// The ways to sign in, and a new password.
#[component]
pub fn UserAuthentication(
    /// The person, as instance owners see them.
    user: User,
    /// Called after a change, to reload the page's data.
    refresh: Callback<()>,
) -> impl IntoView {
    let id = StoredValue::new(user.id.clone().unwrap_or_default());
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let set_password = use_submit(
        move |password: &String| {
            let password = password.clone();
            async move { api::users::set_password(&id.get_value(), password).await }
        },
        move |_| {
            password.set(String::new());
            touched.set(false);
            refresh.run(());
            "Password set".into()
        },
        OnFailure::toast("set the password"),
    );
    let password_error = Signal::derive(move || {
        (touched.get() && password.get().is_empty()).then(|| "Type the new password.".to_string())
    });

    let to_remove = RwSignal::new(None::<UserAuth>);
    let remove = use_confirmed(
        RwSignal::new(false),
        move |auth: &String| {
            let auth = auth.clone();
            async move { api::users::delete_auth(&id.get_value(), &auth).await }
        },
        move || {
            refresh.run(());
            format!("{} removed", auth_name(to_remove.get_untracked().as_ref()))
        },
        could_not("remove it"),
    );

    let auths = user.auths.clone();
    view! {
        <section class="narrow">
            <h2>"Ways to sign in"</h2>
            {if auths.is_empty() {
                view! { <p class="muted">"None: this user cannot sign in until a password is set."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {auths.into_iter().map(|auth| {
                            let name = auth_name(Some(&auth));
                            view! {
                                <li>
                                    <span>{name.clone()}</span>
                                    <button type="button" class="ghost danger-text" aria-label=format!("Remove {name}")
                                        on:click=move |_| { to_remove.set(Some(auth.clone())); remove.open.set(true); }>"Remove"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2>"Set password"</h2>
            <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                touched.set(true);
                let typed = password.get_untracked();
                if !typed.is_empty() { set_password.dispatch(typed); }
            }>
                <Field label="New password" error=password_error>
                    <input type="password" bind:value=password autocomplete="new-password"/>
                </Field>
                <div class="actions">
                    <SubmitButton label="Set password" pending_label="Setting…" pending=set_password.pending()/>
                </div>
            </form>
            <ConfirmDialog open=remove.open
                title=Signal::derive(move || format!("Remove {}?", auth_name(to_remove.get().as_ref())))
                message="The user can no longer sign in this way."
                confirm_label="Remove" pending=remove.action.pending()
                on_confirm=Callback::new(move |()| {
                    if let Some(id) = to_remove.get_untracked().and_then(|a| a.id) { remove.action.dispatch(id); }
                })/>
        </section>
    }
}

fn auth_name(auth: Option<&UserAuth>) -> String {
    auth.and_then(|a| a.name.clone().or_else(|| a.id.clone()))
        .unwrap_or_else(|| "this sign-in method".into())
}
