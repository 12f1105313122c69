//! Who is calling: HTTP Basic (`email:password`) and Bearer API tokens, resolved to a user.
//!
//! [`Caller`] (`store::grants`) is an extractor; a handler that takes one answers 401 to
//! anonymous requests. What the caller may do is `rbac`'s business, and what a password or a
//! token is the store's (`store::passwords`, `store::tokens`). Credentials are never logged or
//! echoed: every failure is the same bare 401, and the response carries no `WWW-Authenticate`
//! header (it would make browsers open their own sign-in dialog over the console).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64ct::Encoding;
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::ids;
use crate::state::{AppState, CachedLogin};
use crate::store::audit;
use crate::store::grants::Caller;
use crate::store::passwords::{hash_password, verify_password};
use crate::store::tokens;
use crate::store::users::{self, NewUser};

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or(Error::Unauthorized)?;
        let header = header.to_str().map_err(|_| Error::Unauthorized)?;
        let (scheme, credentials) = header.split_once(' ').ok_or(Error::Unauthorized)?;
        let credentials = credentials.trim();
        let caller = if scheme.eq_ignore_ascii_case("basic") {
            basic(state, credentials, client_ip(parts)).await?
        } else if scheme.eq_ignore_ascii_case("bearer") {
            bearer(state, credentials).await?
        } else {
            return Err(Error::Unauthorized);
        };
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

async fn bearer(state: &AppState, token: &str) -> Result<Caller> {
    if !tokens::has_token_form(token) {
        return Err(Error::Unauthorized);
    }
    let token = token.to_owned();
    state
        .db()
        .write(move |tx| tokens::authenticate(tx, &token))
        .await
}

/// A password sign-in. Checking a password is slow on purpose, so a verified one is cached for
/// the process; each check that is not served from the cache is a sign-in for the audit trail
/// (`LOGIN`, or `LOGIN_FAILURE` for a wrong password of an account that exists).
async fn basic(state: &AppState, encoded: &str, ip: Option<String>) -> Result<Caller> {
    let decoded = base64ct::Base64::decode_vec(encoded).map_err(|_| Error::Unauthorized)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Error::Unauthorized)?;
    let (email, password) = decoded.split_once(':').ok_or(Error::Unauthorized)?;
    let email = email.trim().to_owned();
    let key = cache_key(&state.inner.cache_salt, &email, password);

    let found = state
        .db()
        .read(move |conn| {
            conn.query_row(
                "SELECT id, password_hash, super_admin FROM users
                 WHERE email = ?1 AND type = 'STANDARD'",
                [&email],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get(2)?,
                    ))
                },
            )
            .optional()
            .map_err(Error::from)
        })
        .await?;
    let Some((user_id, Some(password_hash), super_admin)) = found else {
        return Err(Error::Unauthorized);
    };

    let cached = state.inner.basic_cache.lock().unwrap().get(&key).cloned();
    let verified = match cached {
        Some(c) => c.user_id == user_id && c.password_hash == password_hash,
        None => false,
    };
    if !verified {
        let password = password.to_owned();
        let hash = password_hash.clone();
        let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .map_err(|err| Error::Internal(err.into()))?;
        // Requests sent together with new credentials all miss the cache: only the one that
        // fills it logs the sign-in, while every wrong password is logged.
        let first = ok && {
            let mut cache = state.inner.basic_cache.lock().unwrap();
            // A bound on memory, not an eviction policy: the sandbox has few users.
            if cache.len() > 10_000 {
                cache.clear();
            }
            let login = CachedLogin {
                user_id: user_id.clone(),
                password_hash,
            };
            cache.insert(key, login).is_none()
        };
        if first || !ok {
            let id = user_id.clone();
            state
                .db()
                .write(move |tx| audit::record_sign_in(tx, &id, ip, ok))
                .await?;
        }
        if !ok {
            return Err(Error::Unauthorized);
        }
    }
    Ok(Caller {
        user_id,
        super_admin,
    })
}

/// The address of the connection the request came on. The sandbox serves clients directly,
/// so it does not trust `X-Forwarded-For`, which any client can set.
pub fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

fn cache_key(salt: &[u8; 32], email: &str, password: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(email.to_lowercase().as_bytes());
    h.update([0]);
    h.update(password.as_bytes());
    h.finalize().into()
}

/// Creates the instance owner named on the command line, unless a user with that email exists
/// (then it is left as it is: the flags never reset a password).
pub async fn bootstrap_admin(state: &AppState, email: &str, password: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        email.contains('@'),
        "--admin-email must be an email address"
    );
    anyhow::ensure!(!password.is_empty(), "--admin-password must not be empty");
    let email = email.trim().to_owned();
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
    state
        .db()
        .write(move |tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1)",
                [&email],
                |r| r.get(0),
            )?;
            if !exists {
                let owner = NewUser {
                    email: &email,
                    first_name: None,
                    last_name: None,
                    password_hash: Some(hash),
                    super_admin: true,
                    restricted: false,
                };
                users::insert_person(tx, &ids::new_id(), &owner)?;
            }
            Ok(())
        })
        .await
        .map_err(|err| anyhow::anyhow!("{err}"))
}
