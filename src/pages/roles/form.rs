//! The fields of a role, shared by the create form and a role's page: name, description,
//! default flag and the permission matrix (built from the server's catalogue).

use kestra_model::RoleCreateOrUpdateRequest;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::permission_matrix::{PermissionMatrix, normalize};
use crate::components::submit_button::SubmitButton;
use crate::hooks::unsaved::track_unsaved;
use crate::routes::use_tenant;

/// A role's form; it checks the name as the user types and reports a valid request.
#[component]
pub fn RoleForm(
    /// The role to start from: the server's (`From<&RoleDetail>`), or an empty one. A submit
    /// changes only what the form edits, so fields it does not show go back as they came.
    initial: RoleCreateOrUpdateRequest,
    /// The submit button's text ("Create role", "Save").
    submit_label: &'static str,
    /// The submit button's text while sending ("Creating…").
    pending_label: &'static str,
    /// True while the request runs: the submit button is disabled.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last failure: field errors go next to their field, others above the buttons.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Shows the role without letting it change (a managed role, or no `ROLE:UPDATE`).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Called with the request when the user submits valid input.
    on_submit: Callback<RoleCreateOrUpdateRequest>,
    /// Extra controls next to the submit button (e.g. Cancel).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let tenant = use_tenant();
    let catalogue = LocalResource::new(move || {
        let tenant = tenant.get();
        async move { api::roles::catalogue(&tenant).await }
    });
    // Kestra's preset roles; a server without them leaves the matrix's own presets.
    let templates = LocalResource::new(move || {
        let tenant = tenant.get();
        async move { api::roles::templates(&tenant).await }
    });
    let templates =
        Signal::derive(move || templates.get().and_then(Result::ok).unwrap_or_default());
    let name = RwSignal::new(initial.name.clone());
    let description = RwSignal::new(initial.description.clone().unwrap_or_default());
    let is_default = RwSignal::new(initial.is_default.unwrap_or(false));
    let permissions = RwSignal::new(normalize(initial.permissions.clone()));
    let initial = StoredValue::new(initial);
    let touched = RwSignal::new(false);

    let name_error = Signal::derive(move || {
        if touched.get() && name.get().trim().is_empty() {
            return Some("A role needs a name.".to_string());
        }
        error.get().and_then(|e| e.naming_field_message("name"))
    });
    let permissions_error =
        Signal::derive(move || error.get().and_then(|e| e.field_message("permissions")));
    let other_error = move || {
        error.get().filter(|e| {
            e.naming_field_message("name").is_none() && e.field_message("permissions").is_none()
        })
    };
    // What the form would send: every field it does not show goes back as it came.
    let request = move || {
        let description = description.get();
        RoleCreateOrUpdateRequest {
            permissions: normalize(permissions.get()),
            name: name.get().trim().to_string(),
            description: (!description.trim().is_empty()).then_some(description),
            is_default: Some(is_default.get()),
            ..initial.get_value()
        }
    };
    track_unsaved("this role", request, pending, error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if name.get_untracked().trim().is_empty() || read_only.get_untracked() {
            return;
        }
        on_submit.run(untrack(request));
    };

    view! {
        <form class="form" on:submit=submit>
            <div class="narrow">
                <Field label="Name" error=name_error>
                    <input type="text" bind:value=name on:blur=move |_| touched.set(true) required
                        disabled=read_only/>
                </Field>
                <Field label="Description">
                    <textarea rows="2" bind:value=description disabled=read_only></textarea>
                </Field>
                <label class="check">
                    <input type="checkbox" bind:checked=is_default disabled=read_only/>
                    " Default role of the tenant"
                </label>
                <small class="muted">"New members of the tenant get the default role. Only one role is the default: choosing this one replaces the previous."</small>
            </div>
            <fieldset class="permissions">
                <legend>"Permissions"</legend>
                {move || permissions_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {move || match catalogue.get() {
                    None => view! { <p class="muted" role="status">"Loading the permission catalogue…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="alert error" role="alert">{e.user_message()}</p> }.into_any(),
                    Some(Ok(catalogue)) => view! {
                        <PermissionMatrix catalogue=catalogue value=permissions read_only=read_only templates=templates
                            on_change=Callback::new(move |p| permissions.set(p))/>
                    }.into_any(),
                }}
            </fieldset>
            {move || other_error().map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
            <div class="actions">
                {children.map(|c| c())}
                <Show when=move || !read_only.get()>
                    <SubmitButton label=submit_label pending_label=pending_label pending=pending/>
                </Show>
            </div>
        </form>
    }
}
