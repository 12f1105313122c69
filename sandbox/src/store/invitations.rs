//! Invitations: what someone is offered, by email, in one tenant (access, roles, groups, the
//! instance-owner flag), and accepting it. An invitation is valid for seven days.

use kestra_model::{
    BindingType, CreateBindingRequest, GroupSummary, InvitationDetail, InvitationRole,
    InvitationStatus, Resource, RoleSummary,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::ids;
use crate::store::access::{grant_access, has_access};
use crate::store::audit::{self, Actor, AuditAction, Change};
use crate::store::bindings;
use crate::store::groups::{add_member, require_group};
use crate::store::users::{self, NewUser};

/// How long an invitation stays valid.
const VALIDITY_SECS: i64 = 7 * 86_400;

/// What inviting someone did.
pub enum Invited {
    /// They already had an account: they got access, the roles and the groups at once.
    Applied,
    /// Nobody had the email: a pending invitation was stored, with this id.
    Pending(String),
}

/// What an invitation offers someone in its tenant: access, these roles (tenant-wide, or once
/// per listed namespace) and groups, and maybe the instance-owner flag.
pub struct Offer<'a> {
    pub email: &'a str,
    pub super_admin: bool,
    pub roles: &'a [InvitationRole],
    pub groups: &'a [String],
}

/// Invites `offer.email` to `tenant` (each role and group must be the tenant's: 404
/// otherwise). Someone with an account gets everything at once, unless they already have
/// access (409); anyone else gets a pending invitation, unless they have one (409). Logged as
/// `actor`'s: the invitation's creation, or the bindings given at once.
pub fn invite(tx: &Transaction, actor: &Actor, tenant: &str, offer: &Offer) -> Result<Invited> {
    let email = offer.email;
    for role in offer.roles {
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM roles WHERE id = ?1 AND tenant_id = ?2)",
            params![role.id, tenant],
            |r| r.get(0),
        )?;
        if !found {
            return Err(Error::not_found(format!("Role '{}' not found", role.id)));
        }
    }
    for group in offer.groups {
        require_group(tx, tenant, group)?;
    }
    let user: Option<String> = tx
        .query_row(
            "SELECT id FROM users WHERE email = ?1 AND type = 'STANDARD'",
            [email],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(user) = user {
        if has_access(tx, tenant, &user)? {
            return Err(Error::Conflict(format!(
                "'{email}' already has access to '{tenant}'"
            )));
        }
        apply(tx, actor, tenant, &user, offer)?;
        return Ok(Invited::Applied);
    }
    let pending: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE tenant_id = ?1 AND email = ?2
         AND status = 'PENDING' AND expires_at > ?3)",
        params![tenant, email, ids::now_secs()],
        |r| r.get(0),
    )?;
    if pending {
        return Err(Error::Conflict(format!(
            "'{email}' already has a pending invitation"
        )));
    }
    let id = insert(tx, tenant, offer)?;
    log(tx, actor, tenant, &id, AuditAction::Create, None)?;
    Ok(Invited::Pending(id))
}

/// Deletes invitation `id` of `tenant`, logged as `actor`'s; 404 when unknown.
pub fn delete(tx: &Transaction, actor: &Actor, tenant: &str, id: &str) -> Result<()> {
    let before = audit::snapshot(tx, "invitations", id)?;
    match tx.execute(
        "DELETE FROM invitations WHERE id = ?1 AND tenant_id = ?2",
        params![id, tenant],
    )? {
        0 => Err(not_found()),
        _ => log(tx, actor, tenant, id, AuditAction::Delete, before),
    }
}

/// Logs `action` on invitation `id` of `tenant`, from `before` to what it is now.
fn log(
    tx: &Transaction,
    actor: &Actor,
    tenant: &str,
    id: &str,
    action: AuditAction,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let change = Change {
        tenant: Some(tenant),
        action,
        resource: Resource::Invitation,
        id,
        before,
        after: audit::snapshot(tx, "invitations", id)?,
    };
    audit::record(tx, actor, change)
}

