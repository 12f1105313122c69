//! `kestra-admin-sandbox tenants create`: Kestra's `kestra tenants create` for the sandbox.
//!
//! The tenant goes through the same checks and the same insert as `POST /api/v1/tenants`
//! (`store::tenants::CheckedTenant`). `--admin-username` names the person who gets access and
//! the new tenant's Admin role, as the API does for a tenant's creator. That person must exist,
//! unless `--admin-password` is given: then they are created with that password, so a fresh
//! database can be set up without the API (Kestra's command creates its admin user the same
//! way).

use clap::{Args, Subcommand};
use kestra_model::Tenant;
use rusqlite::OptionalExtension;

use crate::cli::DbFile;
use crate::error::Error;
use crate::ids;
use crate::store::audit::Actor;
use crate::store::passwords::hash_optional;
use crate::store::tenants::CheckedTenant;
use crate::store::users::{self, NewUser, validate_email};

#[derive(Subcommand)]
pub enum TenantsCommand {
    /// Create a tenant with its Admin role, and give that role to a person.
    Create(Create),
}

#[derive(Args)]
pub struct Create {
    /// The tenant's id (`^[a-z0-9][a-z0-9_-]*`).
    #[arg(long)]
    tenant: String,

    /// The tenant's display name.
    #[arg(long)]
    name: String,

    /// Email of the person to make the tenant's admin (access and the Admin role).
    #[arg(long)]
    admin_username: Option<String>,

    /// Creates the admin with this password if no one has that email yet; an existing person
    /// keeps their password. Prefer the environment variable: arguments are visible to others.
    #[arg(
        long,
        env = "KESTRA_SANDBOX_TENANT_ADMIN_PASSWORD",
        hide_env_values = true,
        requires = "admin_username"
    )]
    admin_password: Option<String>,

    #[command(flatten)]
    db: DbFile,
}

pub async fn run(command: TenantsCommand) -> anyhow::Result<()> {
    match command {
        TenantsCommand::Create(args) => create(args).await,
    }
}

async fn create(args: Create) -> anyhow::Result<()> {
    let tenant = CheckedTenant::from_request(Tenant {
        id: args.tenant,
        name: args.name,
        ..Default::default()
    })?;
    let admin = args
        .admin_username
        .as_deref()
        .map(validate_email)
        .transpose()?;
    let password_hash = hash_optional(args.admin_password).await?;
    let db = args.db.open()?;
    let (created, admin) = db
        .write(move |tx| {
            let Some(email) = admin else {
                return Ok((tenant.insert(tx, &Actor::system(), None)?, None));
            };
            let existing: Option<String> = tx
                .query_row(
                    "SELECT id FROM users WHERE email = ?1 AND type = 'STANDARD'",
                    [&email],
                    |r| r.get(0),
                )
                .optional()?;
            let (user, new) = match (existing, password_hash) {
                (Some(user), _) => (user, false),
                (None, Some(password_hash)) => {
                    let user = NewUser {
                        email: &email,
                        first_name: None,
                        last_name: None,
                        password_hash: Some(password_hash),
                        super_admin: false,
                        restricted: false,
                    };
                    let id = ids::new_id();
                    users::insert_person(tx, &id, &user)?;
                    (id, true)
                }
                (None, None) => {
                    return Err(Error::NotFound(format!(
                        "No user has the email '{email}'; create them first, or pass \
                         --admin-password (or KESTRA_SANDBOX_TENANT_ADMIN_PASSWORD) to create them"
                    )));
                }
            };
            Ok((
                tenant.insert(tx, &Actor::system(), Some(&user))?,
                Some((email, new)),
            ))
        })
        .await?;
    println!("Created tenant '{}' ({})", created.id, created.name);
    if let Some((email, new)) = admin {
        if new {
            println!("Created user '{email}'");
        }
        println!(
            "Gave '{email}' access and the Admin role in '{}'",
            created.id
        );
    }
    Ok(())
}
