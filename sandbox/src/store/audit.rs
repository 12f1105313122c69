//! The audit trail: one log per change, appended by the store function that makes the change, in
//! its transaction, so there is no change without its log and no log without its change.
//!
//! A log says who ([`Actor`]: a user's id and the client's address, which the handler passes
//! in; the seed and the command line write as [`Actor::system`]), what (`CREATE`, `UPDATE`,
//! `DELETE` of a `Resource` with an id, in a tenant or instance-wide) and how: the resource's
//! JSON before and after, kept as RFC 6902 patches (`appliedPatch` takes before to after,
//! `revertPatch` after to before), computed by the `json-patch` crate. The JSON of a resource
//! is its stored row ([`snapshot`]), with column names in camelCase and the JSON columns
//! (permissions, a tenant's settings) as JSON, so a role's diff names each permission.
//! Secrets never reach a log: [`redact`] drops every password, hash, secret and token value
//! before the diff. Reading the logs back is `http::audit_logs`'s business.

use kestra_model::Resource;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params, Statement, Transaction, params};
use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::ids;

/// Who makes a change: the signed-in user's id and the client's IP address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub ip: Option<String>,
}

impl Actor {
    /// The id logged for changes nobody made through the API: the seed, the command line.
    pub const SYSTEM: &'static str = "system";

    /// The seed, the command line and the implicit tenant write as this actor.
    pub fn system() -> Actor {
        Actor {
            user_id: Actor::SYSTEM.into(),
            ip: None,
        }
    }
}

/// The kinds of change the store logs, from the document's `AuditableAction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    /// A password sign-in; logged by [`record_sign_in`].
    Login,
    /// A wrong password for an account that exists; logged by [`record_sign_in`].
    LoginFailure,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "CREATE",
            AuditAction::Update => "UPDATE",
            AuditAction::Delete => "DELETE",
            AuditAction::Login => "LOGIN",
            AuditAction::LoginFailure => "LOGIN_FAILURE",
        }
    }
}

/// One change, as the store function that made it describes it.
pub struct Change<'a> {
    /// The tenant the change happened in; `None` for instance-level ones (accounts, tokens).
    pub tenant: Option<&'a str>,
    pub action: AuditAction,
    pub resource: Resource,
    /// The resource's id (a membership change is its group's, a token's is the token's).
    pub id: &'a str,
    /// The resource's JSON before the change (`None` when it is created).
    pub before: Option<Value>,
    /// The resource's JSON after the change (`None` when it is deleted).
    pub after: Option<Value>,
}

/// Appends the log of `change`, made by `actor`, in the caller's transaction.
pub fn record(tx: &Transaction, actor: &Actor, change: Change) -> Result<()> {
    append(&mut tx.prepare(INSERT)?, actor, change, ids::now_secs())
}

/// Appends many logs in one transaction with one prepared statement, each dated by the caller,
/// oldest first (dates must grow with the insertion order, which the searches rely on): how
/// `seed-audit-logs` fills a trail for the benchmark.
pub struct Backfill<'tx> {
    insert: Statement<'tx>,
}

impl<'tx> Backfill<'tx> {
    pub fn new(tx: &'tx Transaction) -> Result<Backfill<'tx>> {
        Ok(Backfill {
            insert: tx.prepare(INSERT)?,
        })
    }

    /// Appends the log of `change` by `actor`, dated `date` (seconds since the epoch).
    pub fn push(&mut self, actor: &Actor, change: Change, date: i64) -> Result<()> {
        append(&mut self.insert, actor, change, date)
    }
}

const INSERT: &str = "INSERT INTO audit_logs (id, tenant_id, type, resource_type, resource_id,
                                    detail, date, user_id, ip_address, applied_patch,
                                    revert_patch, state)
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

/// One log: the redacted versions, their patches both ways and the state after.
fn append(insert: &mut Statement, actor: &Actor, change: Change, date: i64) -> Result<()> {
    let before = change.before.map(redact).unwrap_or(Value::Null);
    let after = change.after.map(redact).unwrap_or(Value::Null);
    let applied = json_patch::diff(&before, &after);
    let revert = json_patch::diff(&after, &before);
    let state = (!after.is_null()).then(|| after.to_string());
    let resource = resource_name(change.resource);
    let detail = json!({
        "type": format!("io.kestra.ee.models.audits.details.{}", type_name(change.resource)),
        "resourceType": resource,
        "id": change.id,
    });
    let to_text =
        |patch: &json_patch::Patch| serde_json::to_string(patch).map_err(anyhow::Error::from);
    insert.execute(params![
        ids::new_id(),
        change.tenant,
        change.action.as_str(),
        resource,
        change.id,
        detail.to_string(),
        ids::rfc3339(date),
        actor.user_id,
        actor.ip,
        to_text(&applied)?,
        to_text(&revert)?,
        state,
    ])?;
    Ok(())
}