/// Accepts pending invitation `id` as the signed-in `user`, whose email must be the invited
/// one (403 otherwise).
pub fn accept_as_invited(tx: &Transaction, id: &str, user: &str) -> Result<()> {
    let invitation = pending(tx, id)?;
    let email: Option<String> =
        tx.query_row("SELECT email FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })?;
    if !email.is_some_and(|e| e.eq_ignore_ascii_case(&invitation.email)) {
        return Err(Error::Forbidden(
            "This invitation is for someone else".into(),
        ));
    }
    accept(tx, id, &invitation, user)
}

/// Signs up with pending invitation `id`: creates the invited person with these names and
/// password, then accepts. 409 when the email already has an account.
pub fn sign_up(
    tx: &Transaction,
    id: &str,
    first_name: &str,
    last_name: &str,
    password_hash: String,
) -> Result<()> {
    let invitation = pending(tx, id)?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1)",
        [&invitation.email],
        |r| r.get(0),
    )?;
    if exists {
        return Err(Error::Conflict(
            "A user with this email already exists: sign in and accept".into(),
        ));
    }
    let user = ids::new_id();
    let person = NewUser {
        email: &invitation.email,
        first_name: Some(first_name.trim().to_owned()),
        last_name: Some(last_name.trim().to_owned()),
        password_hash: Some(password_hash),
        super_admin: false,
        restricted: false,
    };
    // The new person makes their own account; their address is not known here.
    let actor = Actor {
        user_id: user.clone(),
        ip: None,
    };
    users::audited(tx, &actor, None, &user, |tx| {
        users::insert_person(tx, &user, &person)
    })?;
    accept(tx, id, &invitation, &user)
}

/// Stores a pending invitation, valid for seven days from now; returns its id. Roles and
/// groups must be ids of the tenant's.
pub fn insert(tx: &Transaction, tenant: &str, offer: &Offer) -> Result<String> {
    let id = ids::new_id();
    let now = ids::now_secs();
    tx.execute(
        "INSERT INTO invitations (id, tenant_id, email, super_admin, roles, groups, sent_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            tenant,
            offer.email,
            offer.super_admin,
            serde_json::to_string(offer.roles).map_err(anyhow::Error::from)?,
            serde_json::to_string(offer.groups).map_err(anyhow::Error::from)?,
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

fn not_found() -> Error {
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

/// What invitation `id` stores, its status worked out; 404 when unknown.
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
fn pending(conn: &Connection, id: &str) -> Result<Stored> {
    let invitation = stored(conn, id)?;
    match invitation.status {
        InvitationStatus::Pending => Ok(invitation),
        InvitationStatus::Accepted => Err(Error::Conflict(
            "This invitation was already accepted".into(),
        )),
        InvitationStatus::Expired => Err(Error::Conflict("This invitation has expired".into())),
    }
}

fn accept(tx: &Transaction, id: &str, invitation: &Stored, user: &str) -> Result<()> {
    let offer = Offer {
        email: &invitation.email,
        super_admin: invitation.super_admin,
        roles: &invitation.roles,
        groups: &invitation.groups,
    };
    // The person accepting makes the change; their address is not known here.
    let actor = Actor {
        user_id: user.to_owned(),
        ip: None,
    };
    let before = audit::snapshot(tx, "invitations", id)?;
    apply(tx, &actor, &invitation.tenant, user, &offer)?;
    tx.execute(
        "UPDATE invitations SET status = 'ACCEPTED', accepted_at = ?2 WHERE id = ?1",
        params![id, ids::now_secs()],
    )?;
    log(
        tx,
        &actor,
        &invitation.tenant,
        id,
        AuditAction::Update,
        before,
    )
}

/// Gives `user` what `offer` holds (see [`Offer`]).
fn apply(tx: &Transaction, actor: &Actor, tenant: &str, user: &str, offer: &Offer) -> Result<()> {
    grant_access(tx, tenant, user)?;
    for role in offer.roles {
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
            bindings::create(tx, actor, tenant, &request)?;
        }
    }
    for group in offer.groups {
        add_member(tx, tenant, group, user)?;
    }
    if offer.super_admin {
        tx.execute("UPDATE users SET super_admin = 1 WHERE id = ?1", [user])?;
    }
    Ok(())
}

/// The order [`all_in`] reads a tenant's invitations in: by email, then as they were sent
/// (the `invitations_tenant_email` index's order).
pub const READ_ORDER: &str = "email, rowid";

/// Every invitation of `tenant`, in full.
pub fn all_in(conn: &Connection, tenant: &str) -> Result<Vec<InvitationDetail>> {
    let ids: Vec<String> = conn
        .prepare(&format!(
            "SELECT id FROM invitations WHERE tenant_id = ?1 ORDER BY {READ_ORDER}"
        ))?
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
