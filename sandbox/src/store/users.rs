//! Accounts: people and service accounts, the two kinds of row in `users`.
//!
//! [`Inserter`] holds the one `INSERT INTO users` ([`insert_person`] and
//! [`insert_service_account`] use it), so the rules of the table (emails and service-account
//! names unique, each answered with its own 409) are kept in one place. Also here: every other
//! change to an account, the instance-owner flag and the rule that the instance keeps one.
//! How an account is shown is `identity`'s business, which tenants it may use `access`'s, and
//! its group memberships `groups`'.

use kestra_model::{Resource, User, UserDetailsRequest};
use rusqlite::{Connection, Statement, Transaction, params};

use crate::error::{Error, Result, ResultExt};
use crate::ids;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::identity::{BASIC_AUTH_ID, load};

/// Runs `f`, which changes account `id` (a person or a service account) in one or several
/// steps, and logs it as one change by `actor`: `CREATE` when the account did not exist,
/// `DELETE` when it no longer does, `UPDATE` otherwise, even when the change does not show in
/// the account's JSON (a new password). `tenant` is where a tenant's service-account endpoints
/// made the change; people and the instance's service accounts log instance-wide (`None`).
///
/// One request changes an account through several store functions (the row, its tenants, its
/// groups), so the handler wraps them all here and the request leaves exactly one log.
pub fn audited<T>(
    tx: &Transaction,
    actor: &Actor,
    tenant: Option<&str>,
    id: &str,
    f: impl FnOnce(&Transaction) -> Result<T>,
) -> Result<T> {
    let before = snapshot(tx, id)?;
    let value = f(tx)?;
    let after = snapshot(tx, id)?;
    let action = match (&before, &after) {
        (None, _) => AuditAction::Create,
        (Some(_), None) => AuditAction::Delete,
        _ => AuditAction::Update,
    };
    let resource = match before.as_ref().or(after.as_ref()).map(|a| &a["type"]) {
        Some(serde_json::Value::String(kind)) if kind == "SERVICE_ACCOUNT" => {
            Resource::ServiceAccount
        }
        _ => Resource::User,
    };
    let change = Change {
        tenant,
        action,
        resource,
        id,
        before,
        after,
    };
    audit::record(tx, actor, change)?;
    Ok(value)
}

/// Account `id` as the audit trail shows it: its row (the password hash dropped, and whether
/// there is one kept as `basicAuth`: a field named for a password would be redacted), the tenants it may use and the groups it is in.
fn snapshot(conn: &Connection, id: &str) -> Result<Option<serde_json::Value>> {
    let Some(mut account) = audit::row(
        conn,
        "SELECT id, type, email, name, first_name, last_name, description, super_admin,
                restricted, password_hash IS NOT NULL AS basic_auth, created_at
         FROM users WHERE id = ?1",
        [id],
    )?
    else {
        return Ok(None);
    };
    let list = |sql: &str| -> Result<Vec<String>> {
        Ok(conn
            .prepare(sql)?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    };
    account["tenants"] =
        list("SELECT tenant_id FROM tenant_access WHERE user_id = ?1 ORDER BY tenant_id")?.into();
    account["groups"] =
        list("SELECT group_id FROM group_members WHERE user_id = ?1 ORDER BY group_id")?.into();
    Ok(Some(account))
}

/// A person to add, already checked: `email` by [`validate_email`], the password hashed.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub password_hash: Option<String>,
    pub super_admin: bool,
    pub restricted: bool,
}

/// Adds a person under `id` (409 if the email is taken).
pub fn insert_person(tx: &Transaction, id: &str, user: &NewUser) -> Result<()> {
    Inserter::new(tx)?.person(id, user)
}

/// Adds a service account under `id` (409 if the name is taken); an empty description is none.
pub fn insert_service_account(
    tx: &Transaction,
    id: &str,
    name: &str,
    description: Option<&str>,
    super_admin: bool,
) -> Result<()> {
    let row = Columns {
        kind: "SERVICE_ACCOUNT",
        email: None,
        name: Some(name),
        first_name: None,
        last_name: None,
        description: description.filter(|d| !d.is_empty()),
        password_hash: None,
        super_admin,
        restricted: false,
    };
    Inserter::new(tx)?
        .insert(id, &row)
        .on_unique("users.name", || {
            Error::Conflict(format!("A service account named '{name}' already exists"))
        })
}

