//! `--seed demo`: a small organisation to click through.
//!
//! Runs once per database (a `meta` row remembers it), so restarting with the flag keeps
//! whatever was changed since. What it creates is listed in `sandbox/README.md`.

use rusqlite::{OptionalExtension, params};

use crate::auth::hash_password;
use crate::ids;
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

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    let password = tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD)).await??;
    state
        .db()
        .write(move |tx| {
            let done: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = 'seed.demo'", [], |r| r.get(0))
                .optional()?;
            if done.is_some() {
                return Ok(());
            }
            let now = ids::now_secs();
            for (id, name) in TENANTS {
                tx.execute(
                    "INSERT OR IGNORE INTO tenants (id, name, extra, created_at) VALUES (?1, ?2, '{}', ?3)",
                    params![id, name, now],
                )?;
            }
            for (email, first, last, tenants) in USERS {
                let existing: Option<String> = tx
                    .query_row("SELECT id FROM users WHERE email = ?1", [email], |r| r.get(0))
                    .optional()?;
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
                    tx.execute(
                        "INSERT OR IGNORE INTO tenant_access (tenant_id, user_id, created_at) VALUES (?1, ?2, ?3)",
                        params![tenant, user_id, now],
                    )?;
                }
            }
            tx.execute("INSERT INTO meta (key, value) VALUES ('seed.demo', '1')", [])?;
            Ok(())
        })
        .await
        .map_err(|err| anyhow::anyhow!("{err}"))
}
