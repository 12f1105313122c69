//! Passwords: argon2id hashes, the only form in which the sandbox keeps them.
//!
//! Hashing is slow on purpose, so async callers hash off the runtime ([`hash_optional`]).
//! Checking a password at sign-in, and remembering that it was checked, is `auth`'s business.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::OsRng;

use crate::error::{Error, Result};

/// An argon2id PHC string for `password`, with a fresh salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| anyhow::anyhow!("hashing a password: {err}"))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The argon2 hash of a non-empty password, computed off the runtime; `None` for no password.
pub async fn hash_optional(password: Option<String>) -> Result<Option<String>> {
    match password.filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(password) => Ok(Some(
            tokio::task::spawn_blocking(move || hash_password(&password))
                .await
                .map_err(|err| Error::Internal(err.into()))??,
        )),
    }
}
