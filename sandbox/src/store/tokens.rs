//! API tokens: issuing one, and finding whose a presented token is.
//!
//! A token is `ksb_` and 48 random base62 characters; only its SHA-256 is stored (the token is
//! high-entropy, so a slow hash adds nothing), and the full value exists only in the answer to
//! the request that created it. Lists show the first 10 characters as `prefix`.

use kestra_model::Resource;
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result, ResultExt};
use crate::ids;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::grants::Caller;

const TOKEN_PREFIX: &str = "ksb_";
/// How much of a token lists show.
const PREFIX_SHOWN: usize = 10;

/// Issues a token to `user` and stores its hash; returns the token's id and the token itself,
/// which exists nowhere else from then on. 409 when `user` has a token of that name. Logged as
/// `actor`'s, with the token's metadata only: neither the token nor its hash reach the log.
pub fn insert(
    tx: &Transaction,
    actor: &Actor,
    user: &str,
    name: &str,
    description: Option<&str>,
    expires_at: Option<i64>,
    extended: bool,
) -> Result<(String, String)> {
    let token = format!("{TOKEN_PREFIX}{}", ids::random_base62(48));
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO api_tokens (id, user_id, name, description, prefix, token_hash, issued_at, expires_at, extended)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            user,
            name,
            description,
            &token[..PREFIX_SHOWN],
            sha256(&token).to_vec(),
            ids::now_secs(),
            expires_at,
            extended
        ],
    )
    .on_unique("api_tokens.user_id", || {
        Error::Conflict(format!("A token named '{name}' already exists"))
    })?;
    log(tx, actor, user, &id, AuditAction::Create, None)?;
    Ok((id, token))
}

/// Revokes `user`'s token `id` at once, logged as `actor`'s; 404 when they have no such token.
pub fn revoke(tx: &Transaction, actor: &Actor, user: &str, id: &str) -> Result<()> {
    let before = audit::snapshot(tx, "api_tokens", id)?;
    match tx.execute(
        "DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2",
        params![id, user],
    )? {
        0 => Err(Error::not_found("API token not found")),
        _ => log(tx, actor, user, id, AuditAction::Delete, before),
    }
}

/// Logs `action` on token `id` of `user`: an instance-level change of that user (`USER`) or
/// service account (`SERVICE_ACCOUNT`), since the document has no resource for tokens.
fn log(
    tx: &Transaction,
    actor: &Actor,
    user: &str,
    id: &str,
    action: AuditAction,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let kind: Option<String> = tx
        .query_row("SELECT type FROM users WHERE id = ?1", [user], |r| r.get(0))
        .optional()?;
    let resource = match kind.as_deref() {
        Some("SERVICE_ACCOUNT") => Resource::ServiceAccount,
        _ => Resource::User,
    };
    let change = Change {
        tenant: None,
        action,
        resource,
        id,
        before,
        after: audit::snapshot(tx, "api_tokens", id)?,
    };
    audit::record(tx, actor, change)
}

/// Whether `text` has a token's form: anything else is refused without reading the database.
pub fn has_token_form(text: &str) -> bool {
    text.starts_with(TOKEN_PREFIX)
}

/// The caller a Bearer token stands for, noting when it was used: 401 for an unknown, revoked
/// or expired token.
pub fn authenticate(tx: &Transaction, token: &str) -> Result<Caller> {
    let hash = sha256(token).to_vec();
    let now = ids::now_secs();
    let found = tx
        .query_row(
            "SELECT t.id, t.user_id, u.super_admin, t.expires_at, t.last_used_at
             FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1",
            [&hash],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((id, user_id, super_admin, expires_at, last_used)) = found else {
        return Err(Error::Unauthorized);
    };
    if expires_at.is_some_and(|exp| exp <= now) {
        return Err(Error::Unauthorized);
    }
    // Recording every use would make every request a write; a minute's precision is plenty.
    if last_used.is_none_or(|at| now - at >= 60) {
        tx.execute(
            "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
    }
    Ok(Caller {
        user_id,
        super_admin,
    })
}

fn sha256(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}
