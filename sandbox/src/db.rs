//! The SQLite file: opening it, migrating it, and running queries off the async runtime.
//!
//! One connection behind a mutex serves every request. SQLite allows one writer at a time
//! anyway, and the sandbox's data is small, so a pool would add code without adding speed.
//! Queries run on tokio's blocking pool so a slow one never stalls the runtime. Every write runs
//! in one `IMMEDIATE` transaction ([`Db::write`]), which commits only when the closure succeeds.

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// Every migration, in order; see `migrations/README.md`.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_tenants_users",
        include_str!("../migrations/0001_tenants_users.sql"),
    ),
    ("0002_iam", include_str!("../migrations/0002_iam.sql")),
    (
        "0003_people_search",
        include_str!("../migrations/0003_people_search.sql"),
    ),
];

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) the database at `path` in WAL mode and applies pending
    /// migrations.
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        let mut conn = Connection::open(path)
            .with_context(|| format!("opening the database {}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking pool (for reads).
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&conn)
        })
        .await
        .map_err(|err| Error::Internal(err.into()))?
    }

    /// Runs `f` inside one transaction, committed when `f` returns `Ok` and rolled back
    /// otherwise.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction) -> Result<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
        .map_err(|err| Error::Internal(err.into()))?
    }
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let applied: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let applied = usize::try_from(applied)?;
    anyhow::ensure!(
        applied <= MIGRATIONS.len(),
        "the database was written by a newer sandbox ({applied} migrations, this one knows {})",
        MIGRATIONS.len()
    );
    for (number, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .with_context(|| format!("applying migration {name}"))?;
        tx.pragma_update(None, "user_version", (number + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_to_an_empty_database_and_only_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
    }
}
