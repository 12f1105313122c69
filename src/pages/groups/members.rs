//! The members section of a group's page: paged list, add through a type-ahead, owner or
//! member (`PUT .../members/membership/{userId}`), remove.

use kestra_model::{GroupMember, Membership};
use leptos::prelude::*;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::data_table::{Column, DataTable};
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::member_candidates;
use crate::hooks::list_query::use_list_query;
use crate::hooks::submit::{OnFailure, use_confirmed, use_submit};
use crate::routes::use_tenant;
use crate::sections::bindings::MembershipEffect;
use crate::session::use_session;

/// Lists the group's members and lets the user add and remove them.
#[component]
pub fn GroupMembers(
    /// The group's id.
    #[prop(into)]
    group_id: Signal<String>,
) -> impl IntoView {
    let tenant = use_tenant();
    let (query, set_query) = use_list_query();
    let members = LocalResource::new(move || {
        let (tenant, id, query) = (tenant.get(), group_id.get(), query.get());
        async move { api::groups::members(&tenant, &id, &query).await }
    });

    let text = RwSignal::new(String::new());
    let candidates = member_candidates(tenant, text, group_id);
    let add = use_submit(
        move |choice: &Choice| {
            let (tenant, id, choice) = (
                tenant.get_untracked(),
                group_id.get_untracked(),
                choice.clone(),
            );
            async move {
                api::groups::add_member(&tenant, &id, &choice.id)
                    .await
                    .map(|_| choice.label)
            }
        },
        move |label| {
            members.refetch();
            format!("{label} added to the group")
        },
        OnFailure::toast("add the member"),
    );
    // Someone without access to the tenant gets it by joining: that is asked first.
    let outsider = RwSignal::new(None::<Choice>);
    let confirm_outsider = RwSignal::new(false);
    let pick = Callback::new(move |choice: Choice| {
        if candidates
            .outsiders
            .with_untracked(|o| o.contains(&choice.id))
        {
            outsider.set(Some(choice));
            confirm_outsider.set(true);
        } else {
            add.dispatch(choice);
        }
    });
    let outsider_name = move || outsider.get().map(|c| c.label).unwrap_or_default();

    let to_remove = RwSignal::new(None::<(String, String)>);
    let removed_name = move || {
        to_remove
            .get_untracked()
            .map(|(_, name)| name)
            .unwrap_or_default()
    };
    let remove = use_confirmed(
        RwSignal::new(false),
        move |(user_id, _): &(String, String)| {
            let (tenant, id, user_id) = (
                tenant.get_untracked(),
                group_id.get_untracked(),
                user_id.clone(),
            );
            async move { api::groups::remove_member(&tenant, &id, &user_id).await }
        },
        move || {
            members.refetch();
            format!("{} removed from the group", removed_name())
        },
        move |error| {
            format!(
                "Could not remove {}: {}",
                removed_name(),
                error.user_message()
            )
        },
    );

    let set_membership = use_submit(
        move |(user_id, name, membership): &(String, String, Membership)| {
            let (tenant, id) = (tenant.get_untracked(), group_id.get_untracked());
            let (user_id, name, membership) = (user_id.clone(), name.clone(), *membership);
            async move {
                api::groups::set_membership(&tenant, &id, &user_id, membership)
                    .await
                    .map(|_| (name, membership))
            }
        },
        move |(name, membership)| {
            members.refetch();
            match membership {
                Membership::Owner => format!("{name} is now an owner of the group"),
                Membership::Member => format!("{name} is now a member, not an owner"),
            }
        },
        OnFailure::toast("change the membership"),
    );

    // Managing members takes GROUP:MANAGE_MEMBERS or GROUP:UPDATE; hidden when the server says
    // neither is granted (against real Kestra, without that hint, the server's 403 decides).
    let session = use_session();
    let may_manage = move || session.may_manage_members(&tenant.get());
    let columns = vec![
        Column::new("Member", |m: &GroupMember| {
            view! { <span>{member_name(m)}</span> }.into_any()
        }),
        Column::new("Username", |m: &GroupMember| {
            view! { <span class="muted">{m.username.clone().unwrap_or_default()}</span> }.into_any()
        }),
        Column::new("Membership", move |m: &GroupMember| {
            let membership = m.membership_in(&group_id.get_untracked());
            let (id, name) = (m.id.clone().unwrap_or_default(), member_name(m));
            // The accessible name starts with the visible text (WCAG's label in name).
            let (shown, other, button, label) = match membership {
                Membership::Owner => (
                    "Owner",
                    Membership::Member,
                    "Make member",
                    format!("Make member: {name}"),
                ),
                Membership::Member => (
                    "Member",
                    Membership::Owner,
                    "Make owner",
                    format!("Make owner: {name}"),
                ),
            };
            view! {
                <span class="membership">{shown}</span>
                <Show when=may_manage>
                    <button type="button" class="ghost" aria-label=label.clone()
                        disabled=move || set_membership.pending().get()
                        on:click={
                            let change = (id.clone(), name.clone(), other);
                            move |_| { set_membership.dispatch(change.clone()); }
                        }>{button}</button>
                </Show>
            }
            .into_any()
        }),
        Column::new("", move |m: &GroupMember| {
            let subject = (m.id.clone().unwrap_or_default(), member_name(m));
            let label = format!("Remove {}", subject.1);
            view! {
                <Show when=may_manage>
                    <button type="button" class="ghost danger-text" aria-label=label.clone()
                        on:click={
                            let subject = subject.clone();
                            move |_| { to_remove.set(Some(subject.clone())); remove.open.set(true); }
                        }>"Remove"</button>
                </Show>
            }
            .into_any()
        }),
    ];

    view! {
        <section class="members">
            <header class="section-header">
                <h2>"Members"</h2>
                <Show when=may_manage>
                    <TypeAhead label="Add member" text=text options=candidates.choices on_pick=pick
                        placeholder="Add a member by name or email…"/>
                </Show>
            </header>
            // What joining gives, said before anyone is added.
            <Show when=may_manage>
                <MembershipEffect group_id=group_id joins=true person="a new member" only_with_roles=true/>
            </Show>
            <DataTable noun="members" one="member" columns=columns page=Signal::derive(move || members.get())
                query=query on_query=set_query row_key=|m: &GroupMember| m.id.clone().unwrap_or_default()/>
            <ConfirmDialog open=confirm_outsider
                title=Signal::derive(move || format!("Give {} access to {}?", outsider_name(), tenant.get()))
                message=Signal::derive(move || format!(
                    "{} may not use this tenant yet. Adding them to the group also gives them access to it, with the roles the group gives.",
                    outsider_name()
                ))
                confirm_label="Add and give access" pending=add.pending()
                on_confirm=Callback::new(move |()| {
                    confirm_outsider.set(false);
                    if let Some(choice) = outsider.get_untracked() { add.dispatch(choice); }
                })>
                <Show when=move || confirm_outsider.get()>
                    <MembershipEffect group_id=group_id joins=true person=Signal::derive(outsider_name)/>
                </Show>
            </ConfirmDialog>
            <ConfirmDialog open=remove.open
                title=Signal::derive(move || format!("Remove {} from the group?", to_remove.get().map(|s| s.1).unwrap_or_default()))
                message="They keep their account and their other access."
                confirm_label="Remove member" pending=remove.action.pending()
                on_confirm=Callback::new(move |()| if let Some(subject) = to_remove.get_untracked() { remove.action.dispatch(subject); })>
                <Show when=move || remove.open.get()>
                    <MembershipEffect group_id=group_id joins=false
                        person=Signal::derive(move || to_remove.get().map(|s| s.1).unwrap_or_default())/>
                </Show>
            </ConfirmDialog>
        </section>
    }
}

fn member_name(member: &GroupMember) -> String {
    member
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| member.username.clone())
        .unwrap_or_default()
}
