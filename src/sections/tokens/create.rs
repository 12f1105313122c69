//! The create-token dialog: name, description, when it expires (`expiry`) and the extended
//! flag, checked as typed with the server's rules.

use kestra_model::{CreateApiTokenRequest, rules};
use leptos::html;
use leptos::prelude::*;

use crate::api::{self, ApiError, api_tokens::Owner};
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::hooks::submit::{OnFailure, use_submit};

use super::expiry::{Expiry, ExpiryPicker};

/// A modal form; `on_created` gets the new token's name and full value.
#[component]
pub fn CreateTokenDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// Whose token.
    owner: Owner,
    /// Called with (name, full token) once created.
    on_created: Callback<(String, String)>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let expiry = Expiry::new();
    let extended = RwSignal::new(false);
    let touched = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let owner = StoredValue::new(owner);
    let save = use_submit(
        move |request: &CreateApiTokenRequest| {
            let (owner, request) = (owner.get_value(), request.clone());
            async move { api::api_tokens::create(&owner, &request).await }
        },
        move |created| {
            name.set(String::new());
            description.set(String::new());
            expiry.reset();
            touched.set(false);
            let toast = format!("Token “{}” created", created.name);
            on_created.run((created.name, created.full_token));
            toast
        },
        OnFailure::toast("create the token"),
    );
    let server = move |field: &str| {
        save.value()
            .get()
            .and_then(Result::err)
            .and_then(|e: ApiError| e.field_message(field))
    };
    let name_error = Signal::derive(move || {
        let typed = name.get();
        ((touched.get() || !typed.is_empty())
            .then(|| rules::account_name(&typed).err())
            .flatten())
        .or_else(|| server("name"))
    });
    let max_age_error = Signal::derive(move || server("maxAge"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let Ok(max_age) = untrack(move || expiry.max_age()) else {
            return;
        };
        if rules::account_name(&name.get_untracked()).is_err() {
            return;
        }
        let description = description.get_untracked();
        save.dispatch(CreateApiTokenRequest {
            name: name.get_untracked(),
            description: (!description.trim().is_empty()).then_some(description),
            max_age,
            extended: Some(extended.get_untracked()),
        });
    };
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby="create-token-title" on:close=move |_| open.set(false)>
            <form class="form" on:submit=on_submit>
                <h2 id="create-token-title">"Create API token"</h2>
                <Field label="Token name" hint="Lowercase letters, digits and single dashes, e.g. deploy-bot." error=name_error>
                    <input type="text" bind:value=name autocomplete="off" required/>
                </Field>
                <Field label="Token description">
                    <input type="text" bind:value=description/>
                </Field>
                <ExpiryPicker expiry=expiry server_error=max_age_error/>
                <label class="check">
                    <input type="checkbox" bind:checked=extended/>
                    "Extended (renewed while in use)"
                </label>
                <div class="actions">
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <SubmitButton label="Create token" pending_label="Creating…" pending=save.pending()/>
                </div>
            </form>
        </dialog>
    }
}
