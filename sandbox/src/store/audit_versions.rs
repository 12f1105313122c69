//! A resource as one audit log left it: what `GET .../auditlogs/{id}/diff` compares and what
//! the console restores.
//!
//! Each log keeps the resource's JSON right after its change (`state`, migration 0006), so
//! "after" is one row and "before" is that JSON taken back by the log's own `revertPatch`.
//! Logs written before `state` existed are rebuilt by replaying the resource's `appliedPatch`es
//! in order, which works when its creation is still in the log.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::error::{Error, Result};

/// The resource just before and just after a change, `Value::Null` where it did not exist.
pub struct Versions {
    pub before: Value,
    pub after: Value,
}

/// The versions around log `id`: `before` is the resource just before that change, or, with
/// `previous`, just after that earlier log of the same resource. `tenant` limits the logs to
/// one tenant's (`None`: any, for instance owners). 404 for a log out of reach; 422 on
/// `previousId` for a log of another resource.
pub fn around(
    conn: &Connection,
    tenant: Option<&str>,
    id: &str,
    previous: Option<&str>,
) -> Result<Versions> {
    let log = Log::find(conn, tenant, id)?
        .ok_or_else(|| Error::not_found(format!("Audit log '{id}' not found")))?;
    let after = log.state_after(conn)?;
    let before = match previous {
        Some(previous) => {
            let earlier = Log::find(conn, tenant, previous)?
                .ok_or_else(|| Error::not_found(format!("Audit log '{previous}' not found")))?;
            if !earlier.same_resource(&log) {
                return Err(Error::invalid(
                    "previousId",
                    "must be a log of the same resource",
                ));
            }
            earlier.state_after(conn)?
        }
        None => {
            let mut before = after.clone();
            patch(&mut before, &log.revert_patch)?;
            before
        }
    };
    Ok(Versions { before, after })
}

/// The columns of one log that rebuilding a version needs.
struct Log {
    seq: i64,
    tenant: Option<String>,
    resource_type: String,
    resource_id: Option<String>,
    action: String,
    revert_patch: String,
    state: Option<String>,
}

impl Log {
    fn find(conn: &Connection, tenant: Option<&str>, id: &str) -> Result<Option<Log>> {
        Ok(conn
            .query_row(
                "SELECT seq, tenant_id, resource_type, resource_id, type, revert_patch, state
                 FROM audit_logs WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)",
                params![id, tenant],
                |r| {
                    Ok(Log {
                        seq: r.get(0)?,
                        tenant: r.get(1)?,
                        resource_type: r.get(2)?,
                        resource_id: r.get(3)?,
                        action: r.get(4)?,
                        revert_patch: r.get(5)?,
                        state: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    fn same_resource(&self, other: &Log) -> bool {
        self.tenant == other.tenant
            && self.resource_type == other.resource_type
            && self.resource_id == other.resource_id
    }

    /// The resource right after this log's change.
    fn state_after(&self, conn: &Connection) -> Result<Value> {
        if let Some(state) = &self.state {
            return serde_json::from_str(state).map_err(|err| Error::Internal(err.into()));
        }
        if self.action == "DELETE" {
            return Ok(Value::Null);
        }
        // Written before `state` existed: replay the resource's patches up to this one.
        let mut stmt = conn.prepare(
            "SELECT applied_patch FROM audit_logs
             WHERE tenant_id IS ?1 AND resource_id IS ?2 AND resource_type = ?3 AND seq <= ?4
             ORDER BY seq",
        )?;
        let patches = stmt.query_map(
            params![self.tenant, self.resource_id, self.resource_type, self.seq],
            |r| r.get::<_, String>(0),
        )?;
        let mut value = Value::Null;
        for applied in patches {
            patch(&mut value, &applied?).map_err(|_| {
                Error::Conflict(
                    "This version cannot be rebuilt: the resource's earlier logs are gone".into(),
                )
            })?;
        }
        Ok(value)
    }
}

/// Applies the stored RFC 6902 patch `text` to `value`.
fn patch(value: &mut Value, text: &str) -> Result<()> {
    let patch: json_patch::Patch =
        serde_json::from_str(text).map_err(|err| Error::Internal(err.into()))?;
    json_patch::patch(value, &patch).map_err(|err| Error::Internal(err.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_revert_patch_takes_the_state_back_to_before() {
        let before = json!({"name": "Dev", "permissions": {"FLOW": ["VIEW"]}});
        let after = json!({"name": "Dev", "permissions": {"FLOW": ["VIEW", "EXECUTE"]}});
        let revert = serde_json::to_string(&json_patch::diff(&after, &before)).unwrap();
        let mut value = after.clone();
        patch(&mut value, &revert).unwrap();
        assert_eq!(value, before);
    }
}
