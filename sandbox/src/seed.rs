//! `--seed demo`: a small company to click through, told as a story.
//!
//! Acme runs Kestra in three tenants, `dev`, `staging` and `prod`. Five teams use it: Platform
//! runs Kestra itself and administers dev and staging; Data Engineering writes the pipelines;
//! Analytics may only touch its own namespace, `company.analytics`; Security audits everything
//! read-only; Operations is on call for production, where Finance also runs its month-end
//! flows in `company.finance`. Alice Martin leads Platform and is the Admin of every tenant.
//! Production's default role is Viewer, so everyone given access there can look but only
//! run what a binding allows. Two service accounts (CI deployments, the analytics export) hold
//! API tokens, stored hashed like every token, so nobody can read them back. A few people are
//! invited but have not signed up yet; one accepted.
//!
//! Runs once per database (a `meta` row remembers it), so restarting with the flag keeps
//! whatever was changed since; `--demo-reset` restores it on a schedule ([`restore`]).
//! `sandbox/README.md` lists what it creates.

use kestra_model::{BindingType, CreateBindingRequest, InvitationRole, Permissions};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Map;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::ids;
use crate::state::AppState;
use crate::store::access::grant_access;
use crate::store::audit::Actor;
use crate::store::groups::{self, add_member};
use crate::store::invitations::Offer;
use crate::store::passwords::hash_password;
use crate::store::roles::{self, RoleFields};
use crate::store::users::{self, NewUser};
use crate::store::{bindings, invitations, namespaces, templates, tenants, tokens};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

/// Every demo address is `{name}@example.com`, a domain reserved for examples.
const DOMAIN: &str = "example.com";

const TENANTS: &[(&str, &str)] = &[
    ("dev", "Development"),
    ("staging", "Staging"),
    ("prod", "Production"),
];

const ALL: &[&str] = &["dev", "staging", "prod"];

/// (email name, first name, last name, tenants). Group memberships and bindings may add more
/// tenants; these are the ones each person was given access to directly.
const PEOPLE: &[(&str, &str, &str, &[&str])] = &[
    // Platform
    ("alice", "Alice", "Martin", ALL),
    ("priya", "Priya", "Raman", ALL),
    ("mateo", "Mateo", "García", ALL),
    ("yuki", "Yuki", "Tanaka", ALL),
    ("olusegun", "Olusegun", "Adeyemi", &["dev", "staging"]),
    // Data Engineering
    ("bob", "Bob", "Nguyen", &["dev", "staging"]),
    ("carol", "Carol", "Schmidt", &["dev"]),
    ("fatima", "Fatima", "El Amrani", ALL),
    ("lars", "Lars", "Johansson", &["dev", "staging"]),
    ("mei", "Mei", "Lin", ALL),
    ("diego", "Diego", "Fernández", &["dev"]),
    ("aisha", "Aisha", "Mohammed", &["dev", "staging"]),
    ("tomasz", "Tomasz", "Kowalski", &["dev"]),
    // Analytics
    ("sofia", "Sofia", "Rossi", &["dev", "prod"]),
    ("kwame", "Kwame", "Mensah", &["dev", "prod"]),
    ("hannah", "Hannah", "Becker", &["dev", "prod"]),
    ("ravi", "Ravi", "Patel", &["dev", "prod"]),
    ("chloe", "Chloé", "Dubois", &["dev"]),
    ("nadia", "Nadia", "Haddad", &["dev", "prod"]),
    ("lucas", "Lucas", "Silva", &["dev"]),
    // Security
    ("ingrid", "Ingrid", "Nilsen", ALL),
    ("samuel", "Samuel", "Cohen", ALL),
    ("amara", "Amara", "Obi", ALL),
    // Operations
    ("dave", "Dave", "Okafor", &["prod"]),
    ("elena", "Elena", "Popescu", &["staging", "prod"]),
    ("jamal", "Jamal", "Wright", &["prod"]),
    ("hiroshi", "Hiroshi", "Sato", &["prod"]),
    // Finance
    ("grace", "Grace", "Kim", &["prod"]),
    ("omar", "Omar", "Farouk", &["prod"]),
    ("beatriz", "Beatriz", "Costa", &["prod"]),
];

const PLATFORM: &[&str] = &["alice", "priya", "mateo", "yuki", "olusegun"];
const DATA_ENGINEERING: &[&str] = &[
    "bob", "carol", "fatima", "lars", "mei", "diego", "aisha", "tomasz",
];
const ANALYTICS: &[&str] = &[
    "sofia", "kwame", "hannah", "ravi", "chloe", "nadia", "lucas",
];
const SECURITY: &[&str] = &["ingrid", "samuel", "amara"];
const OPERATIONS: &[&str] = &["dave", "elena", "jamal", "hiroshi"];
const FINANCE: &[&str] = &["grace", "omar", "beatriz"];

