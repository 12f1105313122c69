//! What a caller may do.
//!
//! Instance owners (superadmins) may do anything. Anyone else may use a tenant only when they
//! were given access to it (`tenant_access`), and may do there exactly what their bindings grant:
//! the roles bound to them directly and to the groups they belong to in that tenant. A binding
//! limited to a namespace grants its permissions only for that namespace and the ones below
//! it, so it never allows managing the tenant's IAM (users, groups, roles, bindings...), which is
//! tenant-wide. The catalogue of which actions apply to which resource is [`valid_actions`].
//!
//! [`TenantScope`] is the extractor of every `/api/v1/{tenant}/...` handler: it answers 401
//! without credentials, 404 for an unknown tenant, and 403 without access to it.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kestra_model::{Action, Permissions, Resource};
use rusqlite::{Connection, Transaction, params};

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;

/// 403 unless the caller is an instance owner; `what` completes "Only an instance owner may …".
pub fn require_super_admin(caller: &Caller, what: &str) -> Result<()> {
    if caller.super_admin {
        Ok(())
    } else {
        Err(Error::Forbidden(format!(
            "Only an instance owner may {what}"
        )))
    }
}

/// The caller of a tenant-scoped request, the tenant, and what the caller may do there.
#[derive(Clone, Debug)]
pub struct TenantScope {
    pub tenant: String,
    pub caller: Caller,
    pub grants: Grants,
}

impl TenantScope {
    /// 403 unless the caller may do `action` on `resource` in the whole tenant; the scope
    /// itself otherwise, to go on with [`read`](Self::read) or [`write`](Self::write).
    pub fn require(&self, resource: Resource, action: Action) -> Result<&Self> {
        if self.grants.allows(resource, action) {
            Ok(self)
        } else {
            Err(Error::Forbidden(format!(
                "Missing permission {resource}:{action} in tenant '{}'",
                self.tenant
            )))
        }
    }

    /// Runs `f` with a connection and the tenant's id, once [`require`](Self::require)d: how most
    /// tenant-scoped reads go.
    pub async fn read<T, F>(&self, state: &AppState, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection, &str) -> Result<T> + Send + 'static,
    {
        let tenant = self.tenant.clone();
        state.db().read(move |conn| f(conn, &tenant)).await
    }

    /// Like [`read`](Self::read), in one write transaction.
    pub async fn write<T, F>(&self, state: &AppState, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction, &str) -> Result<T> + Send + 'static,
    {
        let tenant = self.tenant.clone();
        state.db().write(move |tx| f(tx, &tenant)).await
    }
}

impl FromRequestParts<AppState> for TenantScope {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(scope) = parts.extensions.get::<TenantScope>() {
            return Ok(scope.clone());
        }
        let caller = Caller::from_request_parts(parts, state).await?;
        let tenant =
            tenant_of(parts.uri.path()).ok_or_else(|| Error::not_found("Tenant not found"))?;
        let (tenant, caller2) = (tenant.clone(), caller.clone());
        let grants = state
            .db()
            .read(move |conn| {
                let exists: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?1)",
                    [&tenant],
                    |r| r.get(0),
                )?;
                if !exists {
                    return Err(Error::not_found("Tenant not found"));
                }
                if !caller2.super_admin && !has_access(conn, &tenant, &caller2.user_id)? {
                    return Err(Error::Forbidden(format!("No access to tenant '{tenant}'")));
                }
                Ok((tenant.clone(), grants_in(conn, &caller2, &tenant)?))
            })
            .await?;
        let scope = TenantScope {
            tenant: grants.0,
            caller,
            grants: grants.1,
        };
        parts.extensions.insert(scope.clone());
        Ok(scope)
    }
}

