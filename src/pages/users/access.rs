//! The access tab of a person's page: every role they hold in the current tenant, in one
//! table saying where it comes from (a group, named and linked, or a direct binding, which can
//! be taken away here), and revoking their access to the tenant.

use kestra_model::users::shown_name;
use kestra_model::{Action, Resource, RoleOrigin, TenantAccess};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::hooks::submit::{could_not, use_confirmed};
use crate::routes::{self, href, use_tenant};
use crate::sections::bindings::SubjectKind;
use crate::session::use_session;

/// The access tab.
#[component]
pub fn UserAccess(
    /// The person's access to this tenant.
    access: TenantAccess,
    /// Reads the person again, after a role was taken away.
    refresh: Callback<()>,
) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let id = access.user_id.clone().unwrap_or_default();
    let subject_id = id.clone();
    let name = shown_name(access.display_name.as_deref(), access.username.as_deref());
    let revoked_name = name.clone();
    let removed_from = name.clone();
    let revoke = use_confirmed(
        RwSignal::new(false),
        move |(): &()| {
            let (tenant, id) = (tenant.get_untracked(), id.clone());
            async move { api::tenant_access::revoke(&tenant, &id).await }
        },
        move || {
            navigate(&routes::users(&tenant.get_untracked()), Default::default());
            format!("{revoked_name} may no longer use this tenant")
        },
        could_not("revoke access"),
    );
    let session = use_session();
    let may = move |action| session.may(&tenant.get(), Resource::Binding, action) != Some(false);
    let give = {
        let id = subject_id.clone();
        move || {
            href(&routes::binding_new(
                &tenant.get(),
                Some((SubjectKind::User.param(), &id)),
            ))
        }
    };
    // The direct binding the user asked to take away: (binding id, role name).
    let to_remove = RwSignal::new(None::<(String, String)>);
    let remove_open = RwSignal::new(false);
    let remove = use_confirmed(
        remove_open,
        move |(binding, _): &(String, String)| {
            let (tenant, binding) = (tenant.get_untracked(), binding.clone());
            async move { api::bindings::delete(&tenant, &binding).await }
        },
        move || {
            refresh.run(());
            let role = to_remove
                .get_untracked()
                .map(|(_, role)| role)
                .unwrap_or_default();
            format!("Role {role} taken away")
        },
        could_not("take the role away"),
    );
    let rows = access
        .roles
        .iter()
        .map(|role| {
            let frame = tenant.get_untracked();
            let role_name = role.name.clone().unwrap_or_default();
            let role_link = role.id.as_deref().map(|id| href(&routes::role(&frame, id)));
            let namespace = role
                .namespace
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "Whole tenant".into());
            let source = role.source_id.clone().unwrap_or_default();
            let given_by = match role.origin {
                Some(RoleOrigin::Group) => {
                    let group = access
                        .groups
                        .iter()
                        .find(|g| g.id.as_deref() == Some(&source))
                        .and_then(|g| g.name.clone())
                        .unwrap_or_else(|| source.clone());
                    let link = href(&routes::group(&frame, &source));
                    view! { "Group " <a href=link>{group}</a> }.into_any()
                }
                _ => {
                    let label = format!("Take away {role_name}");
                    let asked = (source.clone(), role_name.clone());
                    view! {
                        "Directly"
                        <Show when=move || may(Action::Delete)>
                            " "
                            <button type="button" class="ghost danger-text" aria-label=label.clone()
                                on:click={
                                    let asked = asked.clone();
                                    move |_| { to_remove.set(Some(asked.clone())); remove_open.set(true); }
                                }>"Take away"</button>
                        </Show>
                    }
                    .into_any()
                }
            };
            view! {
                <tr>
                    <td><a href=role_link>{role_name.clone()}</a></td>
                    <td>{namespace}</td>
                    <td>{given_by}</td>
                </tr>
            }
        })
        .collect_view();
    let no_roles = access.roles.is_empty();
    view! {
        <section>
            <header class="section-header">
                <h2>"Roles in this tenant"</h2>
                <Show when=move || may(Action::Create)>
                    <a class="button" href=give.clone()>"Give a role"</a>
                </Show>
            </header>
            {if no_roles {
                view! { <p class="muted">"No role: they may use the tenant but do nothing in it yet."</p> }.into_any()
            } else {
                view! {
                    <table class="simple">
                        <thead><tr><th scope="col">"Role"</th><th scope="col">"Namespace"</th><th scope="col">"Given by"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            <p><a href=href(&routes::effective(&tenant.get_untracked(), Some(&subject_id)))>"What this gives them, permission by permission"</a></p>
            <ConfirmDialog open=remove_open
                title=Signal::derive(move || format!(
                    "Take {} away from {}?",
                    to_remove.get().map(|(_, role)| role).unwrap_or_default(), removed_from
                ))
                message="The direct binding is deleted; roles they hold through groups stay."
                confirm_label="Take away" pending=remove.action.pending()
                on_confirm=Callback::new(move |()| if let Some(asked) = to_remove.get_untracked() { remove.action.dispatch(asked); })/>
            <div class="actions">
                <Show when=move || session.may(&tenant.get(), Resource::TenantAccess, Action::Delete) != Some(false)>
                    <button type="button" class="danger" on:click=move |_| revoke.open.set(true)>"Revoke access"</button>
                </Show>
            </div>
            <ConfirmDialog open=revoke.open
                title=Signal::derive(move || format!("Revoke {name}’s access to {}?", tenant.get()))
                message="They lose their roles and group memberships in this tenant, but keep their account."
                confirm_label="Revoke access" pending=revoke.action.pending()
                on_confirm=Callback::new(move |()| { revoke.action.dispatch(()); })/>
        </section>
    }
}
