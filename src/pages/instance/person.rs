//! `/ui/<tenant>/admin/instance/people/<id>`: one person as the instance sees them, whatever
//! their tenants: which tenants they may use (grant or take away each), their names and email,
//! whether they are an instance owner or restricted, how they sign in, their API tokens, and deleting them
//! (offboarding). The server refuses to demote or delete the last instance owner; its reason
//! is what the toast says.

use kestra_model::User;
use kestra_model::users::shown_name;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::api::api_tokens::Owner;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_states::DetailStates;
use crate::components::instance_only::InstanceOnly;
use crate::components::submit_button::SubmitButton;
use crate::hooks::choices::tenant_choices;
use crate::hooks::submit::{OnFailure, could_not, use_confirmed, use_submit};
use crate::routes::{self, href, use_item_id, use_tenant};
use crate::sections::person_details::PersonDetails;
use crate::sections::sign_in_methods::UserAuthentication;
use crate::sections::tokens::TokenSection;
use crate::session::use_session;

/// A person's page in the instance section.
#[component]
pub fn InstancePersonPage() -> impl IntoView {
    view! { <InstanceOnly what="manage a person across the instance"><PersonLoader/></InstanceOnly> }
}

#[component]
fn PersonLoader() -> impl IntoView {
    let tenant = use_tenant();
    let id = use_item_id();
    let user = LocalResource::new(move || {
        let id = id.get();
        async move { api::users::get(&id).await }
    });
    let refresh = Callback::new(move |()| user.refetch());
    let back = Signal::derive(move || href(&routes::instance_people(&tenant.get())));
    view! {
        <section>
            <DetailStates item=Signal::derive(move || user.get()) noun="person"
                why_missing="They may have been deleted." back=back back_label="people of the instance"
                render=move |user| view! { <Person user=user refresh=refresh/> }.into_any()/>
        </section>
    }
}

/// The loaded person.
#[component]
fn Person(user: User, refresh: Callback<()>) -> impl IntoView {
    let id = user.id.clone().unwrap_or_default();
    let name = shown_name(user.display_name.as_deref(), user.username.as_deref());
    let email = user
        .email
        .clone()
        .or(user.username.clone())
        .unwrap_or_default();
    view! {
        <header class="page-header">
            <h1>{name.clone()}</h1>
        </header>
        <p class="muted">{email}
            {user.super_admin.then_some(" · Instance owner")}
            {user.restricted.then_some(" · Restricted")}
        </p>
        <div class="card-grid">
            <div class="card">
                <h2>"Tenants"</h2>
                <PersonTenants user=user.clone() refresh=refresh/>
            </div>
            <div class="card">
                <h2>"Details"</h2>
                <PersonDetails user=user.clone() refresh=refresh/>
            </div>
            <div class="card">
                <h2>"Demo account"</h2>
                <RestrictedFlag user=user.clone() refresh=refresh/>
            </div>
            <div class="card">
                <UserAuthentication user=user.clone() refresh=refresh/>
            </div>
            <div class="card">
                <TokenSection owner=Owner::User(id.clone())/>
            </div>
        </div>
        <DeletePerson user=user name=name/>
    }
}

