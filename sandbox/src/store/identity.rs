//! How an account is shown: its username and display name ([`identity`]), a person in full
//! ([`load`]), the tenants it may use and its sign-in methods. Reads only; changing an account
//! is `users`'s business.

use kestra_model::{TenantSummary, User, UserAuth, UserGroupRef};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// How a user or service account is shown.
pub struct Identity {
    /// The email of a person, the name of a service account.
    pub username: String,
    pub display_name: String,
    pub description: Option<String>,
    pub has_password: bool,
}

/// The columns of `users` (as `u`) that make an [`Identity`], read by [`identity_at`].
pub const IDENTITY_COLUMNS: &str =
    "u.email, u.name, u.first_name, u.last_name, u.description, u.password_hash IS NOT NULL";

/// How `user` is shown, or `None` for an unknown id. (A cached statement: a list's page
/// asks this once per row.)
pub fn identity(conn: &Connection, user: &str) -> Result<Option<Identity>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {IDENTITY_COLUMNS} FROM users u WHERE u.id = ?1"
        ))?
        .query_row([user], |r| identity_at(r, 0))
        .optional()?)
}

/// The [`Identity`] in the `IDENTITY_COLUMNS` of a row, starting at column `at`.
pub fn identity_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Identity> {
    let email: Option<String> = r.get(at)?;
    let name: Option<String> = r.get(at + 1)?;
    let first: Option<String> = r.get(at + 2)?;
    let last: Option<String> = r.get(at + 3)?;
    let username = email.or(name).unwrap_or_default();
    let display = display_name(first.as_deref(), last.as_deref(), &username);
    Ok(Identity {
        username,
        display_name: display,
        description: r.get(at + 4)?,
        has_password: r.get(at + 5)?,
    })
}

/// One person in full, or `None` (also for a service account).
pub fn load(conn: &Connection, id: &str) -> Result<Option<User>> {
    let row = conn
        .query_row(
            "SELECT email, first_name, last_name, password_hash IS NOT NULL, super_admin, restricted
             FROM users WHERE id = ?1 AND type = 'STANDARD'",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((email, first_name, last_name, has_password, super_admin, restricted)) = row else {
        return Ok(None);
    };
    let tenants = tenants_of(conn, id)?;
    let groups = conn
        .prepare(
            "SELECT g.id, g.tenant_id FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?1 ORDER BY g.tenant_id, g.name",
        )?
        .query_map([id], |r| {
            Ok(UserGroupRef {
                id: Some(r.get(0)?),
                tenant_id: Some(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(User {
        id: Some(id.to_owned()),
        username: Some(email.clone()),
        display_name: Some(display_name(
            first_name.as_deref(),
            last_name.as_deref(),
            &email,
        )),
        first_name,
        last_name,
        email: Some(email),
        tenants,
        auths: auths(has_password),
        groups,
        super_admin,
        restricted,
    }))
}

/// The tenants a user or service account has access to, by id.
pub fn tenants_of(conn: &Connection, id: &str) -> Result<Vec<TenantSummary>> {
    Ok(conn
        .prepare(
            "SELECT t.id, t.name FROM tenant_access a JOIN tenants t ON t.id = a.tenant_id
             WHERE a.user_id = ?1 ORDER BY t.id",
        )?
        .query_map([id], |r| {
            Ok(TenantSummary {
                id: Some(r.get(0)?),
                name: Some(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The id of the one sign-in method the sandbox knows, the password.
pub const BASIC_AUTH_ID: &str = "basic-auth";

/// A user's sign-in methods: the sandbox only knows passwords.
pub fn auths(has_password: bool) -> Vec<UserAuth> {
    if has_password {
        vec![UserAuth {
            id: Some(BASIC_AUTH_ID.into()),
            name: Some("Basic authentication".into()),
            auth_type: Some("BASIC".into()),
        }]
    } else {
        Vec::new()
    }
}

/// "First Last", or whichever of the two exists, or the email.
pub fn display_name(first: Option<&str>, last: Option<&str>, fallback: &str) -> String {
    let full = [first, last]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        fallback.to_owned()
    } else {
        full
    }
}
