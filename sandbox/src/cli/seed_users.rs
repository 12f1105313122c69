//! `kestra-admin-sandbox seed-users`: adds many people to a tenant in one go, for benchmarks.
//!
//! The API would take minutes for 100,000 people (a transaction and a request each); this runs
//! one transaction with prepared statements and takes seconds. Names are varied (combinations
//! of common first and last names, several domains, a number) so that searches match a
//! realistic share of them. The people have no password: they cannot sign in, and hashing
//! 100,000 passwords would take longer than everything else. The tenant and the group are
//! created if missing; the first `--members` people join the group. With `--teams N`, the
//! tenant also gets roles (Viewer, Developer, Launcher) and N more groups, as a company of that
//! size would: every person joins one team, each team is bound to a role, and every tenth person
//! also holds Viewer directly on a namespace (the bindings the access page lists).

use clap::Args;
use kestra_model::Tenant;
use rusqlite::{OptionalExtension, params};

use crate::cli::DbFile;
use crate::ids;
use crate::store::access::grant_access;
use crate::store::audit::Actor;
use crate::store::groups;
use crate::store::roles::{self, RoleFields};
use crate::store::templates;
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

    /// Groups ("Team 0001"...) the new people are spread over, each bound to a role.
    #[arg(long, default_value_t = 0)]
    teams: u32,

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
    let teams = args.teams;
    let mut joined = match &group {
        Some(name) if members > 0 => format!(", {} of them to group '{name}'", members.min(users)),
        _ => String::new(),
    };
    if teams > 0 {
        joined.push_str(&format!(
            ", spread over {teams} teams bound to roles, every tenth bound to Viewer on a namespace"
        ));
    }
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
        let mut company = Company::create(tx, &tenant, teams, &run)?;
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
            company.join(i, &id, now)?;
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

/// The teams and roles of `--teams`, and how a new person joins them.
struct Company<'tx> {
    tenant: String,
    /// Team ids, in order.
    teams: Vec<String>,
    /// The role bound to people directly.
    viewer: String,
    member: rusqlite::Statement<'tx>,
    bind: rusqlite::Statement<'tx>,
}

impl<'tx> Company<'tx> {
    /// Creates the roles (when missing) and `teams` groups bound to them.
    fn create(
        tx: &'tx rusqlite::Transaction,
        tenant: &str,
        teams: u32,
        run: &str,
    ) -> crate::error::Result<Company<'tx>> {
        let mut roles = Vec::new();
        for (name, permissions) in [
            ("Viewer", templates::viewer()),
            ("Developer", templates::developer()),
            ("Launcher", templates::launcher()),
        ] {
            if teams == 0 {
                break;
            }
            let existing: Option<String> = tx
                .query_row(
                    "SELECT id FROM roles WHERE tenant_id = ?1 AND name = ?2",
                    [tenant, name],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = ids::new_id();
                    let fields = RoleFields {
                        name,
                        description: None,
                        permissions: &permissions,
                        is_default: None,
                    };
                    roles::create(tx, &Actor::system(), tenant, &id, &fields)?;
                    id
                }
            };
            roles.push(id);
        }
        let mut bind_group = tx.prepare(
            "INSERT INTO bindings (id, tenant_id, type, group_id, role_id, created_at)
             VALUES (?1, ?2, 'GROUP', ?3, ?4, ?5)",
        )?;
        let mut team_ids = Vec::new();
        for k in 0..teams as usize {
            let id = ids::new_id();
            let name = format!("Team {:04} {run}", k + 1);
            groups::create(tx, &Actor::system(), tenant, &id, &name, None, &[])?;
            let role = &roles[k % roles.len()];
            bind_group.execute(params![ids::new_id(), tenant, id, role, ids::now_secs()])?;
            team_ids.push(id);
        }
        Ok(Company {
            tenant: tenant.to_owned(),
            teams: team_ids,
            viewer: roles.first().cloned().unwrap_or_default(),
            member: tx.prepare(
                "INSERT INTO group_members (group_id, user_id, membership, created_at)
                 VALUES (?1, ?2, 'MEMBER', ?3)",
            )?,
            bind: tx.prepare(
                "INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace, created_at)
                 VALUES (?1, ?2, 'USER', ?3, ?4, ?5, ?6)",
            )?,
        })
    }

    /// Puts the `i`-th new person in their team, and binds every tenth to Viewer on a namespace.
    fn join(&mut self, i: usize, user: &str, now: i64) -> crate::error::Result<()> {
        if self.teams.is_empty() {
            return Ok(());
        }
        self.member
            .execute(params![self.teams[i % self.teams.len()], user, now])?;
        if i.is_multiple_of(10) {
            let namespace = format!("company.team{}", i % 50);
            self.bind.execute(params![
                ids::new_id(),
                self.tenant,
                user,
                self.viewer,
                namespace,
                now
            ])?;
        }
        Ok(())
    }
}
