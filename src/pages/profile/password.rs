//! Changing one's own password (`PUT /api/v1/me/password`): the current one proves it is the
//! person at the keyboard; the new one is typed twice. A wrong current password is named next
//! to its field, and nothing typed is lost on failure.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::session::use_session;

/// What the form sends.
#[derive(Clone)]
struct Change {
    old: String,
    new: String,
}

/// The password form. `email` goes in a hidden username field, so password managers know
/// whose password changes.
#[component]
pub fn PasswordForm(email: String) -> impl IntoView {
    let session = use_session();
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let change = use_submit(
        |change: &Change| {
            let change = change.clone();
            async move {
                api::me::change_password(change.old, change.new.clone()).await?;
                Ok(change.new)
            }
        },
        move |new_password: String| {
            session.password_changed(&new_password);
            old.set(String::new());
            new.set(String::new());
            again.set(String::new());
            tried.set(false);
            "Password changed".into()
        },
        OnFailure::toast_unless_invalid("change your password"),
    );
    let server_error = move |field: &'static str| {
        change
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e: ApiError| e.field_message(field))
    };
    let old_error = Signal::derive(move || {
        if tried.get() && old.with(String::is_empty) {
            return Some("Enter your current password.".to_owned());
        }
        server_error("oldPassword").map(|_| "This is not your current password.".to_owned())
    });
    let new_error = Signal::derive(move || {
        if tried.get() && new.with(String::is_empty) {
            return Some("Enter a new password.".to_owned());
        }
        server_error("newPassword")
    });
    let again_error = Signal::derive(move || {
        (tried.get() && again.get() != new.get())
            .then(|| "The two new passwords differ.".to_owned())
    });
    view! {
        <form class="form narrow" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            let (o, n) = (old.get_untracked(), new.get_untracked());
            if o.is_empty() || n.is_empty() || n != again.get_untracked() {
                return;
            }
            change.dispatch(Change { old: o, new: n });
        }>
            <input type="text" name="username" autocomplete="username" value=email hidden/>
            <Field label="Current password" error=old_error>
                <input type="password" autocomplete="current-password" bind:value=old/>
            </Field>
            <Field label="New password" error=new_error>
                <input type="password" autocomplete="new-password" bind:value=new/>
            </Field>
            <Field label="New password again" error=again_error>
                <input type="password" autocomplete="new-password" bind:value=again/>
            </Field>
            <div class="actions">
                <SubmitButton label="Change password" pending_label="Changing…" pending=change.pending()/>
            </div>
        </form>
    }
}
