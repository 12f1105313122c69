//! Refusing a request its caller may not make: the request-level half of access control.
//!
//! [`TenantScope`] is the extractor of every `/api/v1/{tenant}/...` handler: it answers 401
//! without credentials, 404 for an unknown tenant, and 403 without access to it, and carries
//! what the caller may do there. The rules themselves (who holds which permission, and the
//! catalogue of which actions apply to which resource) are the store's: `store::grants` and
//! `store::catalogue`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kestra_model::{Action, Resource};
use rusqlite::{Connection, Transaction};

use crate::auth::client_ip;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store::access::has_access;
use crate::store::audit::Actor;
use crate::store::grants::{Caller, Grants, grants_in};

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
    /// The client's address, for the audit trail.
    pub ip: Option<String>,
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

    /// Who the audit trail says made this request's changes.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.caller.user_id.clone(),
            ip: self.ip.clone(),
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
            ip: client_ip(parts),
        };
        parts.extensions.insert(scope.clone());
        Ok(scope)
    }
}

/// The signed-in caller as the audit trail names them: 401 without credentials.
impl FromRequestParts<AppState> for Actor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let caller = Caller::from_request_parts(parts, state).await?;
        Ok(Actor {
            user_id: caller.user_id,
            ip: client_ip(parts),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