/// The `{tenant}` of `/api/v1/{tenant}/...`, percent-decoded.
fn tenant_of(path: &str) -> Option<String> {
    let segment = path.strip_prefix("/api/v1/")?.split('/').next()?;
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// What one user may do in one tenant.
#[derive(Clone, Debug, Default)]
pub struct Grants {
    pub super_admin: bool,
    /// From bindings for the whole tenant.
    pub tenant_wide: BTreeMap<Resource, BTreeSet<Action>>,
    /// From bindings limited to a namespace: (namespace, resource, actions).
    pub by_namespace: Vec<(String, Resource, BTreeSet<Action>)>,
}

impl Grants {
    pub fn allows(&self, resource: Resource, action: Action) -> bool {
        self.super_admin
            || self
                .tenant_wide
                .get(&resource)
                .is_some_and(|a| a.contains(&action))
    }

    /// Whether `action` on `resource` is allowed in `namespace` (tenant-wide grants count too).
    pub fn allows_in_namespace(&self, namespace: &str, resource: Resource, action: Action) -> bool {
        self.allows(resource, action)
            || self.by_namespace.iter().any(|(ns, r, actions)| {
                *r == resource
                    && actions.contains(&action)
                    && (namespace == ns || namespace.starts_with(&format!("{ns}.")))
            })
    }

    /// The tenant-wide permissions as the wire map (for the `sandboxPermissions` hint).
    pub fn to_permissions(&self) -> Permissions {
        if self.super_admin {
            return all_permissions();
        }
        self.tenant_wide
            .iter()
            .map(|(r, a)| (*r, a.iter().copied().collect()))
            .collect()
    }
}

/// Whether `caller` may do `action` on `resource` tenant-wide in `tenant` (instance owners
/// always may).
pub fn may_in(
    conn: &Connection,
    caller: &Caller,
    tenant: &str,
    resource: Resource,
    action: Action,
) -> Result<bool> {
    if caller.super_admin {
        return Ok(true);
    }
    Ok(has_access(conn, tenant, &caller.user_id)?
        && grants_in(conn, caller, tenant)?.allows(resource, action))
}

/// The tenants where `caller` may do `action` on `resource` tenant-wide.
pub fn tenants_where(
    conn: &Connection,
    caller: &Caller,
    resource: Resource,
    action: Action,
) -> Result<Vec<String>> {
    let tenants: Vec<String> = conn
        .prepare("SELECT tenant_id FROM tenant_access WHERE user_id = ?1 ORDER BY tenant_id")?
        .query_map([&caller.user_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for tenant in tenants {
        if caller.super_admin || grants_in(conn, caller, &tenant)?.allows(resource, action) {
            out.push(tenant);
        }
    }
    Ok(out)
}

pub fn has_access(conn: &Connection, tenant: &str, user_id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM tenant_access WHERE tenant_id = ?1 AND user_id = ?2)",
        params![tenant, user_id],
        |r| r.get(0),
    )?)
}

