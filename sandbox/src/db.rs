//! The SQLite file: opening it, migrating it, and running queries off the async runtime.
//!
//! One connection behind a mutex serves every write: SQLite allows one writer at a time anyway.
//! Reads get a few read-only connections of their own, one per core: in WAL mode readers do not
//! block each other or the writer, so searches of a large instance run side by side rather than
//! queueing behind one another. A read sees every write committed before it started.
//! Queries run on tokio's blocking pool so a slow one never stalls the runtime. Every write runs
//! in one `IMMEDIATE` transaction ([`Db::write`]), which commits only when the closure succeeds.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    (
        "0004_people_counts",
        include_str!("../migrations/0004_people_counts.sql"),
    ),
    (
        "0005_audit_logs",
        include_str!("../migrations/0005_audit_logs.sql"),
    ),
    (
        "0006_audit_state",
        include_str!("../migrations/0006_audit_state.sql"),
    ),
    (
        "0007_list_indexes",
        include_str!("../migrations/0007_list_indexes.sql"),
    ),
];

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    readers: Arc<Readers>,
}

struct Readers {
    connections: Vec<Mutex<Connection>>,
    /// Where the next read starts looking for a free connection, so they take turns.
    next: AtomicUsize,
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
        add_functions(&conn)?;
        migrate(&mut conn)?;
        let count = std::thread::available_parallelism().map_or(2, usize::from);
        let connections = (0..count)
            .map(|_| {
                let reader = Connection::open(path)?;
                reader.pragma_update(None, "query_only", "ON")?;
                reader.busy_timeout(std::time::Duration::from_secs(5))?;
                add_functions(&reader)?;
                Ok(Mutex::new(reader))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            readers: Arc::new(Readers {
                connections,
                next: AtomicUsize::new(0),
            }),
        })
    }

    /// Runs `f` with the connection on the blocking pool (for reads).
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let conn = readers.take();
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

impl Readers {
    /// A free read connection, or the next one in turn (waiting for it) when all are busy.
    fn take(&self) -> std::sync::MutexGuard<'_, Connection> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.connections.len();
        (0..n)
            .find_map(|i| self.connections[(start + i) % n].try_lock().ok())
            .unwrap_or_else(|| {
                self.connections[start % n]
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
            })
    }
}

/// The sandbox's own SQL function, `fold(text)`: `text` in lower case as Rust's
/// `str::to_lowercase` makes it, which is how lists compare and search text in memory (SQLite's
/// `NOCASE` and `lower()` fold ASCII only); `NULL` and other values stay as they are. Lists
/// paged in SQL (`http/listing.rs`) sort and search with it, so both paths agree.
fn add_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::{Value, ValueRef};
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(text) => Value::Text(String::from_utf8_lossy(text).to_lowercase()),
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::Integer(n),
                ValueRef::Real(x) => Value::Real(x),
                ValueRef::Blob(bytes) => Value::Blob(bytes.to_vec()),
            })
        },
    )
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
        add_functions(&conn).unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
    }
}
