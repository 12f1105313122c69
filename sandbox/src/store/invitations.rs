//! Invitations: what someone is offered, by email, in one tenant (access, roles, groups, the
//! instance-owner flag), and accepting it. An invitation is valid for seven days.

use kestra_model::{
    BindingType, CreateBindingRequest, GroupSummary, InvitationDetail, InvitationRole,
    InvitationStatus, RoleSummary,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::ids;
use crate::store::access::grant_access;
use crate::store::bindings;
use crate::store::groups::add_member;

/// How long an invitation stays valid.
const VALIDITY_SECS: i64 = 7 * 86_400;

/// Stores a pending invitation, valid for seven days from now; returns its id. Roles and
/// groups must be ids of the tenant's.
pub fn insert(
    tx: &Transaction,
    tenant: &str,
    email: &str,
    super_admin: bool,
    roles: &[InvitationRole],
    groups: &[String],
) -> Result<String> {
    let id = ids::new_id();
    let now = ids::now_secs();
    tx.execute(
        "INSERT INTO invitations (id, tenant_id, email, super_admin, roles, groups, sent_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            tenant,
            email,
            super_admin,
            serde_json::to_string(roles).map_err(anyhow::Error::from)?,
            serde_json::to_string(groups).map_err(anyhow::Error::from)?,
            now,
            now + VALIDITY_SECS
        ],
    )?;
    Ok(id)
}

/// Accepts the pending invitation `id` on behalf of the existing user `user`.
pub fn accept_as(tx: &Transaction, id: &str, user: &str) -> Result<()> {
    let invitation = pending(tx, id)?;
    accept(tx, id, &invitation, user)
}

pub fn not_found() -> Error {
    Error::not_found("Invitation not found")
}

/// What an invitation stores.
pub struct Stored {
    pub tenant: String,
    pub email: String,
    pub super_admin: bool,
    pub roles: Vec<InvitationRole>,
    pub groups: Vec<String>,
    pub status: InvitationStatus,
    pub sent_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

pub fn stored(conn: &Connection, id: &str) -> Result<Stored> {
    let row = conn
        .query_row(
            "SELECT tenant_id, email, super_admin, roles, groups, status, sent_at, expires_at, accepted_at
             FROM invitations WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((tenant, email, super_admin, roles, groups, status, sent_at, expires_at, accepted_at)) =
        row
    else {
        return Err(not_found());
    };
    let status = match status.as_str() {
        "ACCEPTED" => InvitationStatus::Accepted,
        _ if expires_at <= ids::now_secs() => InvitationStatus::Expired,
        _ => InvitationStatus::Pending,
    };
    Ok(Stored {
        tenant,
        email,
        super_admin,
        roles: serde_json::from_str(&roles).unwrap_or_default(),
        groups: serde_json::from_str(&groups).unwrap_or_default(),
        status,
        sent_at,
        expires_at,
        accepted_at,
    })
}

/// A pending invitation; 404 when unknown, 409 when accepted or expired.
pub fn pending(conn: &Connection, id: &str) -> Result<Stored> {
    let invitation = stored(conn, id)?;
    match invitation.status {
        InvitationStatus::Pending => Ok(invitation),
        InvitationStatus::Accepted => Err(Error::Conflict(
            "This invitation was already accepted".into(),
        )),
        InvitationStatus::Expired => Err(Error::Conflict("This invitation has expired".into())),
    }
}

pub fn accept(tx: &Transaction, id: &str, invitation: &Stored, user: &str) -> Result<()> {
    apply(
        tx,
        &invitation.tenant,
        user,
        &invitation.roles,
        &invitation.groups,
        invitation.super_admin,
    )?;
    tx.execute(
        "UPDATE invitations SET status = 'ACCEPTED', accepted_at = ?2 WHERE id = ?1",
        params![id, ids::now_secs()],
    )?;
    Ok(())
}

/// Gives `user` what an invitation offers: access, the roles (tenant-wide, or once per listed
/// namespace), the groups, and the instance-owner flag.
pub fn apply(
    tx: &Transaction,
    tenant: &str,
    user: &str,
    roles: &[InvitationRole],
    groups: &[String],
    super_admin: bool,
) -> Result<()> {
    grant_access(tx, tenant, user)?;
    for role in roles {
        let namespaces: Vec<Option<String>> = match role.namespaces.as_deref() {
            None | Some([]) => vec![None],
            Some(list) => list.iter().cloned().map(Some).collect(),
        };
        for namespace_id in namespaces {
            let request = CreateBindingRequest {
                binding_type: BindingType::User,
                external_id: user.to_owned(),
                role_id: role.id.clone(),
                namespace_id,
            };
            bindings::create(tx, tenant, &request)?;
        }
    }
    for group in groups {
        add_member(tx, tenant, group, user)?;
    }
    if super_admin {
        tx.execute("UPDATE users SET super_admin = 1 WHERE id = ?1", [user])?;
    }
    Ok(())
}

pub fn all_in(conn: &Connection, tenant: &str) -> Result<Vec<InvitationDetail>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM invitations WHERE tenant_id = ?1")?
        .query_map([tenant], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter()
        .map(|id| detail(conn, Some(tenant), id))
        .collect()
}

/// One invitation, with its roles and groups named; 404 when it is not in `tenant` (if given).
pub fn detail(conn: &Connection, tenant: Option<&str>, id: &str) -> Result<InvitationDetail> {
    let invitation = stored(conn, id)?;
    if tenant.is_some_and(|t| t != invitation.tenant) {
        return Err(not_found());
    }
    let mut roles = Vec::new();
    for role in &invitation.roles {
        let found = conn
            .query_row(
                "SELECT id, name, is_default, is_managed FROM roles WHERE id = ?1",
                [&role.id],
                |r| {
                    Ok(RoleSummary {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        description: None,
                        is_default: r.get(2)?,
                        is_managed: r.get(3)?,
                        permission_count: None,
                    })
                },
            )
            .optional()?;
        roles.extend(found);
    }
    let mut groups = Vec::new();
    for group in &invitation.groups {
        let found = conn
            .query_row(
                "SELECT id, name, description FROM groups WHERE id = ?1",
                [group],
                |r| {
                    Ok(GroupSummary {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        description: r.get(2)?,
                        security_integration_name: None,
                    })
                },
            )
            .optional()?;
        groups.extend(found);
    }
    Ok(InvitationDetail {
        id: Some(id.to_owned()),
        roles,
        groups,
        tenant_id: Some(invitation.tenant),
        email: Some(invitation.email),
        status: Some(invitation.status),
        sent_at: Some(ids::rfc3339(invitation.sent_at)),
        expired_at: Some(ids::rfc3339(invitation.expires_at)),
        accepted_at: invitation.accepted_at.map(ids::rfc3339),
        super_admin: invitation.super_admin,
        link: None,
    })
}
