//! "Put it back" on an audit entry that removed something: a deleted binding is created
//! again, people taken out of a group are added back with the membership they had. What
//! comes back is named before asking (the role, the person or group, the namespace), and it
//! goes through the normal API, so the server logs it like any change.

use std::collections::BTreeMap;

use kestra_model::audit_recreate::{self, Recreate};
use kestra_model::{Action, BindingType, CreateBindingRequest, Membership, Resource};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::hooks::submit::{could_not, use_confirmed};
use crate::routes::{self, href};
use crate::session::use_session;

use super::Entry;

/// The section, shown when `entry` removed something the console can put back and the
/// signed-in person may write it.
#[component]
pub fn PutBack(
    entry: Entry,
    /// The tenant whose trail the entry belongs to.
    tenant: String,
) -> impl IntoView {
    let session = use_session();
    let Some(recreate) = audit_recreate::from_log(&entry.log) else {
        return ().into_any();
    };
    let (resource, action) = match &recreate {
        Recreate::Binding(_) => (Resource::Binding, Action::Create),
        Recreate::Members { .. } => (Resource::Group, Action::Update),
    };
    if session.may(&tenant, resource, action) == Some(false) {
        return ().into_any();
    }
    let recreate = StoredValue::new(recreate);
    let tenant = StoredValue::new(tenant);
    let described = LocalResource::new(move || {
        let (recreate, tenant) = (recreate.get_value(), tenant.get_value());
        async move { describe(&tenant, &recreate).await }
    });
    let done = RwSignal::new(false);
    let open = RwSignal::new(false);
    let put_back = use_confirmed(
        open,
        move |(): &()| {
            let (recreate, tenant) = (recreate.get_value(), tenant.get_value());
            async move { run(&tenant, &recreate).await }
        },
        move || {
            done.set(true);
            match recreate.get_value() {
                Recreate::Binding(_) => "Binding created again".into(),
                Recreate::Members { .. } => "Added back to the group".into(),
            }
        },
        could_not("put it back"),
    );
    let (title, label) = match recreate.get_value() {
        Recreate::Binding(_) => ("Create this binding again?", "Create binding again"),
        Recreate::Members { .. } => ("Add them back to the group?", "Add back to the group"),
    };
    let description = move || match described.get() {
        None => "Reading who and what it concerns…".to_string(),
        Some(text) => text,
    };
    let follow = move || match recreate.get_value() {
        Recreate::Binding(request) => href(&routes::access(
            &tenant.get_value(),
            &[("role", Some(&request.role_id))],
        )),
        Recreate::Members { group, .. } => href(&routes::group(&tenant.get_value(), &group)),
    };
    view! {
        <section class="card put-back" aria-labelledby="put-back-title">
            <h2 id="put-back-title">"Put it back"</h2>
            <p>{description}</p>
            <Show when=move || done.get() fallback=move || view! {
                <button type="button" on:click=move |_| open.set(true)>{label}</button>
            }>
                <p role="status">"Done. " <a href=follow>"See it now"</a></p>
            </Show>
        </section>
        <ConfirmDialog open=open title=title.to_string()
            message=Signal::derive(move || format!(
                "{} The change is recorded in the audit log.", description()
            ))
            confirm_label=label.to_string()
            pending=put_back.action.pending()
            on_confirm=Callback::new(move |()| { put_back.action.dispatch(()); })/>
    }
    .into_any()
}

/// What putting it back does, in words: "Gives Developer to bob on company.data."
async fn describe(tenant: &str, recreate: &Recreate) -> String {
    match recreate {
        Recreate::Binding(request) => {
            let role = role_name(tenant, &request.role_id).await;
            let subject = subject_name(tenant, request).await;
            let scope = match &request.namespace_id {
                Some(namespace) => format!("on namespace {namespace}"),
                None => "on the whole tenant".to_string(),
            };
            format!("Gives the role {role} to {subject} again, {scope}.")
        }
        Recreate::Members { members, .. } => {
            let ids = members.iter().map(|(id, _)| id.clone()).collect();
            let names = people_names(tenant, ids).await;
            let who: Vec<String> = members
                .iter()
                .map(|(id, membership)| {
                    let name = names.get(id).unwrap_or(id);
                    match membership {
                        Membership::Owner => format!("{name} (owner)"),
                        Membership::Member => name.clone(),
                    }
                })
                .collect();
            format!("Adds {} back to the group.", who.join(", "))
        }
    }
}

async fn role_name(tenant: &str, id: &str) -> String {
    api::roles::by_ids(tenant, vec![id.to_string()])
        .await
        .ok()
        .and_then(|roles| roles.into_iter().next())
        .map(|role| role.name)
        .unwrap_or_else(|| id.to_string())
}

async fn subject_name(tenant: &str, request: &CreateBindingRequest) -> String {
    let id = request.external_id.clone();
    match request.binding_type {
        BindingType::User => {
            let names = people_names(tenant, vec![id.clone()]).await;
            names.get(&id).cloned().unwrap_or(id)
        }
        BindingType::Group => {
            let groups = api::groups::by_ids(tenant, vec![id.clone()]).await;
            let name = groups
                .ok()
                .and_then(|g| g.into_iter().next())
                .map(|g| g.name);
            format!("the group {}", name.unwrap_or(id))
        }
    }
}

async fn people_names(tenant: &str, ids: Vec<String>) -> BTreeMap<String, String> {
    api::tenant_access::names(tenant, ids)
        .await
        .unwrap_or_default()
}

/// Sends it: one binding, or each person added back and, for owners, made owner again. The
/// first failure stops and is reported (those before it stay added).
async fn run(tenant: &str, recreate: &Recreate) -> Result<(), ApiError> {
    match recreate {
        Recreate::Binding(request) => api::bindings::create(tenant, request).await.map(drop),
        Recreate::Members { group, members } => {
            for (user, membership) in members {
                api::groups::add_member(tenant, group, user).await?;
                if *membership == Membership::Owner {
                    api::groups::set_membership(tenant, group, user, Membership::Owner).await?;
                }
            }
            Ok(())
        }
    }
}
