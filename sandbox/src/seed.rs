//! `--seed demo`: a small organisation to click through.
//!
//! Runs once per database (a `meta` row remembers it), so restarting with the flag keeps
//! whatever was changed since. What it creates is listed in `sandbox/README.md`.

use kestra_model::{Action, BindingType, CreateBindingRequest, Permissions, Resource};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::auth::hash_password;
use crate::error::Result;
use crate::http::bindings;
use crate::http::groups::add_member;
use crate::http::service_accounts;
use crate::http::tenant_access::grant_access;
use crate::http::tenants::create_admin_role;
use crate::ids;
use crate::rbac::{all_permissions, valid_actions};
use crate::state::AppState;

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

const TENANTS: &[(&str, &str)] = &[
    ("dev", "Development"),
    ("staging", "Staging"),
    ("prod", "Production"),
];

/// (email, first name, last name, tenants)
const USERS: &[(&str, &str, &str, &[&str])] = &[
    (
        "alice@example.com",
        "Alice",
        "Martin",
        &["dev", "staging", "prod"],
    ),
    ("bob@example.com", "Bob", "Nguyen", &["dev", "staging"]),
    ("carol@example.com", "Carol", "Schmidt", &["dev"]),
    ("dave@example.com", "Dave", "Okafor", &["prod"]),
];

/// (tenant, group, description, members)
const GROUPS: &[(&str, &str, &str, &[&str])] = &[
    (
        "dev",
        "Developers",
        "Everyone who writes flows",
        &["bob@example.com", "carol@example.com"],
    ),
    (
        "dev",
        "Platform",
        "Runs Kestra itself",
        &["alice@example.com"],
    ),
    (
        "staging",
        "Developers",
        "Everyone who writes flows",
        &["bob@example.com"],
    ),
    (
        "prod",
        "Operators",
        "On call for production",
        &["dave@example.com"],
    ),
];

/// (tenant, USER email / GROUP name / service-account name, role, namespace)
const BINDINGS: &[(&str, Subject, &str, Option<&str>)] = &[
    ("dev", Subject::User("alice@example.com"), "Admin", None),
    ("dev", Subject::Group("Developers"), "Developer", None),
    (
        "dev",
        Subject::User("carol@example.com"),
        "Launcher",
        Some("company.team"),
    ),
    ("staging", Subject::User("alice@example.com"), "Admin", None),
    ("staging", Subject::Group("Developers"), "Developer", None),
    ("prod", Subject::User("alice@example.com"), "Admin", None),
    ("prod", Subject::Group("Operators"), "Launcher", None),
    ("prod", Subject::User("dave@example.com"), "Viewer", None),
    (
        "prod",
        Subject::ServiceAccount("ci-deployer"),
        "Launcher",
        Some("company"),
    ),
    (
        "dev",
        Subject::ServiceAccount("ci-deployer"),
        "Developer",
        None,
    ),
];

const NAMESPACES: &[&str] = &["company", "company.team", "company.data"];

#[derive(Clone, Copy)]
enum Subject {
    User(&'static str),
    Group(&'static str),
    ServiceAccount(&'static str),
}

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    let password = tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD)).await??;
    state
        .db()
        .write(move |tx| {
            let done: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = 'seed.demo'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if done.is_none() {
                seed(tx, &password)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('seed.demo', '1')",
                    [],
                )?;
            }
            Ok(())
        })
        .await
        .map_err(|err| anyhow::anyhow!("{err}"))
}

