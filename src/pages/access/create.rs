//! `/ui/<tenant>/admin/access/new`: give a role to a user, group or service account, on the
//! whole tenant or one namespace. `?type=group&subject=<id>` picks the subject in advance (the
//! subject pages link here that way); `&role=<id>&namespace=<ns>` the role and the namespace
//! (the effective-access page's "why not?" links here that way).

use kestra_model::CreateBindingRequest;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::field::Field;
use crate::components::submit_button::SubmitButton;
use crate::components::type_ahead::{Choice, TypeAhead};
use crate::hooks::choices::{group_choices, role_choices, service_account_choices, user_choices};
use crate::hooks::submit::{OnFailure, use_submit};
use crate::hooks::unsaved::track_unsaved;
use crate::routes::{self, href, use_tenant};

use crate::sections::bindings::{self, BindingEffect, BindingSketch, SubjectKind};

/// The create-binding form.
#[component]
pub fn BindingCreate() -> impl IntoView {
    let tenant = use_tenant();
    let navigate = use_navigate();
    let params = use_query_map();
    let given = params.with_untracked(|p| {
        let kind = p.get("type").as_deref().and_then(SubjectKind::from_param);
        kind.zip(p.get("subject"))
    });
    let kind = RwSignal::new(given.as_ref().map_or(SubjectKind::User, |(k, _)| *k));
    let subject = RwSignal::new(None::<Choice>);
    // A subject given in the URL is shown by name once looked up.
    if let Some((given_kind, id)) = given.clone() {
        leptos::task::spawn_local(async move {
            let tenant = tenant.get_untracked();
            let label = subject_name(&tenant, given_kind, &id)
                .await
                .unwrap_or_else(|| id.clone());
            subject.set(Some(Choice {
                id,
                label,
                detail: None,
            }));
        });
    }
    let role = RwSignal::new(None::<Choice>);
    // A role given in the URL (`?role=<id>`, e.g. from "why not?") is shown by name once looked up.
    if let Some(id) = params.with_untracked(|p| p.get("role")) {
        leptos::task::spawn_local(async move {
            let tenant = tenant.get_untracked();
            let label = api::roles::get(&tenant, &id)
                .await
                .ok()
                .flatten()
                .and_then(|r| r.name)
                .unwrap_or_else(|| id.clone());
            role.set(Some(Choice {
                id,
                label,
                detail: None,
            }));
        });
    }
    let namespace =
        RwSignal::new(params.with_untracked(|p| p.get("namespace").unwrap_or_default()));
    let subject_text = RwSignal::new(String::new());
    let role_text = RwSignal::new(String::new());
    let users = user_choices(tenant, subject_text);
    let groups = group_choices(tenant, subject_text);
    let accounts = service_account_choices(tenant, subject_text);
    let subject_options = Signal::derive(move || match kind.get() {
        SubjectKind::User => users.get(),
        SubjectKind::Group => groups.get(),
        SubjectKind::ServiceAccount => accounts.get(),
    });
    let roles = role_choices(tenant, role_text);
    let namespaces = LocalResource::new(move || {
        let (tenant, q) = (tenant.get(), namespace.get());
        async move {
            api::namespaces::autocomplete(&tenant, q.trim())
                .await
                .unwrap_or_default()
        }
    });
    let touched = RwSignal::new(false);

    let save = use_submit(
        move |request: &CreateBindingRequest| {
            let (tenant, request) = (tenant.get_untracked(), request.clone());
            async move { api::bindings::create(&tenant, &request).await }
        },
        move |binding| {
            let tenant = tenant.get_untracked();
            let back = match (kind.get_untracked(), subject.get_untracked()) {
                (SubjectKind::Group, Some(group)) => {
                    bindings::subject_link(&tenant, SubjectKind::Group, &group.id)
                }
                (kind, Some(s)) => routes::access(
                    &tenant,
                    &[("type", Some(kind.param())), ("subject", Some(&s.id))],
                ),
                _ => routes::access(&tenant, &[]),
            };
            navigate(&back, Default::default());
            format!("Given: {}", bindings::describe(&binding))
        },
        OnFailure::FormShows,
    );
    let server_error = move || save.value().get().and_then(Result::err);
    let subject_error = Signal::derive(move || {
        (touched.get() && subject.with(Option::is_none))
            .then(|| "Pick who gets the role.".to_string())
    });
    let role_error = Signal::derive(move || {
        (touched.get() && role.with(Option::is_none)).then(|| "Pick a role.".to_string())
    });
    let namespace_error = Signal::derive(move || {
        namespace_rule(&namespace.get())
            .err()
            .or_else(|| server_error().and_then(|e| e.field_message("namespaceId")))
    });
    track_unsaved(
        "the new binding",
        move || {
            let id = |picked: RwSignal<Option<Choice>>| picked.get().map(|c| c.id);
            (id(subject), id(role), namespace.get())
        },
        save.pending().into(),
        Signal::derive(server_error),
    );
    // A namespace that does not exist (a typo, often) would make a binding that grants nothing
    // now and starts granting the day someone creates that namespace: it asks first.
    let unknown = RwSignal::new(None::<CreateBindingRequest>);
    let asking = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let (Some(subject), Some(role)) = (subject.get_untracked(), role.get_untracked()) else {
            return;
        };
        let Ok(namespace_id) = namespace_rule(&namespace.get_untracked()) else {
            return;
        };
        let request = CreateBindingRequest {
            binding_type: kind.get_untracked().binding_type(),
            external_id: subject.id,
            role_id: role.id,
            namespace_id,
        };
        let Some(ns) = request.namespace_id.clone() else {
            save.dispatch(request);
            return;
        };
        let tenant = tenant.get_untracked();
        leptos::task::spawn_local(async move {
            if namespace_exists(&tenant, &ns).await {
                save.dispatch(request);
            } else {
                unknown.set(Some(request));
                asking.set(true);
            }
        });
    };
    // What the binding would give, said as soon as who and which role are picked.
    let sketch = Signal::derive(move || {
        let (subject, role) = (subject.get()?, role.get()?);
        Some(BindingSketch {
            role_id: role.id,
            group: (kind.get() == SubjectKind::Group).then(|| subject.id.clone()),
            subject: subject.label,
            namespace: namespace_rule(&namespace.get()).ok()?,
        })
    });
    let unknown_name = move || {
        unknown
            .get()
            .and_then(|r| r.namespace_id)
            .unwrap_or_default()
    };
    let chosen = move |picked: RwSignal<Option<Choice>>, what: &'static str| {
        picked.get().map(|choice| {
            view! {
                <span class="chip">
                    {choice.label.clone()}
                    <button type="button" class="ghost" aria-label=format!("Change {what}")
                        on:click=move |_| picked.set(None)>"×"</button>
                </span>
            }
        })
    };

    view! {
        <section class="narrow">
            <p><a href=move || href(&routes::access(&tenant.get(), &[]))>"← Access"</a></p>
            <header class="page-header"><h1>"Give a role"</h1></header>
            <form class="form" on:submit=on_submit>
                <Field label="Subject type">
                    <select aria-label="Subject type" on:change=move |ev| {
                        if let Some(k) = SubjectKind::from_param(&event_target_value(&ev)) {
                            kind.set(k);
                            subject.set(None);
                        }
                    }>
                        {SubjectKind::ALL.into_iter().map(|k| view! {
                            <option value=k.param() selected=move || kind.get() == k>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <div class="field" class:invalid=move || subject_error.with(Option::is_some)>
                    <span class="label">"Subject"</span>
                    {move || chosen(subject, "subject")}
                    <Show when=move || subject.with(Option::is_none)>
                        <TypeAhead label="Subject" text=subject_text options=subject_options
                            on_pick=Callback::new(move |c| subject.set(Some(c))) placeholder="Type a name…"/>
                    </Show>
                    {move || subject_error.get().map(|e| view! { <small class="error" role="alert">{e}</small> })}
                </div>
                <div class="field" class:invalid=move || role_error.with(Option::is_some)>
                    <span class="label">"Role"</span>
                    {move || chosen(role, "role")}
                    <Show when=move || role.with(Option::is_none)>
                        <TypeAhead label="Role" text=role_text options=roles
                            on_pick=Callback::new(move |c| role.set(Some(c))) placeholder="Type a role name…"/>
                    </Show>
                    {move || role_error.get().map(|e| view! { <small class="error" role="alert">{e}</small> })}
                </div>
                <Field label="Namespace" hint="Leave empty for the whole tenant; a namespace covers the namespaces below it."
                    error=namespace_error>
                    <input type="text" aria-label="Namespace" list="binding-namespaces" bind:value=namespace placeholder="e.g. company.team"/>
                </Field>
                <datalist id="binding-namespaces">
                    {move || namespaces.get().unwrap_or_default().into_iter()
                        .map(|ns| view! { <option value=ns></option> }).collect_view()}
                </datalist>
                {move || server_error().filter(|e| e.field_message("namespaceId").is_none())
                    .map(|e| view! { <p class="alert error" role="alert">{e.user_message()}</p> })}
                <div aria-live="polite"><BindingEffect gives=true binding=sketch/></div>
                <div class="actions">
                    <a class="button" href=move || href(&routes::access(&tenant.get(), &[]))>"Cancel"</a>
                    <SubmitButton label="Give role" pending_label="Giving…" pending=save.pending()/>
                </div>
            </form>
            <ConfirmDialog open=asking
                title=Signal::derive(move || format!("Namespace “{}” does not exist", unknown_name()))
                message=Signal::derive(move || format!(
                    "No namespace of this tenant is called “{}” or lies below it. The role would grant nothing now, and would start granting the day such a namespace is created. Check the spelling, or give the role anyway.",
                    unknown_name()))
                confirm_label="Give the role anyway" pending=save.pending()
                on_confirm=Callback::new(move |()| {
                    asking.set(false);
                    if let Some(request) = unknown.get_untracked() { save.dispatch(request); }
                })/>
        </section>
    }
}

/// Whether `namespace` exists in `tenant`, or has namespaces below it (a binding there covers
/// them). When the server cannot say, the binding goes ahead: the server has the last word.
async fn namespace_exists(tenant: &str, namespace: &str) -> bool {
    let below = format!("{namespace}.");
    api::namespaces::autocomplete(tenant, namespace)
        .await
        .map(|found| {
            found
                .iter()
                .any(|n| n == namespace || n.starts_with(&below))
        })
        .unwrap_or(true)
}

/// Kestra's namespace pattern `^[a-z0-9][a-z0-9._-]*`; an empty text means the whole tenant.
fn namespace_rule(text: &str) -> Result<Option<String>, String> {
    let ns = text.trim();
    let mut chars = ns.chars();
    match chars.next() {
        None => Ok(None),
        Some(first)
            if (first.is_ascii_lowercase() || first.is_ascii_digit())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)) =>
        {
            Ok(Some(ns.to_string()))
        }
        Some(_) => Err("Use lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit (e.g. company.team).".into()),
    }
}

/// The display name of a subject given by id.
async fn subject_name(tenant: &str, kind: SubjectKind, id: &str) -> Option<String> {
    match kind {
        SubjectKind::Group => api::groups::get(tenant, id).await.ok()??.name,
        SubjectKind::ServiceAccount => Some(
            api::service_accounts::get_in_tenant(tenant, id)
                .await
                .ok()??
                .name,
        ),
        SubjectKind::User => {
            let access = api::tenant_access::get(tenant, id).await.ok()??;
            access
                .display_name
                .filter(|n| !n.is_empty())
                .or(access.username)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::namespace_rule;

    #[test]
    fn namespaces_follow_kestras_pattern_and_empty_means_the_whole_tenant() {
        assert_eq!(namespace_rule("  "), Ok(None));
        assert_eq!(
            namespace_rule(" company.team "),
            Ok(Some("company.team".into()))
        );
        for bad in ["Company", ".company", "comp any", "é"] {
            assert!(namespace_rule(bad).is_err(), "{bad} should be refused");
        }
    }
}