/// The one `INSERT INTO users`, prepared once: `seed-users` adds up to 100,000 people through
/// one inserter rather than preparing the statement for each.
pub struct Inserter<'tx> {
    statement: Statement<'tx>,
}

impl<'tx> Inserter<'tx> {
    pub fn new(tx: &'tx Transaction) -> Result<Inserter<'tx>> {
        let statement = tx.prepare(
            "INSERT INTO users (id, type, email, name, first_name, last_name, description,
                 password_hash, super_admin, restricted, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        Ok(Inserter { statement })
    }

    /// Adds a person under `id` (409 if the email is taken).
    pub fn person(&mut self, id: &str, user: &NewUser) -> Result<()> {
        let row = Columns {
            kind: "STANDARD",
            email: Some(user.email),
            name: None,
            first_name: user.first_name.as_deref(),
            last_name: user.last_name.as_deref(),
            description: None,
            password_hash: user.password_hash.as_deref(),
            super_admin: user.super_admin,
            restricted: user.restricted,
        };
        self.insert(id, &row).on_unique("users.email", || {
            Error::Conflict(format!("A user with email '{}' already exists", user.email))
        })
    }

    fn insert(&mut self, id: &str, row: &Columns) -> Result<()> {
        self.statement.execute(params![
            id,
            row.kind,
            row.email,
            row.name,
            row.first_name,
            row.last_name,
            row.description,
            row.password_hash,
            row.super_admin,
            row.restricted,
            ids::now_secs()
        ])?;
        Ok(())
    }
}

/// The columns of a new row of `users`.
struct Columns<'a> {
    /// `STANDARD` or `SERVICE_ACCOUNT`.
    kind: &'a str,
    email: Option<&'a str>,
    name: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    description: Option<&'a str>,
    password_hash: Option<&'a str>,
    super_admin: bool,
    restricted: bool,
}

/// A person's fields as `PUT /users/{id}` replaces them, already checked.
pub struct PersonUpdate<'a> {
    pub email: &'a str,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// `None` keeps the current password.
    pub password_hash: Option<String>,
    /// `None` keeps the current flag.
    pub restricted: Option<bool>,
}

/// Replaces person `id`'s details (404 for anyone else, 409 when the email is taken).
pub fn update_person(tx: &Transaction, id: &str, user: &PersonUpdate) -> Result<()> {
    require_standard(tx, id)?;
    tx.execute(
        "UPDATE users SET email = ?2, first_name = ?3, last_name = ?4,
             password_hash = coalesce(?5, password_hash),
             restricted = coalesce(?6, restricted)
         WHERE id = ?1",
        params![
            id,
            user.email,
            user.first_name,
            user.last_name,
            user.password_hash,
            user.restricted
        ],
    )
    .on_unique("users.email", || {
        Error::Conflict(format!("A user with email '{}' already exists", user.email))
    })?;
    Ok(())
}

/// Deletes person `id` (404 for anyone else); 409 for the last instance owner.
pub fn delete_person(tx: &Transaction, id: &str) -> Result<()> {
    require_standard(tx, id)?;
    set_super_admin(tx, id, false).map_err(|err| match err {
        Error::Conflict(_) => Error::Conflict("The last instance owner cannot be deleted".into()),
        other => other,
    })?;
    delete(tx, id)
}

/// Deletes account `id` of either kind, with everything that is theirs (access, memberships,
/// bindings, tokens) by the schema's cascades.
pub fn delete(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute("DELETE FROM users WHERE id = ?1", [id])?;
    Ok(())
}

/// Sets person `id`'s password hash (404 for anyone else).
pub fn set_password(tx: &Transaction, id: &str, password_hash: &str) -> Result<()> {
    require_standard(tx, id)?;
    tx.execute(
        "UPDATE users SET password_hash = ?2 WHERE id = ?1",
        params![id, password_hash],
    )?;
    Ok(())
}