/// What `caller` may do in `tenant`, from the roles bound to them and to their groups there.
pub fn grants_in(conn: &Connection, caller: &Caller, tenant: &str) -> Result<Grants> {
    let mut grants = Grants {
        super_admin: caller.super_admin,
        ..Grants::default()
    };
    if caller.super_admin {
        return Ok(grants);
    }
    let mut stmt = conn.prepare(
        "SELECT r.permissions, b.namespace FROM bindings b JOIN roles r ON r.id = b.role_id
         WHERE b.tenant_id = ?1 AND (b.user_id = ?2 OR b.group_id IN (
             SELECT m.group_id FROM group_members m JOIN groups g ON g.id = m.group_id
             WHERE m.user_id = ?2 AND g.tenant_id = ?1))",
    )?;
    let rows = stmt.query_map(params![tenant, caller.user_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (permissions, namespace) = row?;
        for (resource, actions) in parse_stored(&permissions) {
            match &namespace {
                None => grants
                    .tenant_wide
                    .entry(resource)
                    .or_default()
                    .extend(actions),
                Some(ns) => grants.by_namespace.push((ns.clone(), resource, actions)),
            }
        }
    }
    Ok(grants)
}

/// A role's stored permissions (written by the sandbox itself, so already valid).
pub fn parse_stored(json: &str) -> BTreeMap<Resource, BTreeSet<Action>> {
    let raw: BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap_or_default();
    raw.into_iter()
        .filter_map(|(r, actions)| {
            let resource = r.parse().ok()?;
            Some((
                resource,
                actions.iter().filter_map(|a| a.parse().ok()).collect(),
            ))
        })
        .collect()
}

/// Checks a role's permissions as a client sent them: every resource and action must exist,
/// and every action must apply to its resource. Errors name `permissions.RESOURCE`.
pub fn validate_permissions(raw: &BTreeMap<String, Vec<String>>) -> Result<Permissions> {
    let mut errors = Vec::new();
    let mut out = Permissions::new();
    for (name, actions) in raw {
        let path = format!("permissions.{name}");
        let resource = match name.parse::<Resource>() {
            Ok(Resource::Unknown) | Err(_) => {
                errors.push(field(&path, &format!("unknown resource '{name}'")));
                continue;
            }
            Ok(r) => r,
        };
        let mut valid = Vec::new();
        for action in actions {
            match action.parse::<Action>() {
                Ok(a) if valid_actions(resource).contains(&a) => {
                    if !valid.contains(&a) {
                        valid.push(a);
                    }
                }
                Ok(_) => errors.push(field(
                    &path,
                    &format!("{action} is not an action of {name}"),
                )),
                Err(_) => errors.push(field(&path, &format!("unknown action '{action}'"))),
            }
        }
        if !valid.is_empty() {
            valid.sort();
            out.insert(resource, valid);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

fn field(path: &str, message: &str) -> kestra_model::FieldError {
    kestra_model::FieldError {
        message: message.to_owned(),
        path: Some(path.to_owned()),
    }
}

/// Every resource with every action that applies to it: the Admin role, and the answer of
/// `GET /api/v1/{tenant}/acls/permissions`.
pub fn all_permissions() -> Permissions {
    Resource::ALL
        .iter()
        .filter(|r| **r != Resource::Unknown)
        .map(|r| (*r, valid_actions(*r).to_vec()))
        .collect()
}

/// The managed Admin role of a tenant: everything in the tenant, but nothing of the instance
/// (`INSTANCE`), and of `TENANT` only seeing and editing its own tenant. Creating and deleting
/// tenants stays with instance owners and whoever they give `TENANT:CREATE`/`DELETE`.
pub fn admin_permissions() -> Permissions {
    let mut permissions = all_permissions();
    permissions.remove(&Resource::Instance);
    permissions.insert(
        Resource::Tenant,
        vec![Action::View, Action::List, Action::Update],
    );
    permissions
}

/// Which actions apply to which resource. Kestra's document lists the two enums but not this
/// map; this is the sandbox's reading of what each resource supports (see `README.md`).
pub fn valid_actions(resource: Resource) -> &'static [Action] {
    use Action::*;
    const CRUD: &[Action] = &[View, List, Create, Update, Delete];
    match resource {
        Resource::Flow => &[
            View, List, Create, Update, Delete, Execute, Export, Import, Disable, Enable, Validate,
        ],
        Resource::Execution => &[
            View,
            List,
            Create,
            Update,
            Delete,
            Restart,
            Kill,
            Replay,
            Pause,
            Resume,
            Unqueue,
            ForceRun,
            Follow,
            ChangeLabels,
            AccessLogs,
            AccessOutputs,
            AccessFiles,
            Export,
        ],
        Resource::Trigger => &[
            View, List, Create, Update, Delete, Enable, Disable, Unlock, Lock, Backfill,
        ],
        Resource::Namespace => &[View, List, Create, Update, Delete, ManageFiles],
        Resource::Credential | Resource::McpServer => &[View, List, Create, Update, Delete, Use],
        Resource::Blueprint => &[View, List, Create, Update, Delete, Template],
        Resource::App | Resource::Testsuite => &[View, List, Create, Update, Delete, Execute],
        Resource::Auditlog => &[View, List, Export],
        Resource::SystemSettings | Resource::TenantSettings | Resource::Instance => &[View, Update],
        Resource::User => &[View, List, Create, Update, Delete, Impersonate],
        Resource::Group => &[View, List, Create, Update, Delete, ManageMembers],
        Resource::Binding
        | Resource::Invitation
        | Resource::TenantAccess
        | Resource::AppExecution
        | Resource::TestsuiteRun => &[View, List, Create, Delete],
        Resource::PromotionTarget => &[View, List, Create, Update, Delete, Promote],
        Resource::Copilot => &[Use],
        Resource::Support => &[View, Create],
        Resource::Unknown => &[],
        _ => CRUD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_checked_against_the_catalogue() {
        let ok: BTreeMap<String, Vec<String>> =
            serde_json::from_str(r#"{"FLOW":["VIEW","LIST","VIEW"],"GROUP":["MANAGE_MEMBERS"]}"#)
                .unwrap();
        let p = validate_permissions(&ok).unwrap();
        assert_eq!(p[&Resource::Flow], [Action::View, Action::List]);

        for (json, path) in [
            (r#"{"FLOWS":["VIEW"]}"#, "permissions.FLOWS"),
            (r#"{"FLOW":["FLY"]}"#, "permissions.FLOW"),
            (r#"{"COPILOT":["DELETE"]}"#, "permissions.COPILOT"),
        ] {
            let raw: BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap();
            match validate_permissions(&raw) {
                Err(Error::Invalid(errors)) => assert_eq!(errors[0].path.as_deref(), Some(path)),
                other => panic!("{json}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_namespace_grant_covers_the_namespaces_below_it_only() {
        let grants = Grants {
            by_namespace: vec![("company.team".into(), Resource::Flow, [Action::View].into())],
            ..Grants::default()
        };
        assert!(grants.allows_in_namespace("company.team", Resource::Flow, Action::View));
        assert!(grants.allows_in_namespace("company.team.sub", Resource::Flow, Action::View));
        assert!(!grants.allows_in_namespace("company.teams", Resource::Flow, Action::View));
        assert!(!grants.allows_in_namespace("company", Resource::Flow, Action::View));
        assert!(!grants.allows(Resource::Flow, Action::View));
    }

    #[test]
    fn the_tenant_comes_from_the_path() {
        assert_eq!(
            tenant_of("/api/v1/dev/groups/search").as_deref(),
            Some("dev")
        );
        assert_eq!(
            tenant_of("/api/v1/my%2Dtenant/roles").as_deref(),
            Some("my-tenant")
        );
    }
}
