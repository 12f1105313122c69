//! What a caller may do.
//!
//! Instance owners (superadmins) may do anything. Everything else is granted per tenant by
//! bindings; those arrive with roles and bindings, and until then only instance owners
//! manage anything.

use crate::auth::Caller;
use crate::error::{Error, Result};

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