/// Every tenant of the instance, with whether the person may use it and a button to change it.
/// Taking access away also removes their roles and group memberships there, so it asks first.
#[component]
fn PersonTenants(user: User, refresh: Callback<()>) -> impl IntoView {
    let session = use_session();
    let tenants = tenant_choices(session);
    let id = StoredValue::new(user.id.clone().unwrap_or_default());
    let has: Vec<String> = user.tenants.iter().filter_map(|t| t.id.clone()).collect();
    let has = StoredValue::new(has);
    let grant = use_submit(
        move |tenant: &String| {
            let tenant = tenant.clone();
            async move { api::tenant_access::grant(&tenant, &id.get_value()).await }
        },
        move |()| {
            refresh.run(());
            "Access given".into()
        },
        OnFailure::toast("give access"),
    );
    let to_revoke = RwSignal::new(None::<(String, String)>);
    let revoke = use_confirmed(
        RwSignal::new(false),
        move |tenant: &String| {
            let tenant = tenant.clone();
            async move { api::tenant_access::revoke(&tenant, &id.get_value()).await }
        },
        move || {
            refresh.run(());
            "Access taken away".into()
        },
        could_not("take access away"),
    );
    view! {
        <ul class="plain-list">
            {move || tenants.get().into_iter().map(|(tenant, name)| {
                let allowed = has.with_value(|has| has.contains(&tenant));
                let label = if allowed { format!("Take away access to {name}") } else { format!("Give access to {name}") };
                let pick = (tenant.clone(), name.clone());
                view! {
                    <li>
                        <span>{name.clone()} " " <span class="muted">{if allowed { "may use it" } else { "no access" }}</span></span>
                        {if allowed {
                            view! {
                                <button type="button" class="ghost danger-text" aria-label=label
                                    on:click=move |_| { to_revoke.set(Some(pick.clone())); revoke.open.set(true); }>"Take away"</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" aria-label=label disabled=move || grant.pending().get()
                                    on:click=move |_| { grant.dispatch(tenant.clone()); }>"Give access"</button>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        <ConfirmDialog open=revoke.open
            title=Signal::derive(move || format!("Take away access to {}?", to_revoke.get().map(|t| t.1).unwrap_or_default()))
            message="Their roles and group memberships in this tenant go too. They keep their account and their other tenants."
            confirm_label="Take away access" pending=revoke.action.pending()
            on_confirm=Callback::new(move |()| {
                if let Some((tenant, _)) = to_revoke.get_untracked() { revoke.action.dispatch(tenant); }
            })/>
    }
}

/// The restricted flag: what Kestra calls a demo account.
#[component]
fn RestrictedFlag(user: User, refresh: Callback<()>) -> impl IntoView {
    let id = StoredValue::new(user.id.clone().unwrap_or_default());
    let restricted = RwSignal::new(user.restricted);
    let save = use_submit(
        move |restricted: &bool| {
            let (restricted, id) = (*restricted, id.get_value());
            async move { api::users::set_restricted(&id, restricted).await }
        },
        move |()| {
            refresh.run(());
            "Saved".into()
        },
        OnFailure::toast("save"),
    );
    view! {
        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch(restricted.get_untracked());
        }>
            <label class="check">
                <input type="checkbox" bind:checked=restricted/>
                "Restricted (what Kestra calls a demo account)"
            </label>
            <div class="actions">
                <SubmitButton label="Save restriction" pending_label="Saving…" pending=save.pending()/>
            </div>
        </form>
    }
}

/// Deleting the person: the confirmation names the tenants, groups and tokens that go with
/// them, looked up when it opens, and asks for their email to be typed.
#[component]
fn DeletePerson(user: User, name: String) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let id = StoredValue::new(user.id.clone().unwrap_or_default());
    let email = user
        .email
        .clone()
        .or(user.username.clone())
        .unwrap_or_default();
    let open = RwSignal::new(false);
    let user = StoredValue::new(user);
    let consequences = LocalResource::new(move || {
        let (open, user) = (open.get(), user.get_value());
        async move {
            if open {
                Some(what_goes(&user).await)
            } else {
                None
            }
        }
    });
    let delete = use_confirmed(
        open,
        move |()| {
            let id = id.get_value();
            async move { api::users::delete(&id).await }
        },
        move || {
            navigate(
                &routes::instance_people(&tenant.get_untracked()),
                Default::default(),
            );
            "Person deleted".into()
        },
        could_not("delete the person"),
    );
    let message = Signal::derive(move || {
        consequences
            .get()
            .flatten()
            .unwrap_or_else(|| "Looking up what goes with them…".into())
    });
    view! {
        <div class="card danger-zone">
            <h2>"Delete"</h2>
            <p class="muted">"Offboarding: the person can no longer sign in, and their access, group memberships and API tokens go with them."</p>
            <button type="button" class="danger" on:click=move |_| open.set(true)>"Delete person"</button>
        </div>
        <ConfirmDialog open=open title=format!("Delete {name}?") message=message
            confirm_label="Delete person" require_typing=email pending=delete.action.pending()
            on_confirm=Callback::new(move |()| { delete.action.dispatch(()); })/>
    }
}

/// "They lose access to Acme and Globex, leave Platform (acme), and their 2 API tokens are
/// revoked." — from their tenants, the names of their groups and their tokens.
async fn what_goes(user: &User) -> String {
    let tenants: Vec<String> = user
        .tenants
        .iter()
        .map(|t| t.name.clone().or(t.id.clone()).unwrap_or_default())
        .collect();
    let mut groups = Vec::new();
    let mut by_tenant: Vec<(String, Vec<String>)> = Vec::new();
    for group in &user.groups {
        let (Some(tenant), Some(id)) = (group.tenant_id.clone(), group.id.clone()) else {
            continue;
        };
        match by_tenant.iter_mut().find(|(t, _)| *t == tenant) {
            Some((_, ids)) => ids.push(id),
            None => by_tenant.push((tenant, vec![id])),
        }
    }
    for (tenant, ids) in by_tenant {
        let count = ids.len();
        match api::groups::by_ids(&tenant, ids).await {
            Ok(found) => groups.extend(found.into_iter().map(|g| format!("{} ({tenant})", g.name))),
            Err(_) => groups.push(format!("{count} group(s) in {tenant}")),
        }
    }
    let id = user.id.clone().unwrap_or_default();
    let tokens = api::api_tokens::list(&Owner::User(id))
        .await
        .map(|list| list.results.len());
    let mut parts = Vec::new();
    parts.push(match tenants.is_empty() {
        true => "They may use no tenant.".to_owned(),
        false => format!("They lose access to {}.", tenants.join(", ")),
    });
    if !groups.is_empty() {
        parts.push(format!("They leave {}.", groups.join(", ")));
    }
    parts.push(match tokens {
        Ok(0) => "They have no API token.".to_owned(),
        Ok(1) => "Their API token is revoked.".to_owned(),
        Ok(n) => format!("Their {n} API tokens are revoked."),
        Err(_) => "Their API tokens, if any, are revoked.".to_owned(),
    });
    parts.push("This cannot be undone.".to_owned());
    parts.join(" ")
}
