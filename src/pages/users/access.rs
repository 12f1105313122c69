//! The access tab of a person's page: their roles in the current tenant, and revoking their
//! access to it.

use kestra_model::users::shown_name;
use kestra_model::{RoleOrigin, TenantAccess};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::hooks::submit::{could_not, use_confirmed};
use crate::routes::{self, use_tenant};
use crate::sections::bindings::{SubjectBindings, SubjectKind};

/// The access tab.
#[component]
pub fn UserAccess(
    /// The person's access to this tenant.
    access: TenantAccess,
) -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let id = access.user_id.clone().unwrap_or_default();
    let subject_id = id.clone();
    let name = shown_name(access.display_name.as_deref(), access.username.as_deref());
    let revoked_name = name.clone();
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
    let roles = access.roles.clone();
    view! {
        <section>
            <h2>"Roles in this tenant"</h2>
            {if roles.is_empty() {
                view! { <p class="muted">"No role: they may use the tenant but do nothing in it yet."</p> }.into_any()
            } else {
                view! {
                    <table class="simple">
                        <thead><tr><th scope="col">"Role"</th><th scope="col">"Namespace"</th><th scope="col">"Given by"</th></tr></thead>
                        <tbody>
                            {roles.into_iter().map(|role| view! {
                                <tr>
                                    <td>{role.name.clone().unwrap_or_default()}</td>
                                    <td>{role.namespace.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| "Whole tenant".into())}</td>
                                    <td class="muted">{match role.origin {
                                        Some(RoleOrigin::Group) => "A group",
                                        _ => "A direct binding",
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <SubjectBindings subject_type=SubjectKind::User subject_id=subject_id/>
            <div class="actions">
                <button type="button" class="danger" on:click=move |_| revoke.open.set(true)>"Revoke access"</button>
            </div>
            <ConfirmDialog open=revoke.open
                title=Signal::derive(move || format!("Revoke {name}’s access to {}?", tenant.get()))
                message="They lose their roles and group memberships in this tenant, but keep their account."
                confirm_label="Revoke access" pending=revoke.action.pending()
                on_confirm=Callback::new(move |()| { revoke.action.dispatch(()); })/>
        </section>
    }
}