/// (tenant, group, description, members). A member who lacks access to the tenant gets it.
const GROUPS: &[(&str, &str, &str, &[&str])] = &[
    ("dev", "Platform", "Runs Kestra itself", PLATFORM),
    (
        "dev",
        "Data Engineering",
        "Builds and runs the data pipelines",
        DATA_ENGINEERING,
    ),
    (
        "dev",
        "Analytics",
        "Reports and dashboards, in company.analytics",
        ANALYTICS,
    ),
    ("dev", "Security", "Audits who may do what", SECURITY),
    ("staging", "Platform", "Runs Kestra itself", PLATFORM),
    (
        "staging",
        "Data Engineering",
        "Builds and runs the data pipelines",
        &["bob", "fatima", "lars", "mei", "aisha"],
    ),
    ("staging", "Security", "Audits who may do what", SECURITY),
    (
        "staging",
        "Operations",
        "Rehearses releases before production",
        &["elena"],
    ),
    (
        "prod",
        "Platform",
        "Runs Kestra itself",
        &["alice", "priya", "mateo", "yuki"],
    ),
    (
        "prod",
        "Data Engineering",
        "On call for the data pipelines",
        &["fatima", "mei"],
    ),
    (
        "prod",
        "Analytics",
        "Reports and dashboards, in company.analytics",
        &["sofia", "kwame", "hannah", "ravi", "nadia"],
    ),
    ("prod", "Security", "Audits who may do what", SECURITY),
    ("prod", "Operations", "On call for production", OPERATIONS),
    (
        "prod",
        "Finance",
        "Month-end reporting, in company.finance",
        FINANCE,
    ),
];

/// Who is given which role, where: (tenant, subject, role, namespace or the whole tenant).
const BINDINGS: &[(&str, Subject, &str, Option<&str>)] = &[
    ("dev", Subject::Person("alice"), "Admin", None),
    ("dev", Subject::Group("Platform"), "Admin", None),
    ("dev", Subject::Group("Data Engineering"), "Developer", None),
    (
        "dev",
        Subject::Group("Analytics"),
        "Developer",
        Some("company.analytics"),
    ),
    ("dev", Subject::Group("Security"), "Viewer", None),
    (
        "dev",
        Subject::ServiceAccount("ci-deployer"),
        "Developer",
        None,
    ),
    ("staging", Subject::Person("alice"), "Admin", None),
    ("staging", Subject::Group("Platform"), "Admin", None),
    (
        "staging",
        Subject::Group("Data Engineering"),
        "Developer",
        None,
    ),
    ("staging", Subject::Group("Security"), "Viewer", None),
    ("staging", Subject::Group("Operations"), "Launcher", None),
    (
        "staging",
        Subject::ServiceAccount("ci-deployer"),
        "Developer",
        None,
    ),
    ("prod", Subject::Person("alice"), "Admin", None),
    ("prod", Subject::Group("Platform"), "Launcher", None),
    ("prod", Subject::Group("Operations"), "Launcher", None),
    (
        "prod",
        Subject::Group("Data Engineering"),
        "Launcher",
        Some("company.data"),
    ),
    (
        "prod",
        Subject::Group("Analytics"),
        "Launcher",
        Some("company.analytics"),
    ),
    ("prod", Subject::Group("Security"), "Viewer", None),
    (
        "prod",
        Subject::Group("Finance"),
        "Launcher",
        Some("company.finance"),
    ),
    ("prod", Subject::Person("dave"), "Viewer", None),
    (
        "prod",
        Subject::ServiceAccount("ci-deployer"),
        "Developer",
        Some("company"),
    ),
    (
        "prod",
        Subject::ServiceAccount("reporting-sync"),
        "Launcher",
        Some("company.analytics"),
    ),
];

/// (name, description, tenants, token name, token description).
const SERVICE_ACCOUNTS: &[(&str, &str, &[&str], &str, &str)] = &[
    (
        "ci-deployer",
        "Deploys flows from CI",
        ALL,
        "github-actions",
        "Used by the deploy workflow of the flows repository",
    ),
    (
        "reporting-sync",
        "Exports analytics results to the BI warehouse",
        &["prod"],
        "warehouse-export",
        "Nightly export job",
    ),
];