fn seed(tx: &Transaction, password: &str) -> Result<()> {
    let now = ids::now_secs();
    for (tenant, name) in TENANTS {
        let added = tx.execute(
            "INSERT OR IGNORE INTO tenants (id, name, extra, created_at) VALUES (?1, ?2, '{}', ?3)",
            params![tenant, name, now],
        )?;
        if added == 0 {
            // The tenant existed before the seed: leave it and everything in it alone.
            continue;
        }
        create_admin_role(tx, tenant)?;
        for (role, description, permissions, is_default) in demo_roles() {
            tx.execute(
                "INSERT INTO roles (id, tenant_id, name, description, permissions, is_default, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    ids::new_id(),
                    tenant,
                    role,
                    description,
                    serde_json::to_string(&permissions).map_err(anyhow::Error::from)?,
                    // The default role is shown in one tenant only, so that the others show
                    // people whose rights come from their bindings alone.
                    is_default && *tenant == "prod",
                    now
                ],
            )?;
        }
        for namespace in NAMESPACES {
            tx.execute(
                "INSERT OR IGNORE INTO namespaces (tenant_id, id, created_at) VALUES (?1, ?2, ?3)",
                params![tenant, namespace, now],
            )?;
        }
    }
    for (email, first, last, tenants) in USERS {
        let existing = user_by_email(tx, email)?;
        let user_id = match existing {
            Some(id) => id,
            None => {
                let id = ids::new_id();
                tx.execute(
                    "INSERT INTO users (id, type, email, first_name, last_name, password_hash, created_at)
                     VALUES (?1, 'STANDARD', ?2, ?3, ?4, ?5, ?6)",
                    params![id, email, first, last, password, now],
                )?;
                id
            }
        };
        for tenant in *tenants {
            grant_access(tx, tenant, &user_id)?;
        }
    }
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE name = 'ci-deployer' AND type = 'SERVICE_ACCOUNT')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        service_accounts::insert(tx, "ci-deployer", Some("Deploys flows from CI"), false)?;
    }
    for (tenant, name, description, members) in GROUPS {
        let group = match group_by_name(tx, tenant, name)? {
            Some(id) => id,
            None => {
                let id = ids::new_id();
                tx.execute(
                    "INSERT INTO groups (id, tenant_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, tenant, name, description, now],
                )?;
                id
            }
        };
        for email in *members {
            if let Some(user) = user_by_email(tx, email)? {
                add_member(tx, tenant, &group, &user)?;
            }
        }
    }
    for (tenant, subject, role, namespace) in BINDINGS {
        let role_id: Option<String> = tx
            .query_row(
                "SELECT id FROM roles WHERE tenant_id = ?1 AND name = ?2",
                params![tenant, role],
                |r| r.get(0),
            )
            .optional()?;
        let (binding_type, external_id) = match subject {
            Subject::User(email) => (BindingType::User, user_by_email(tx, email)?),
            Subject::Group(name) => (BindingType::Group, group_by_name(tx, tenant, name)?),
            Subject::ServiceAccount(name) => (
                BindingType::User,
                tx.query_row(
                    "SELECT id FROM users WHERE name = ?1 AND type = 'SERVICE_ACCOUNT'",
                    [name],
                    |r| r.get(0),
                )
                .optional()?,
            ),
        };
        if let (Some(role_id), Some(external_id)) = (role_id, external_id) {
            let request = CreateBindingRequest {
                binding_type,
                external_id,
                role_id,
                namespace_id: namespace.map(str::to_owned),
            };
            bindings::create(tx, tenant, &request)?;
        }
    }
    Ok(())
}

fn user_by_email(tx: &Transaction, email: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row("SELECT id FROM users WHERE email = ?1", [email], |r| {
            r.get(0)
        })
        .optional()?)
}

fn group_by_name(tx: &Transaction, tenant: &str, name: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM groups WHERE tenant_id = ?1 AND name = ?2",
            params![tenant, name],
            |r| r.get(0),
        )
        .optional()?)
}

/// The demo roles besides the managed Admin: (name, description, permissions, is default).
fn demo_roles() -> Vec<(&'static str, &'static str, Permissions, bool)> {
    let every = |resources: &[Resource]| -> Permissions {
        resources
            .iter()
            .map(|r| (*r, valid_actions(*r).to_vec()))
            .collect()
    };
    let developer = every(&[
        Resource::Flow,
        Resource::Execution,
        Resource::Trigger,
        Resource::Kvstore,
        Resource::Dashboard,
        Resource::Blueprint,
        Resource::Testsuite,
        Resource::NamespaceFile,
        Resource::App,
        Resource::Asset,
    ])
    .into_iter()
    .chain([
        (Resource::Namespace, vec![Action::View, Action::List]),
        (Resource::Secret, vec![Action::View, Action::List]),
    ])
    .collect();
    let viewer = all_permissions()
        .into_iter()
        .filter_map(|(resource, actions)| {
            let read: Vec<Action> = actions
                .into_iter()
                .filter(|a| matches!(a, Action::View | Action::List))
                .collect();
            (!read.is_empty()).then_some((resource, read))
        })
        .collect();
    let launcher = [
        (
            Resource::Flow,
            vec![Action::View, Action::List, Action::Execute],
        ),
        (
            Resource::Execution,
            vec![
                Action::View,
                Action::List,
                Action::Create,
                Action::Restart,
                Action::Kill,
                Action::Follow,
                Action::AccessLogs,
                Action::AccessOutputs,
            ],
        ),
        (Resource::Trigger, vec![Action::View, Action::List]),
        (
            Resource::App,
            vec![Action::View, Action::List, Action::Execute],
        ),
    ]
    .into_iter()
    .collect();
    vec![
        (
            "Developer",
            "Writes, runs and debugs flows",
            developer,
            false,
        ),
        ("Viewer", "Sees everything, changes nothing", viewer, true),
        (
            "Launcher",
            "Runs flows and follows their executions",
            launcher,
            false,
        ),
    ]
}