/// Logs a password sign-in of account `user_id` (`LOGIN`), or a wrong password for it
/// (`LOGIN_FAILURE`), from `ip`: an instance-level log of the `USER`, with empty patches.
/// Nothing of what was typed is logged; a sign-in under an email no account has is not logged
/// at all, since what was typed as an email may be a password.
pub fn record_sign_in(tx: &Transaction, user_id: &str, ip: Option<String>, ok: bool) -> Result<()> {
    let actor = Actor {
        user_id: user_id.to_owned(),
        ip,
    };
    let change = Change {
        tenant: None,
        action: if ok {
            AuditAction::Login
        } else {
            AuditAction::LoginFailure
        },
        resource: Resource::User,
        id: user_id,
        before: None,
        after: None,
    };
    record(tx, &actor, change)
}

/// Deletes up to `batch` of the oldest logs dated before `cutoff` (RFC 3339, UTC); returns how
/// many went. Retention calls it in small batches, each its own transaction, so pruning a
/// large backlog never holds the writer for long.
pub fn prune(tx: &Transaction, cutoff: &str, batch: usize) -> Result<usize> {
    Ok(tx.execute(
        "DELETE FROM audit_logs WHERE seq IN
             (SELECT seq FROM audit_logs WHERE date < ?1 ORDER BY date, seq LIMIT ?2)",
        params![cutoff, batch as i64],
    )?)
}

/// The row of `table` whose `id` column is `id`, as JSON (see [`row`]); `None` when there is
/// none. `table` is one of the store's own table names, never a client's text.
pub fn snapshot(conn: &Connection, table: &str, id: &str) -> Result<Option<Value>> {
    row(conn, &format!("SELECT * FROM {table} WHERE id = ?1"), [id])
}

/// The first row `sql` selects, as a JSON object: each column under its name in camelCase,
/// text that holds a JSON object or array as that JSON, and the 0/1 flag columns (`is_…`,
/// `super_admin`, …) left as numbers. `None` when `sql` selects nothing.
pub fn row<P: Params>(conn: &Connection, sql: &str, params: P) -> Result<Option<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(camel).collect();
    let mut rows = stmt.query(params)?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let mut out = Map::new();
    for (i, name) in names.into_iter().enumerate() {
        let value = match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(x) => Value::from(x),
            ValueRef::Text(bytes) => {
                let text = String::from_utf8_lossy(bytes);
                match text.trim_start().chars().next() {
                    Some('{' | '[') => serde_json::from_str(&text)
                        .unwrap_or_else(|_| Value::String(text.into_owned())),
                    _ => Value::String(text.into_owned()),
                }
            }
            // Blobs are hashes: never logged.
            ValueRef::Blob(_) => continue,
        };
        out.insert(name, value);
    }
    Ok(Some(Value::Object(out)))
}

/// `value` without any field that holds a secret, at any depth: passwords, password hashes,
/// API tokens and their hashes, secrets, salts.
pub fn redact(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .filter(|(k, _)| !is_secret(k))
                .map(|(k, v)| (k, redact(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redact).collect()),
        other => other,
    }
}

fn is_secret(key: &str) -> bool {
    let key: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    ["password", "hash", "secret", "salt", "token", "credential"]
        .iter()
        .any(|word| key.contains(word))
}

/// `tenant_id` as `tenantId`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `ROLE`, `SERVICE_ACCOUNT`: the document's name of `resource`.
pub fn resource_name(resource: Resource) -> String {
    match serde_json::to_value(resource) {
        Ok(Value::String(name)) => name,
        _ => "UNKNOWN".into(),
    }
}

/// `ServiceAccount` for `SERVICE_ACCOUNT`: the last part of the detail's Java-like `type`.
fn type_name(resource: Resource) -> String {
    resource_name(resource)
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_drops_passwords_hashes_and_tokens_at_any_depth() {
        let value = json!({
            "email": "a@example.com",
            "password": "p",
            "passwordHash": "$argon2id$...",
            "tokenHash": "abc",
            "nested": [{"secret": "s", "name": "kept"}],
        });
        assert_eq!(
            redact(value),
            json!({"email": "a@example.com", "nested": [{"name": "kept"}]})
        );
    }

    #[test]
    fn type_names_read_like_kestras_detail_types() {
        assert_eq!(type_name(Resource::ServiceAccount), "ServiceAccount");
        assert_eq!(type_name(Resource::Role), "Role");
        assert_eq!(camel("tenant_id"), "tenantId");
    }
}
