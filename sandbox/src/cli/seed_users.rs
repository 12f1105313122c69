//! `kestra-admin-sandbox seed-users`: adds many people to a tenant in one go, for benchmarks.
//!
//! The API would take minutes for 100,000 people (a transaction and a request each); this runs
//! one transaction with prepared statements and takes seconds. Names are varied (combinations
//! of common first and last names, several domains, a number) so that searches match a
//! realistic share of them. The people have no password: they cannot sign in, and hashing
//! 100,000 passwords would take longer than everything else. The tenant and the group are
//! created if missing; the first `--members` people join the group.

use clap::Args;
use kestra_model::Tenant;
use rusqlite::{OptionalExtension, params};

use crate::cli::DbFile;
use crate::ids;
use crate::store::access::grant_access;
use crate::store::audit::Actor;
use crate::store::groups;
use crate::store::tenants::CheckedTenant;
use crate::store::users::{self, NewUser};

#[derive(Args)]
pub struct SeedUsers {
    /// The tenant to add them to (created if missing).
    #[arg(long)]
    tenant: String,

    /// How many people to add.
    #[arg(long)]
    users: u32,

    /// A group of the tenant (by name, created if missing) for the first `--members` of them.
    #[arg(long, requires = "members")]
    group: Option<String>,

    /// How many of the new people join `--group`.
    #[arg(long, requires = "group", default_value_t = 0)]
    members: u32,

    #[command(flatten)]
    db: DbFile,
}

const FIRST: &[&str] = &[
    "Alice", "Bruno", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas",
    "Kenji", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samuel", "Tara", "Ugo",
    "Vera", "William", "Xin", "Yusuf", "Zoe", "Aisha", "Boris", "Carmen", "Diego", "Elif", "Felix",
];
const LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Schmidt", "Muller", "Rossi", "Garcia", "Lopez", "Smith",
    "Jones", "Tanaka", "Kim", "Nguyen", "Silva", "Kowalski", "Novak", "Jensen", "Larsen", "Okafor",
    "Haddad", "Petrov", "Ivanova", "Costa", "Moreau", "Fischer", "Weber", "Brown", "Wilson",
    "Singh", "Patel", "Cohen", "Murphy",
];
const DOMAINS: &[&str] = &[
    "example.com",
    "acme.test",
    "corp.example.org",
    "globex.test",
];

pub async fn run(args: SeedUsers) -> anyhow::Result<()> {
    let db = args.db.open()?;
    let started = std::time::Instant::now();
    let (tenant, users, group, members) = (args.tenant, args.users, args.group, args.members);
    let joined = match &group {
        Some(name) if members > 0 => format!(", {} of them to group '{name}'", members.min(users)),
        _ => String::new(),
    };
    let report = tenant.clone();
    db.write(move |tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?1)",
            [&tenant],
            |r| r.get(0),
        )?;
        if !exists {
            CheckedTenant::from_request(Tenant {
                id: tenant.clone(),
                name: tenant.clone(),
                ..Default::default()
            })?
            .insert(tx, &Actor::system(), None)?;
        }
        let group_id = match &group {
            None => None,
            Some(name) => Some(group_in(tx, &tenant, name)?),
        };
        // A per-run tag keeps emails unique when the command runs twice on one database.
        let run = ids::random_base62(4).to_lowercase();
        let now = ids::now_secs();
        let mut people = users::Inserter::new(tx)?;
        let mut member = tx.prepare(
            "INSERT INTO group_members (group_id, user_id, membership, created_at)
             VALUES (?1, ?2, 'MEMBER', ?3)",
        )?;
        for i in 0..users {
            let i = i as usize;
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len()) % LAST.len()];
            let domain = DOMAINS[(i / 7) % DOMAINS.len()];
            let email = format!(
                "{}.{}{i}-{run}@{domain}",
                first.to_lowercase(),
                last.to_lowercase()
            );
            let id = ids::new_id();
            let person = NewUser {
                email: &email,
                first_name: Some(first.to_owned()),
                last_name: Some(last.to_owned()),
                password_hash: None,
                super_admin: false,
                restricted: false,
            };
            people.person(&id, &person)?;
            grant_access(tx, &tenant, &id)?;
            if let Some(group) = &group_id
                && (i as u32) < members
            {
                member.execute(params![group, id, now])?;
            }
        }
        Ok(())
    })
    .await?;
    println!(
        "Added {users} people to tenant '{report}'{joined} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The id of the group named `name` in `tenant`, created if missing.
fn group_in(tx: &rusqlite::Transaction, tenant: &str, name: &str) -> crate::error::Result<String> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM groups WHERE tenant_id = ?1 AND name = ?2",
            [tenant, name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = ids::new_id();
    groups::create(tx, &Actor::system(), tenant, &id, name, None, &[])?;
    Ok(id)
}