/// Removes sign-in method `auth` of person `id`. The sandbox knows one method, the password
/// (`basic-auth`, see `identity::auths`): removing it clears the password, so the person cannot sign
/// in with one until it is set again; their API tokens still work. 404 for an unknown person or
/// a method they do not have; 409 when they are the last instance owner who can sign in with
/// a password, for the same reason the last one cannot be deleted.
pub fn remove_auth(tx: &Transaction, id: &str, auth: &str) -> Result<()> {
    require_standard(tx, id)?;
    let has_password: bool = tx.query_row(
        "SELECT password_hash IS NOT NULL FROM users WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !has_password || auth != BASIC_AUTH_ID {
        return Err(Error::not_found(format!(
            "Authentication method '{auth}' not found"
        )));
    }
    tx.execute("UPDATE users SET password_hash = NULL WHERE id = ?1", [id])?;
    let owners_who_sign_in: i64 = tx.query_row(
        "SELECT count(*) FROM users
         WHERE super_admin = 1 AND type = 'STANDARD' AND password_hash IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let was_owner: bool =
        tx.query_row("SELECT super_admin FROM users WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    if was_owner && owners_who_sign_in == 0 {
        return Err(Error::Conflict(
            "The last instance owner who signs in with a password cannot lose it".into(),
        ));
    }
    Ok(())
}

/// Sets person `id`'s `restricted` flag (404 for anyone else).
pub fn set_restricted(tx: &Transaction, id: &str, restricted: bool) -> Result<()> {
    require_standard(tx, id)?;
    tx.execute(
        "UPDATE users SET restricted = ?2 WHERE id = ?1",
        params![id, restricted],
    )?;
    Ok(())
}

/// Renames service account `id` (409 when the name is taken); an empty description is none.
pub fn rename_service_account(
    tx: &Transaction,
    id: &str,
    name: &str,
    description: Option<&str>,
) -> Result<()> {
    tx.execute(
        "UPDATE users SET name = ?2, description = ?3 WHERE id = ?1",
        params![id, name, description.filter(|d| !d.is_empty())],
    )
    .on_unique("users.name", || {
        Error::Conflict(format!("A service account named '{name}' already exists"))
    })?;
    Ok(())
}

pub fn user_not_found() -> Error {
    Error::not_found("User not found")
}

/// 404 unless `id` is a standard user (not a service account).
pub fn require_standard(conn: &Connection, id: &str) -> Result<()> {
    if is_kind(conn, id, "STANDARD")? {
        Ok(())
    } else {
        Err(user_not_found())
    }
}

/// 404 unless `id` is a service account.
pub fn require_service_account(conn: &Connection, id: &str) -> Result<()> {
    if is_kind(conn, id, "SERVICE_ACCOUNT")? {
        Ok(())
    } else {
        Err(service_account_not_found())
    }
}

pub fn service_account_not_found() -> Error {
    Error::not_found("Service account not found")
}

/// Whether `id` is an account of `kind` (`STANDARD` or `SERVICE_ACCOUNT`).
fn is_kind(conn: &Connection, id: &str, kind: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND type = ?2)",
        params![id, kind],
        |r| r.get(0),
    )?)
}

/// Sets the instance-owner flag of a user or service account; 409 when that would leave the
/// instance without a standard-user instance owner.
pub fn set_super_admin(tx: &Transaction, id: &str, super_admin: bool) -> Result<()> {
    tx.execute(
        "UPDATE users SET super_admin = ?2 WHERE id = ?1",
        params![id, super_admin],
    )?;
    let owners: i64 = tx.query_row(
        "SELECT count(*) FROM users WHERE super_admin = 1 AND type = 'STANDARD'",
        [],
        |r| r.get(0),
    )?;
    if owners == 0 {
        return Err(Error::Conflict(
            "The instance must keep at least one instance owner".into(),
        ));
    }
    Ok(())
}

/// Applies the fields of a `PATCH /users/{id}` or `PATCH /me` body that are present.
pub fn patch_details(tx: &Transaction, id: &str, body: UserDetailsRequest) -> Result<User> {
    require_standard(tx, id)?;
    let email = body.email.as_deref().map(validate_email).transpose()?;
    tx.execute(
        "UPDATE users SET email = coalesce(?2, email),
             first_name = CASE WHEN ?3 IS NULL THEN first_name ELSE nullif(?3, '') END,
             last_name = CASE WHEN ?4 IS NULL THEN last_name ELSE nullif(?4, '') END
         WHERE id = ?1",
        params![
            id,
            email,
            body.first_name.map(|s| s.trim().to_owned()),
            body.last_name.map(|s| s.trim().to_owned())
        ],
    )
    .on_unique("users.email", || {
        Error::Conflict("A user with this email already exists".into())
    })?;
    load(tx, id)?.ok_or_else(user_not_found)
}

/// Kestra's email pattern (`kestra_model::rules::email`); returns the email trimmed.
pub fn validate_email(email: &str) -> Result<String> {
    kestra_model::rules::email(email).map_err(|message| Error::invalid("email", message))
}
