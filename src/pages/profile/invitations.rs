//! The invitations waiting for the signed-in person (`GET /api/v1/me/invitations`): which
//! tenant, since when, until when; accepting one gives access to that tenant at once.

use kestra_model::{Invitation, InvitationStatus};
use leptos::prelude::*;

use crate::api;
use crate::hooks::submit::{OnFailure, use_submit};
use crate::session::use_session;

/// The pending invitations, each with "Accept".
#[component]
pub fn MyInvitations() -> impl IntoView {
    let session = use_session();
    let invitations = LocalResource::new(api::me::invitations);
    let accept = use_submit(
        |id: &String| {
            let id = id.clone();
            async move { api::me::accept_invitation(&id).await }
        },
        move |()| {
            invitations.refetch();
            // The new tenant shows in the picker and under "My tenants".
            leptos::task::spawn_local(session.refresh());
            "Invitation accepted".into()
        },
        OnFailure::toast("accept the invitation"),
    );
    let pending = |list: Vec<Invitation>| -> Vec<Invitation> {
        list.into_iter()
            .filter(|i| !i.is_expired && i.status.is_none_or(|s| s == InvitationStatus::Pending))
            .collect()
    };
    view! {
        {move || match invitations.get() {
            None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
            Some(Err(error)) => view! {
                <p class="error" role="alert">"Could not load your invitations: " {error.user_message()}</p>
            }.into_any(),
            Some(Ok(list)) => {
                let list = pending(list);
                if list.is_empty() {
                    return view! { <p class="muted">"No invitation is waiting for you."</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|invitation| {
                            let id = invitation.id.clone().unwrap_or_default();
                            let tenant = invitation.tenant_id.clone().unwrap_or_default();
                            let until = invitation.expired_at.clone().map(|d| format!("until {}", day(&d)));
                            let label = format!("Accept the invitation to {tenant}");
                            view! {
                                <li>
                                    <span>
                                        <strong>{tenant.clone()}</strong>
                                        {invitation.super_admin.then_some(" (as an instance owner)")}
                                        " " <span class="muted">{until}</span>
                                    </span>
                                    <button type="button" aria-label=label disabled=move || accept.pending().get()
                                        on:click=move |_| { accept.dispatch(id.clone()); }>"Accept"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

/// `2026-12-09` of `2026-12-09T10:00:00Z`.
fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}
