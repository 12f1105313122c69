//! `/ui/<tenant>/admin/invitations/new`: invite an email with roles and groups (and, for
//! instance owners, the instance-owner flag), or give access at once when the account exists.

use kestra_model::{InvitationCreateRequest, InvitationRole, rules};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::api::invitations::Invited;
use crate::components::chip_picker::ChipPicker;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::components::type_ahead::Choice;
use crate::hooks::choices::{group_choices, role_choices};
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved_action;
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

/// The invite form.
#[component]
pub fn InvitationCreate() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let navigate = use_navigate();
    // "Invite with roles…" from the users page brings the email it could not find.
    let given = use_query_map().with_untracked(|q| q.get("email"));
    let email = RwSignal::new(given.unwrap_or_default());
    let roles = RwSignal::new(Vec::<Choice>::new());
    let groups = RwSignal::new(Vec::<Choice>::new());
    let role_text = RwSignal::new(String::new());
    let group_text = RwSignal::new(String::new());
    let role_options = role_choices(tenant, role_text);
    let group_options = group_choices(tenant, group_text);
    let owner = RwSignal::new(false);
    let create_user = RwSignal::new(false);
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |request: &InvitationCreateRequest| {
            let (tenant, request) = (tenant.get_untracked(), request.clone());
            async move {
                api::invitations::create(&tenant, &request)
                    .await
                    .map(|done| (done, request.email))
            }
        },
        move |(done, email)| {
            navigate(
                &routes::invitations(&tenant.get_untracked()),
                Default::default(),
            );
            match done {
                Invited::Sent => format!("Invitation sent to {email}"),
                Invited::AccessGranted => {
                    format!("{email} already has an account and was given access directly")
                }
            }
        },
        OnFailure::FormShows,
    );
    let server_error = move || save.value().get().and_then(Result::err);
    let email_error = Signal::derive(move || {
        if touched.get()
            && let Err(message) = rules::email(&email.get())
        {
            return Some(message);
        }
        server_error().and_then(|e| e.field_message("email"))
    });
    let request = move || {
        let ids = |chosen: RwSignal<Vec<Choice>>| chosen.get().into_iter().map(|c| c.id);
        InvitationCreateRequest {
            create_user_if_not_exist: Some(create_user.get()),
            super_admin: owner.get().then_some(true),
            roles: Some(
                ids(roles)
                    .map(|id| InvitationRole {
                        id,
                        namespaces: None,
                    })
                    .collect(),
            ),
            groups: Some(ids(groups).collect()),
            email: email.get().trim().to_string(),
        }
    };
    track_unsaved_action("the invitation", request, save);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let Ok(email) = rules::email(&email.get_untracked()) else {
            return;
        };
        save.dispatch(InvitationCreateRequest {
            email,
            ..untrack(request)
        });
    };

    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::invitations(&tenant.get()))>"← Invitations"</a></p>
            <header class="page-header"><h1>"Invite someone"</h1></header>
            <form class="form" on:submit=on_submit>
                <Field label="Email" error=email_error>
                    <input type="email" aria-label="Email" bind:value=email on:blur=move |_| touched.set(true) required autocomplete="off"/>
                </Field>
                <ChipPicker label="Roles" add_label="Add role" chosen=roles text=role_text options=role_options
                    placeholder="Type a role name…"/>
                <small class="muted">"Roles are given on the whole tenant once the invitation is accepted."</small>
                <ChipPicker label="Groups" add_label="Add group" chosen=groups text=group_text options=group_options
                    placeholder="Type a group name…"/>
                <label class="check">
                    <input type="checkbox" bind:checked=create_user/>
                    " Grant access directly, creating the account if it does not exist"
                </label>
                // Only instance owners may make others instance owners (the server refuses with 403).
                <Show when=move || session.instance_owner()>
                    <label class="check">
                        <input type="checkbox" bind:checked=owner/>
                        " Make them an instance owner (superadmin of every tenant)"
                    </label>
                </Show>
                {move || server_error().filter(|e| e.field_message("email").is_none())
                    .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                <div class="actions">
                    <a class="button" href=move || href(&routes::invitations(&tenant.get()))>"Cancel"</a>
                    <SubmitButton label="Send invitation" pending_label="Sending…" pending=save.pending()/>
                </div>
            </form>
        </section>
    }
}