/// (tenant, email name, roles with their namespace, groups, accepted). Pending invitations
/// are for people without an account; an accepted one is for someone who has one.
const INVITATIONS: &[(&str, &str, InvitedRoles, &[&str], bool)] = &[
    ("dev", "zara", &[], &["Data Engineering"], false),
    (
        "prod",
        "noah",
        &[("Launcher", Some("company.finance"))],
        &["Finance"],
        false,
    ),
    ("staging", "ines", &[("Viewer", None)], &["Security"], false),
    (
        "staging",
        "lucas",
        &[("Developer", Some("company.analytics"))],
        &[],
        true,
    ),
];

/// (role name, namespace or the whole tenant)
type InvitedRoles = &'static [(&'static str, Option<&'static str>)];

const NAMESPACES: &[&str] = &[
    "company",
    "company.platform",
    "company.data",
    "company.data.ingest",
    "company.analytics",
    "company.analytics.reports",
    "company.finance",
    "company.security",
];

#[derive(Clone, Copy)]
enum Subject {
    Person(&'static str),
    Group(&'static str),
    ServiceAccount(&'static str),
}

/// Hashes the demo password (slow on purpose: argon2), for [`seed`] and [`restore`].
pub async fn demo_password_hash() -> anyhow::Result<String> {
    tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD)).await?
}

/// Adds the demo data unless this database already had it once.
pub async fn demo(state: &AppState, password_hash: String) -> anyhow::Result<()> {
    state
        .db()
        .write(move |tx| {
            let done: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = 'seed.demo'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if done.is_none() {
                seed(tx, &password_hash)?;
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

/// `--demo-reset`: replaces everything with the demo data, in the caller's transaction (see
/// `demo_reset` for why one transaction).
///
/// Every tenant (with all it holds) and every user and service account go, except the
/// instance owner named by `owner` (email, password hash), who gets that password back and
/// loses the names and API tokens visitors gave them. The tenant that tenant-less paths
/// address, if the settings call for one, is recreated.
pub fn restore(
    tx: &Transaction,
    demo_hash: &str,
    owner: Option<(&str, &str)>,
    implicit_tenant: Option<&str>,
) -> Result<()> {
    let (owner_email, owner_hash) = owner.unzip();
    tx.execute("DELETE FROM tenants", [])?;
    // A reset starts a fresh audit trail: the old one describes data that is gone.
    tx.execute("DELETE FROM audit_logs", [])?;
    tx.execute(
        "DELETE FROM users WHERE type <> 'STANDARD' OR email IS NOT ?1",
        [owner_email],
    )?;
    if let (Some(email), Some(hash)) = (owner_email, owner_hash) {
        // Only the owner's tokens are left (the others went with their users): visitors made them.
        tx.execute("DELETE FROM api_tokens", [])?;
        let updated = tx.execute(
            "UPDATE users SET password_hash = ?2, super_admin = 1, restricted = 0,
             first_name = NULL, last_name = NULL, description = NULL WHERE email = ?1",
            params![email, hash],
        )?;
        if updated == 0 {
            let owner = NewUser {
                email,
                first_name: None,
                last_name: None,
                password_hash: Some(hash.to_owned()),
                super_admin: true,
                restricted: false,
            };
            users::insert_person(tx, &ids::new_id(), &owner)?;
        }
    }
    if let Some(tenant) = implicit_tenant {
        tenants::create_implicit(tx, tenant)?;
    }
    seed(tx, demo_hash)
}

/// Adds the demo data to what the database holds, leaving alone any tenant that already
/// exists and reusing people and groups that do.
fn seed(tx: &Transaction, password_hash: &str) -> Result<()> {
    for (tenant, name) in TENANTS {
        let admin = stable_id(&["role", tenant, "Admin"]);
        if !tenants::create_if_missing(tx, tenant, name, &admin)? {
            // The tenant existed before the seed: leave it and everything in it alone.
            continue;
        }
        for (role, description, permissions, is_default) in demo_roles() {
            let fields = RoleFields {
                name: role,
                description: Some(description),
                permissions: &permissions,
                // The default role is shown in one tenant only, so that the others show
                // people whose rights come from their bindings alone.
                is_default: Some(is_default && *tenant == "prod"),
            };
            roles::create(
                tx,
                &Actor::system(),
                tenant,
                &stable_id(&["role", tenant, role]),
                &fields,
            )?;
        }
        for namespace in NAMESPACES {
            namespaces::create(tx, &Actor::system(), tenant, namespace, None, Map::new())?;
        }
    }
    for (name, first, last, tenants) in PEOPLE {
        let user = match person(tx, name)? {
            Some(id) => id,
            None => {
                let id = stable_id(&["person", name]);
                let person = NewUser {
                    email: &email(name),
                    first_name: Some((*first).to_owned()),
                    last_name: Some((*last).to_owned()),
                    password_hash: Some(password_hash.to_owned()),
                    super_admin: false,
                    restricted: false,
                };
                users::insert_person(tx, &id, &person)?;
                id
            }
        };
        for tenant in *tenants {
            grant_access(tx, tenant, &user)?;
        }
    }
    for (name, description, tenants, token, token_description) in SERVICE_ACCOUNTS {
        if service_account(tx, name)?.is_some() {
            continue;
        }
        let account = stable_id(&["service-account", name]);
        users::insert_service_account(tx, &account, name, Some(description), false)?;
        for tenant in *tenants {
            grant_access(tx, tenant, &account)?;
        }
        // The token is thrown away at once: only its hash is stored, as for every token.
        tokens::insert(
            tx,
            &Actor::system(),
            &account,
            token,
            Some(token_description),
            None,
            false,
        )?;
    }
    for (tenant, name, description, members) in GROUPS {
        let group = match group_by_name(tx, tenant, name)? {
            Some(id) => id,
            None => {
                let id = stable_id(&["group", tenant, name]);
                groups::create(
                    tx,
                    &Actor::system(),
                    tenant,
                    &id,
                    name,
                    Some(description),
                    &[],
                )?;
                id
            }
        };
        for member in *members {
            if let Some(user) = person(tx, member)? {
                add_member(tx, tenant, &group, &user)?;
            }
        }
    }
    for (tenant, subject, role, namespace) in BINDINGS {
        let external_id = match subject {
            Subject::Person(name) => person(tx, name)?,
            Subject::Group(name) => group_by_name(tx, tenant, name)?,
            Subject::ServiceAccount(name) => service_account(tx, name)?,
        };
        let binding_type = match subject {
            Subject::Group(_) => BindingType::Group,
            Subject::Person(_) | Subject::ServiceAccount(_) => BindingType::User,
        };
        if let (Some(role_id), Some(external_id)) = (role_by_name(tx, tenant, role)?, external_id) {
            let request = CreateBindingRequest {
                binding_type,
                external_id,
                role_id,
                namespace_id: namespace.map(str::to_owned),
            };
            bindings::create(tx, &Actor::system(), tenant, &request)?;
        }
    }
    for (tenant, name, roles, groups, accepted) in INVITATIONS {
        let mut invited_roles = Vec::new();
        for (role, namespace) in *roles {
            if let Some(id) = role_by_name(tx, tenant, role)? {
                invited_roles.push(InvitationRole {
                    id,
                    namespaces: namespace.map(|ns| vec![ns.to_owned()]),
                });
            }
        }
        let mut invited_groups = Vec::new();
        for group in *groups {
            invited_groups.extend(group_by_name(tx, tenant, group)?);
        }
        let offer = Offer {
            email: &email(name),
            super_admin: false,
            roles: &invited_roles,
            groups: &invited_groups,
        };
        let invitation = invitations::insert(tx, tenant, &offer)?;
        if *accepted && let Some(user) = person(tx, name)? {
            invitations::accept_as(tx, &invitation, &user)?;
        }
    }
    Ok(())
}

/// The same id for the same demo person, group, role or account in every database and after
/// every reset, so that a console page open on one (its id is in the URL) still shows it after
/// `--demo-reset` restored the data. Shaped like [`ids::new_id`]'s.
fn stable_id(parts: &[&str]) -> String {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut hash = Sha256::new();
    for part in ["kestra-admin-sandbox demo"].iter().chain(parts) {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize()
        .iter()
        .take(22)
        .map(|b| BASE62[usize::from(*b) % BASE62.len()] as char)
        .collect()
}

fn email(name: &str) -> String {
    format!("{name}@{DOMAIN}")
}

fn person(tx: &Transaction, name: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM users WHERE email = ?1 AND type = 'STANDARD'",
            [email(name)],
            |r| r.get(0),
        )
        .optional()?)
}

fn service_account(tx: &Transaction, name: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM users WHERE name = ?1 AND type = 'SERVICE_ACCOUNT'",
            [name],
            |r| r.get(0),
        )
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

fn role_by_name(tx: &Transaction, tenant: &str, name: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM roles WHERE tenant_id = ?1 AND name = ?2",
            params![tenant, name],
            |r| r.get(0),
        )
        .optional()?)
}

/// The demo roles besides the managed Admin, from Kestra's templates: (name, description,
/// permissions, is default).
fn demo_roles() -> Vec<(&'static str, &'static str, Permissions, bool)> {
    vec![
        (
            "Developer",
            "Writes, runs and debugs flows",
            templates::developer(),
            false,
        ),
        (
            "Viewer",
            "Sees everything, changes nothing",
            templates::viewer(),
            true,
        ),
        (
            "Launcher",
            "Runs flows and follows their executions",
            templates::launcher(),
            false,
        ),
    ]
}
