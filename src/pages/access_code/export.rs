//! `/ui/<tenant>/admin/access/export?format=terraform|kestractl`: the tenant's roles, groups
//! with their members, bindings and namespaces as a Terraform file for Kestra's provider or as
//! a kestractl script, shown and offered as a download. What the format cannot say is listed
//! at the top of the file itself.

use kestra_model::access_code::{AccessSnapshot, kestractl_script, terraform_file};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::load_state::{failed, loading};
use crate::components::toasts::use_toasts;
use crate::hooks::download::save_text;
use crate::routes::{self, href, use_tenant};
use crate::sections::access_code::{Snapshot, read_snapshot};

/// The two formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Terraform,
    Kestractl,
}

impl Format {
    const ALL: [Format; 2] = [Format::Terraform, Format::Kestractl];

    fn from_param(value: Option<String>) -> Format {
        match value.as_deref() {
            Some("kestractl") => Format::Kestractl,
            _ => Format::Terraform,
        }
    }

    fn param(self) -> &'static str {
        match self {
            Format::Terraform => "terraform",
            Format::Kestractl => "kestractl",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Format::Terraform => "Terraform",
            Format::Kestractl => "kestractl script",
        }
    }

    /// The file's name, type and text.
    fn file(self, access: &AccessSnapshot) -> (String, &'static str, String) {
        match self {
            Format::Terraform => (
                format!("kestra-access-{}.tf", access.tenant),
                "text/plain",
                terraform_file(access),
            ),
            Format::Kestractl => (
                format!("kestra-access-{}.sh", access.tenant),
                "text/x-shellscript",
                kestractl_script(access),
            ),
        }
    }
}

/// The export page.
#[component]
pub fn AccessExport() -> impl IntoView {
    let tenant = use_tenant();
    let params = use_query_map();
    let format = Memo::new(move |_| Format::from_param(params.with(|p| p.get("format"))));
    let navigate = use_navigate();
    let choose = move |f: Format| {
        navigate(
            &routes::access_export(&tenant.get_untracked(), Some(f.param())),
            Default::default(),
        )
    };
    let snapshot = LocalResource::new(move || {
        let tenant = tenant.get();
        async move { read_snapshot(&tenant).await }
    });

    view! {
        <section>
            <p><a href=move || href(&routes::access(&tenant.get(), &[]))>"← Access"</a></p>
            <header class="page-header"><h1>"Access as code"</h1></header>
            <p class="muted">
                "This tenant's roles, groups with their members, bindings and namespaces, as a file "
                "to keep in version control or apply to another Kestra. What a format cannot say is "
                "listed at the top of the file."
            </p>
            <div class="tabs" role="tablist" aria-label="Format">
                {Format::ALL.into_iter().map(|f| {
                    let choose = choose.clone();
                    view! {
                        <button type="button" role="tab" class:active=move || format.get() == f
                            aria-selected=move || (format.get() == f).to_string()
                            on:click=move |_| choose(f)>{f.label()}</button>
                    }
                }).collect_view()}
            </div>
            <div class="tab-panel" role="tabpanel">
                {move || match snapshot.get() {
                    None => loading("Reading the tenant's roles, groups, members, bindings and namespaces…"),
                    Some(Err(error)) => failed(&error),
                    Some(Ok(snapshot)) => view! { <ExportFile snapshot=snapshot format=format/> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The file of one format: what it holds, download and copy buttons, and the text.
#[component]
fn ExportFile(snapshot: Snapshot, format: Memo<Format>) -> impl IntoView {
    let toasts = use_toasts();
    let access = snapshot.access;
    let members: usize = access.groups.iter().map(|g| g.members.len()).sum();
    let counts = format!(
        "{}, {} with {}, {}, {}.",
        counted(access.roles.len(), "role"),
        counted(access.groups.len(), "group"),
        counted(members, "membership"),
        counted(access.bindings.len(), "binding"),
        counted(
            access.namespaces.iter().filter(|n| !n.deleted).count(),
            "namespace"
        )
    );
    let cut = (!snapshot.cut.is_empty()).then(|| {
        view! {
            <p class="alert" role="alert">
                "Only part of some lists was read, so the file is not complete: "
                {snapshot.cut.join(", ")} "."
            </p>
        }
    });
    let file = Memo::new(move |_| format.get().file(&access));
    let download = move |_| {
        let (name, mime, text) = file.get_untracked();
        if let Err(message) = save_text(&name, mime, &text) {
            toasts.error(format!("Could not offer the file: {message}"));
        }
    };
    let copy = move |_| {
        let text = file.get_untracked().2;
        let _ = window().navigator().clipboard().write_text(&text);
        toasts.success("Copied to the clipboard.");
    };

    view! {
        <p>{counts}</p>
        {cut}
        <div class="actions start">
            <button type="button" class="primary" on:click=download>
                {move || format!("Download {}", file.get().0)}
            </button>
            <button type="button" on:click=copy>"Copy to the clipboard"</button>
        </div>
        <pre class="code-file" tabindex="0" aria-label=move || format!("{} file", format.get().label())>
            {move || file.get().2}
        </pre>
    }
}

/// "1 role", "3 roles".
fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}
