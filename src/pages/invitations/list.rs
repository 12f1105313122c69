//! `/ui/<tenant>/admin/invitations`: the tenant's invitations by status and email (kept in the
//! URL: `?status=PENDING&q=ada`), and revoking a pending one.

use kestra_model::{InvitationDetail, InvitationStatus, Resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::query::ListQuery;
use crate::api::{self, ApiError};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::data_table::{Column, DataTable};
use crate::components::toasts::use_toasts;
use crate::hooks::list_query::{from_params, use_filtered_navigation};
use crate::hooks::submit::{could_not, use_confirmed};
use crate::routes::{self, href, use_tenant};
use crate::session::use_session;

const STATUSES: [(InvitationStatus, &str, &str); 3] = [
    (InvitationStatus::Pending, "PENDING", "Pending"),
    (InvitationStatus::Accepted, "ACCEPTED", "Accepted"),
    (InvitationStatus::Expired, "EXPIRED", "Expired"),
];

/// The tenant's invitations.
#[component]
pub fn InvitationList() -> impl IntoView {
    let tenant = use_tenant();
    let session = use_session();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| from_params(|name| p.get(name))));
    let status = Memo::new(move |_| {
        let wanted = params.with(|p| p.get("status")).unwrap_or_default();
        STATUSES
            .iter()
            .find(|(_, wire, _)| *wire == wanted)
            .map(|(s, _, _)| *s)
    });
    let navigate = use_filtered_navigation();
    let status_param = |s: Option<InvitationStatus>| {
        let wire = STATUSES
            .iter()
            .find(|(v, _, _)| Some(*v) == s)
            .map(|(_, w, _)| *w);
        vec![("status", wire.unwrap_or_default().to_string())]
    };
    let on_query =
        Callback::new(move |q: ListQuery| navigate.run((q, status_param(status.get_untracked()))));
    let invitations = LocalResource::new(move || {
        let (tenant, mut query, status) = (tenant.get(), query.get(), status.get());
        // The search box is the email filter Kestra's search takes as `email`.
        let email = query.search.take();
        async move { api::invitations::search(&tenant, &query, email.as_deref(), status).await }
    });

    let to_revoke = RwSignal::new(None::<InvitationDetail>);
    let revoked_email = move || {
        to_revoke
            .get_untracked()
            .and_then(|i| i.email)
            .unwrap_or_default()
    };
    let revoke = use_confirmed(
        RwSignal::new(false),
        move |id: &String| {
            let (tenant, id) = (tenant.get_untracked(), id.clone());
            async move { api::invitations::delete(&tenant, &id).await }
        },
        move || {
            invitations.refetch();
            format!("Invitation to {} revoked", revoked_email())
        },
        could_not("revoke the invitation"),
    );
    let may = move |action| session.may(&tenant.get(), Resource::Invitation, action) != Some(false);

    // Sending again: the pending invitation is revoked and the same one sent anew (Kestra has
    // no resend), so the old link stops working and the new one starts its full validity.
    let to_resend = RwSignal::new(None::<InvitationDetail>);
    let resend = use_confirmed(
        RwSignal::new(false),
        move |invitation: &InvitationDetail| {
            let (tenant, invitation) = (tenant.get_untracked(), invitation.clone());
            async move {
                let (Some(id), Some(request)) = (invitation.id.clone(), invitation.again()) else {
                    return Err(ApiError::Network(
                        "the invitation has no id or email".into(),
                    ));
                };
                api::invitations::delete(&tenant, &id).await?;
                api::invitations::create(&tenant, &request)
                    .await
                    .map(drop)
                    .map_err(|error| {
                        ApiError::Network(format!(
                            "the old invitation was revoked, but a new one could not be sent ({}); invite them again",
                            error.user_message()
                        ))
                    })
            }
        },
        move || {
            invitations.refetch();
            let email = to_resend
                .get_untracked()
                .and_then(|i| i.email)
                .unwrap_or_default();
            format!("Invitation sent again to {email}")
        },
        could_not("send the invitation again"),
    );
    let toasts = use_toasts();
    let copy_link = move |link: String| {
        let _ = window().navigator().clipboard().write_text(&link);
        toasts.success("Invitation link copied");
    };

    let columns = vec![
        Column::new("Email", |i: &InvitationDetail| {
            view! {
                <span>{i.email.clone().unwrap_or_default()}</span>
                {i.super_admin.then(|| view! { " " <span class="badge">"Instance owner"</span> })}
            }
            .into_any()
        })
        .sortable("email"),
        Column::new("Status", |i: &InvitationDetail| {
            let label = STATUSES
                .iter()
                .find(|(s, _, _)| Some(*s) == i.status)
                .map(|(_, _, l)| *l);
            view! { <span class="badge">{label.unwrap_or("Unknown")}</span> }.into_any()
        }),
        Column::new("Roles and groups", |i: &InvitationDetail| {
            let names: Vec<String> = i
                .roles
                .iter()
                .map(|r| r.name.clone())
                .chain(i.groups.iter().map(|g| format!("group {}", g.name)))
                .collect();
            view! { <span class="muted">{names.join(", ")}</span> }.into_any()
        }),
        Column::new("Sent", |i: &InvitationDetail| {
            view! { <span class="muted">{day(i.sent_at.as_deref())}</span> }.into_any()
        })
        .sortable("sentAt"),
        Column::new("Expires", |i: &InvitationDetail| {
            view! { <span class="muted">{day(i.expired_at.as_deref())}</span> }.into_any()
        }),
        Column::new("", move |i: &InvitationDetail| {
            let pending = i.status == Some(InvitationStatus::Pending);
            let (invitation, resent) = (i.clone(), i.clone());
            let label = format!(
                "Revoke the invitation to {}",
                i.email.clone().unwrap_or_default()
            );
            let email = i.email.clone().unwrap_or_default();
            let again = format!("Send the invitation to {email} again");
            let copy = format!("Copy the invitation link for {email}");
            let link = i.link.clone().filter(|_| pending);
            view! {
                {link.map(|link| view! {
                    <button type="button" class="ghost" aria-label=copy
                        on:click=move |_| copy_link(link.clone())>"Copy link"</button>
                })}
                <Show when=move || pending && may(kestra_model::Action::Delete) && may(kestra_model::Action::Create)>
                    <button type="button" class="ghost" aria-label=again.clone()
                        on:click={
                            let invitation = resent.clone();
                            move |_| { to_resend.set(Some(invitation.clone())); resend.open.set(true); }
                        }>"Send again"</button>
                </Show>
                <Show when=move || pending && may(kestra_model::Action::Delete)>
                    <button type="button" class="ghost danger-text" aria-label=label.clone()
                        on:click={
                            let invitation = invitation.clone();
                            move |_| { to_revoke.set(Some(invitation.clone())); revoke.open.set(true); }
                        }>"Revoke"</button>
                </Show>
            }
            .into_any()
        }),
    ];
    let create = move || href(&routes::invitation_new(&tenant.get(), None));

    view! {
        <section>
            <header class="page-header">
                <h1>"Invitations"</h1>
                <Show when=move || may(kestra_model::Action::Create)>
                    <a class="button primary" href=create>"Invite someone"</a>
                </Show>
            </header>
            <div class="filters" role="group" aria-label="Filters">
                <label class="field inline">
                    <span class="label">"Status"</span>
                    <select aria-label="Status" on:change=move |ev| {
                        let wire = event_target_value(&ev);
                        let status = STATUSES.iter().find(|(_, w, _)| *w == wire).map(|(s, _, _)| *s);
                        navigate.run((ListQuery { page: 1, ..query.get_untracked() }, status_param(status)));
                    }>
                        <option value="" selected=move || status.get().is_none()>"Any"</option>
                        {STATUSES.iter().map(|(s, wire, label)| {
                            let s = *s;
                            view! { <option value=*wire selected=move || status.get() == Some(s)>{*label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <DataTable noun="invitations" one="invitation" columns=columns page=Signal::derive(move || invitations.get())
                query=query on_query=on_query row_key=|i: &InvitationDetail| i.id.clone().unwrap_or_default()
                empty_action=move || view! {
                    <Show when=move || may(kestra_model::Action::Create)>
                        <a class="button" href=create>"Invite the first person"</a>
                    </Show>
                }/>
            <ConfirmDialog open=resend.open
                title=Signal::derive(move || format!("Send the invitation to {} again?", to_resend.get().and_then(|i| i.email).unwrap_or_default()))
                message="The link they already have stops working; a new one is sent, valid as long as a new invitation. They get the same roles, on the whole tenant, and groups."
                confirm_label="Send again" pending=resend.action.pending()
                on_confirm=Callback::new(move |()| {
                    if let Some(invitation) = to_resend.get_untracked() { resend.action.dispatch(invitation); }
                })/>
            <ConfirmDialog open=revoke.open
                title=Signal::derive(move || format!("Revoke the invitation to {}?", to_revoke.get().and_then(|i| i.email).unwrap_or_default()))
                message="The link in their email stops working. You can invite them again later."
                confirm_label="Revoke invitation" pending=revoke.action.pending()
                on_confirm=Callback::new(move |()| {
                    if let Some(id) = to_revoke.get_untracked().and_then(|i| i.id) { revoke.action.dispatch(id); }
                })/>
        </section>
    }
}

/// The date part of an RFC 3339 time ("2026-11-22"), which is all a list needs.
fn day(time: Option<&str>) -> String {
    time.map(|t| t.chars().take(10).collect())
        .unwrap_or_default()
}
