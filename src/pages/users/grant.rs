//! "Give access" above the user list: one email box for the three cases. A person with an
//! account gets access to the tenant at once; an email without an account is offered an
//! invitation in place (sent as it is, or with roles and groups on the invite form); a
//! refusal names the field.

use kestra_model::{InvitationCreateRequest, rules};
use leptos::prelude::*;

use crate::api::invitations::Invited;
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::routes::{self, href, use_tenant};

/// An email box and a button; `on_granted` runs after the server agreed.
#[component]
pub fn GrantAccess(
    /// Called once access was granted, to refresh the list.
    on_granted: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let email = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    // The email the server knows no account for, offered an invitation.
    let unknown = RwSignal::new(None::<String>);
    let grant = use_submit(
        move |email: &String| {
            let (tenant, email) = (tenant.get_untracked(), email.clone());
            async move {
                let granted = api::tenant_access::grant_by_email(&tenant, email.clone()).await;
                if let Err(ApiError::NotFound(_)) = granted {
                    unknown.set(Some(email.clone()));
                }
                granted.map(|()| email)
            }
        },
        move |granted| {
            email.set(String::new());
            touched.set(false);
            on_granted.run(());
            format!("{granted} may now use this tenant")
        },
        // An email without an account is offered an invitation below the form instead.
        OnFailure::Toast {
            what: "give access",
            shown_by_form: |error| {
                error.field_message("email").is_some() || matches!(error, ApiError::NotFound(_))
            },
        },
    );
    let invite = use_submit(
        move |email: &String| {
            let tenant = tenant.get_untracked();
            let request = InvitationCreateRequest {
                email: email.clone(),
                ..Default::default()
            };
            async move {
                api::invitations::create(&tenant, &request)
                    .await
                    .map(|done| (done, request.email))
            }
        },
        move |(done, invited)| {
            unknown.set(None);
            email.set(String::new());
            touched.set(false);
            on_granted.run(());
            match done {
                Invited::Sent => format!("Invitation sent to {invited}"),
                Invited::AccessGranted => format!("{invited} may now use this tenant"),
            }
        },
        OnFailure::toast("send the invitation"),
    );
    // Typing another email forgets the offer made for the last one.
    Effect::new(move |_| {
        let typed = email.get();
        if unknown.with_untracked(|u| u.as_ref().is_some_and(|u| *u != typed.trim())) {
            unknown.set(None);
        }
    });
    let error = Signal::derive(move || {
        if touched.get()
            && let Err(message) = rules::email(&email.get())
        {
            return Some(message);
        }
        grant
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field_message("email"))
    });
    let offer = move || {
        unknown.get().map(|address| {
            let with_roles = href(&routes::invitation_new(&tenant.get_untracked(), Some(&address)));
            let send = address.clone();
            view! {
                <div class="callout" role="status">
                    <p>"No one has an account with " <strong>{address.clone()}</strong> " yet. Invite them: they get access once they accept."</p>
                    <div class="actions">
                        <button type="button" class="primary" disabled=move || invite.pending().get()
                            on:click=move |_| { invite.dispatch(send.clone()); }>
                            {move || if invite.pending().get() { "Sending…" } else { "Send an invitation" }}
                        </button>
                        <a class="button" href=with_roles>"Invite with roles and groups…"</a>
                    </div>
                </div>
            }
        })
    };
    view! {
        <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            touched.set(true);
            if let Ok(valid) = rules::email(&email.get_untracked()) {
                grant.dispatch(valid);
            }
        }>
            <Field label="Give access by email" hint="Someone with an account gets access now; anyone else can be invited." error=error>
                <input type="email" bind:value=email on:blur=move |_| touched.set(!email.get_untracked().is_empty())
                    placeholder="name@example.com"/>
            </Field>
            <button type="submit" disabled=move || grant.pending().get()>
                {move || if grant.pending().get() { "Giving access…" } else { "Give access" }}
            </button>
        </form>
        {offer}
    }
}
