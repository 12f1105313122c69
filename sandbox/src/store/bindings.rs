//! Bindings: a role given to a user (or service account) or a group, for the whole tenant or one
//! namespace and the namespaces below it.
//!
//! Creating a binding identical to an existing one finds that one; binding a role to a user
//! gives them access to the tenant.

use kestra_model::{
    BindingDetail, BindingGroup, BindingRole, BindingType, BindingUser, CreateBindingRequest,
    Resource, UserType,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::ids;
use crate::store::access::grant_access;
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::identity::identity;

/// Creates one binding (or finds the identical one); 404 for an unknown user, group or role.
/// A new binding is logged as `actor`'s; finding one changes nothing and logs nothing.
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    body: &CreateBindingRequest,
) -> Result<BindingDetail> {
    let role_exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM roles WHERE id = ?1 AND tenant_id = ?2)",
        params![body.role_id, tenant],
        |r| r.get(0),
    )?;
    if !role_exists {
        return Err(Error::not_found(format!(
            "Role '{}' not found",
            body.role_id
        )));
    }
    let namespace = body.namespace_id.as_deref().filter(|ns| !ns.is_empty());
    let (kind, user, group) = match body.binding_type {
        BindingType::User => {
            identity(tx, &body.external_id)?.ok_or_else(|| {
                Error::not_found(format!("User '{}' not found", body.external_id))
            })?;
            grant_access(tx, tenant, &body.external_id)?;
            ("USER", Some(body.external_id.as_str()), None)
        }
        BindingType::Group => {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND tenant_id = ?2)",
                params![body.external_id, tenant],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(Error::not_found(format!(
                    "Group '{}' not found",
                    body.external_id
                )));
            }
            ("GROUP", None, Some(body.external_id.as_str()))
        }
    };
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM bindings WHERE tenant_id = ?1 AND type = ?2 AND coalesce(user_id, group_id) = ?3
             AND role_id = ?4 AND coalesce(namespace, '') = coalesce(?5, '')",
            params![tenant, kind, body.external_id, body.role_id, namespace],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO bindings (id, tenant_id, type, user_id, group_id, role_id, namespace, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, tenant, kind, user, group, body.role_id, namespace, ids::now_secs()],
            )?;
            let change = Change {
                tenant: Some(tenant),
                action: AuditAction::Create,
                resource: Resource::Binding,
                id: &id,
                before: None,
                after: snapshot(tx, &id)?,
            };
            audit::record(tx, actor, change)?;
            id
        }
    };
    detail(tx, tenant, &id)
}

/// Binding `id` as the audit trail shows it: Kestra's `Binding` (`type`, `externalId`, `roleId`,
/// `namespaceId`), so a client can recreate a deleted binding from its log with the same body
/// it would send to create one.
fn snapshot(conn: &Connection, id: &str) -> Result<Option<serde_json::Value>> {
    let mut binding = audit::row(
        conn,
        "SELECT id, tenant_id, type, coalesce(user_id, group_id) AS external_id, role_id,
                namespace AS namespace_id
         FROM bindings WHERE id = ?1",
        [id],
    )?;
    if let Some(serde_json::Value::Object(fields)) = &mut binding {
        // Kestra leaves a tenant-wide binding's `namespaceId` out rather than null.
        fields.retain(|_, value| !value.is_null());
        fields.insert("deleted".into(), false.into());
    }
    Ok(binding)
}

/// Deletes binding `id` of `tenant`, logged as `actor`'s; 404 when unknown.
pub fn delete(tx: &Transaction, actor: &Actor, tenant: &str, id: &str) -> Result<()> {
    let before = snapshot(tx, id)?;
    match tx.execute(
        "DELETE FROM bindings WHERE id = ?1 AND tenant_id = ?2",
        params![id, tenant],
    )? {
        0 => Err(Error::not_found("Binding not found")),
        _ => {
            let change = Change {
                tenant: Some(tenant),
                action: AuditAction::Delete,
                resource: Resource::Binding,
                id,
                before,
                after: None,
            };
            audit::record(tx, actor, change)
        }
    }
}

/// Kestra's namespace pattern `^[a-z0-9][a-z0-9._-]*`; absent or empty means the whole tenant.
pub fn validate_namespace(namespace: Option<&str>, path: &str) -> Result<()> {
    match namespace.filter(|ns| !ns.is_empty()) {
        Some(ns) if !is_valid_namespace(ns) => {
            Err(Error::invalid(path, "must match \"^[a-z0-9][a-z0-9._-]*\""))
        }
        _ => Ok(()),
    }
}

pub fn is_valid_namespace(ns: &str) -> bool {
    let mut chars = ns.chars();
    matches!(chars.next(), Some('a'..='z' | '0'..='9'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '.' | '_' | '-'))
}

/// Binding `id` of `tenant`; 404 otherwise.
pub fn detail(conn: &Connection, tenant: &str, id: &str) -> Result<BindingDetail> {
    let row = conn
        .query_row(
            "SELECT b.type, b.user_id, b.group_id, b.namespace, r.id, r.name, g.name
             FROM bindings b JOIN roles r ON r.id = b.role_id LEFT JOIN groups g ON g.id = b.group_id
             WHERE b.id = ?1 AND b.tenant_id = ?2",
            params![id, tenant],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((kind, user_id, group_id, namespace, role_id, role_name, group_name)) = row else {
        return Err(Error::not_found("Binding not found"));
    };
    let user = match user_id {
        None => None,
        Some(user_id) => {
            let who =
                identity(conn, &user_id)?.ok_or_else(|| Error::not_found("User not found"))?;
            let user_type: String =
                conn.query_row("SELECT type FROM users WHERE id = ?1", [&user_id], |r| {
                    r.get(0)
                })?;
            Some(BindingUser {
                id: Some(user_id),
                username: Some(who.username),
                display_name: Some(who.display_name),
                user_type: Some(if user_type == "SERVICE_ACCOUNT" {
                    UserType::ServiceAccount
                } else {
                    UserType::Standard
                }),
            })
        }
    };
    Ok(BindingDetail {
        id: Some(id.to_owned()),
        binding_type: Some(if kind == "GROUP" {
            BindingType::Group
        } else {
            BindingType::User
        }),
        namespace,
        role: Some(BindingRole {
            id: Some(role_id),
            name: Some(role_name),
        }),
        group: group_id.map(|gid| BindingGroup {
            id: Some(gid),
            name: group_name,
        }),
        user,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_follow_kestras_pattern() {
        for ok in ["company", "company.team", "a1_b-c.d"] {
            assert!(is_valid_namespace(ok), "{ok}");
        }
        for bad in [".company", "Company", "a b", "-x", "ns/x"] {
            assert!(!is_valid_namespace(bad), "{bad}");
        }
    }
}
